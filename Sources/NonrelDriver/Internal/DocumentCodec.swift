import NonrelBSON

/// Converts collection element types to and from BSON documents; `BSONDocument` passes through.
enum DocumentCodec {
    static func encode<T: Encodable>(_ value: T) throws(MongoError) -> BSONDocument {
        if let document = value as? BSONDocument { return document }
        throw MongoError(.bson, "Codable collections arrive with the BSON encoder")
    }

    static func decode<T: Decodable>(_ type: T.Type, from document: BSONDocument) throws(MongoError) -> T {
        if let same = document as? T { return same }
        throw MongoError(.bson, "Codable collections arrive with the BSON decoder")
    }
}
