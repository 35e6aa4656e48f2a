import CMongoC
import NonrelBSON

/// A collection whose documents are read and written as `T` (`BSONDocument` by default, or
/// any `Codable` type through the BSON encoder and decoder).
///
/// Operations are split by concern: `MongoCollection+Write.swift` (insert, update, delete),
/// `+Read.swift` (find, count, distinct, aggregate), `+FindAndModify.swift`, `+Bulk.swift`,
/// `+Indexes.swift`.
public struct MongoCollection<T: Codable & Sendable>: Sendable {
    public let database: MongoDatabase
    public let name: String

    init(database: MongoDatabase, name: String) {
        self.database = database
        self.name = name
    }

    public var client: MongoClient { database.client }

    /// `database.collection`, the namespace the server reports in errors.
    public var namespace: String { "\(database.name).\(name)" }

    /// The same collection read and written as another type.
    public func withType<U: Codable & Sendable>(_ type: U.Type) -> MongoCollection<U> {
        MongoCollection<U>(database: database, name: name)
    }

    /// Runs `body` on a client thread with a `mongoc_collection_t` handle and the session
    /// (if any) to append to the operation's options.
    func withHandle<R: Sendable>(
        session: ClientSession?,
        _ body: @escaping @Sendable (OpaquePointer, OpaquePointer?) throws(MongoError) -> R
    ) async throws(MongoError) -> R {
        let databaseName = database.name
        let name = self.name
        return try await client.execute(session: session) { (connection, sessionPointer) throws(MongoError) in
            try connection.withCollection(databaseName, name) { (collection) throws(MongoError) in
                try body(collection, sessionPointer)
            }
        }
    }

    /// Drops the collection with its indexes. Dropping a missing collection is not an error.
    public func drop(session: ClientSession? = nil) async throws(MongoError) {
        let namespace = self.namespace
        try await withHandle(session: session) { (collection, sessionPointer) throws(MongoError) in
            let opts = try Operations.options([:], session: sessionPointer)
            var error = bson_error_t()
            if !mongoc_collection_drop_with_opts(collection, opts.pointer, &error) {
                // "ns not found" (26) means there was nothing to drop.
                if error.code == 26 || CBSON.message(of: error).contains("ns not found") { return }
                throw MongoError(error, reply: nil, context: "drop of \(namespace) failed")
            }
        }
    }
}
