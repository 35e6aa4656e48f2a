import NonrelBSON

/// Converts collection element types to and from BSON documents; `BSONDocument` passes through.
enum DocumentCodec {
    static func encode<T: Encodable>(_ value: T) throws(MongoError) -> BSONDocument {
        if let document = value as? BSONDocument { return document }
        do {
            return try BSONEncoder().encode(value)
        } catch {
            throw MongoError(.bson, "cannot encode \(T.self) as a BSON document: \(error)")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, from document: BSONDocument) throws(MongoError) -> T {
        if let same = document as? T { return same }
        do {
            return try BSONDecoder().decode(T.self, from: document)
        } catch {
            throw MongoError(.bson, "cannot decode \(T.self) from a document of the collection: \(error)")
        }
    }
}
