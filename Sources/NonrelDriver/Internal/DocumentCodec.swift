import NonrelBSON

/// Converts collection element types to and from BSON documents; `BSONDocument` passes through.
enum DocumentCodec {
    static func encode<T: Encodable>(_ value: T) throws(MongoError) -> BSONDocument {
        if T.self == BSONDocument.self { return unsafeBitCast(value, to: BSONDocument.self) }
        do {
            return try BSONEncoder().encode(value)
        } catch {
            throw MongoError(.bson, "cannot encode \(T.self) as a BSON document: \(error)")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, from document: BSONDocument) throws(MongoError) -> T {
        if T.self == BSONDocument.self { return unsafeBitCast(document, to: T.self) }
        do {
            return try BSONDecoder().decode(T.self, from: document)
        } catch {
            throw MongoError(.bson, "cannot decode \(T.self) from a document of the collection: \(error)")
        }
    }
}
