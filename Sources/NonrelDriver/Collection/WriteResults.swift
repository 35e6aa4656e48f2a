import NonrelBSON

/// The outcome of `insertOne`.
public struct InsertOneResult: Sendable, Hashable {
    /// The `_id` of the inserted document (generated when the document had none).
    public let insertedId: BSONValue
}

/// The outcome of `insertMany`.
public struct InsertManyResult: Sendable, Hashable {
    public let insertedCount: Int
    /// The `_id`s in the order of the inserted documents.
    public let insertedIds: [BSONValue]
}

/// The outcome of `updateOne`, `updateMany` and `replaceOne`.
public struct UpdateResult: Sendable, Hashable {
    public let matchedCount: Int
    public let modifiedCount: Int
    /// The `_id` of the document an upsert inserted, if it inserted one.
    public let upsertedId: BSONValue?

    init(reply: BSONDocument?) {
        matchedCount = reply?["matchedCount"]?.intValue ?? 0
        modifiedCount = reply?["modifiedCount"]?.intValue ?? 0
        upsertedId = reply?["upsertedId"]
    }
}

/// The outcome of `deleteOne` and `deleteMany`.
public struct DeleteResult: Sendable, Hashable {
    public let deletedCount: Int
}
