import CMongoC
import NonrelBSON

/// A database on the server. Cheap to create; holds no connection.
public struct MongoDatabase: Sendable {
    public let client: MongoClient
    public let name: String

    /// A handle to the collection `name` whose documents are `BSONDocument`s.
    public func collection(_ name: String) -> MongoCollection<BSONDocument> {
        MongoCollection(database: self, name: name)
    }

    /// A handle to the collection `name` whose documents encode and decode as `T`.
    public func collection<T: Codable & Sendable>(_ name: String, as type: T.Type) -> MongoCollection<T> {
        MongoCollection(database: self, name: name)
    }

    /// Runs a database command and returns the server's reply.
    ///
    /// A reply with `ok: 0` throws a ``MongoError`` with the server's code and message.
    @discardableResult
    public func runCommand(_ command: BSONDocument, session: ClientSession? = nil) async throws(MongoError) -> BSONDocument {
        let name = self.name
        return try await client.execute(session: session) { (connection, sessionPointer) throws(MongoError) in
            try connection.withDatabase(name) { (database) throws(MongoError) in
                let opts = try Operations.options([:], session: sessionPointer)
                return try CBSON.with(command, what: "command") { (commandPointer) throws(MongoError) in
                    var error = bson_error_t()
                    let (ok, reply) = CBSON.withReply { reply in
                        mongoc_database_command_with_opts(database, commandPointer, nil, opts.pointer, reply, &error)
                    }
                    guard ok else {
                        throw MongoError(error, reply: reply, context: "command \(command.keys.first ?? "") failed")
                    }
                    return reply ?? [:]
                }
            }
        }
    }

    /// The names of the database's collections, optionally filtered (`["name": "posts"]`).
    public func listCollectionNames(filter: BSONDocument = [:], session: ClientSession? = nil) async throws(MongoError) -> [String] {
        try await listCollections(filter: filter, session: session).compactMap { $0["name"]?.stringValue }
    }

    /// The database's collections as the server describes them (name, type, options, info).
    public func listCollections(filter: BSONDocument = [:], session: ClientSession? = nil) async throws(MongoError) -> [BSONDocument] {
        var command: BSONDocument = ["listCollections": 1, "filter": .document(filter)]
        command["cursor"] = [:]
        let reply = try await runCommand(command, session: session)
        return reply["cursor"]?.documentValue?["firstBatch"]?.arrayValue?.compactMap(\.documentValue) ?? []
    }

    /// Creates a collection explicitly (to pass options such as `capped` or `validator`).
    @discardableResult
    public func createCollection(
        _ name: String, options: BSONDocument = [:], session: ClientSession? = nil
    ) async throws(MongoError) -> MongoCollection<BSONDocument> {
        var command: BSONDocument = ["create": .string(name)]
        for element in options { command[element.key] = element.value }
        try await runCommand(command, session: session)
        return collection(name)
    }

    /// Drops the database and everything in it.
    public func drop(session: ClientSession? = nil) async throws(MongoError) {
        try await runCommand(["dropDatabase": 1], session: session)
    }
}
