import CMongoC
import NonrelBSON

/// A connection to a MongoDB deployment, backed by a libmongoc client pool.
///
/// Create one per process and share it: it is `Sendable`, pools its connections, and reconnects
/// by itself after a server restart. Every blocking libmongoc call runs on the client's own
/// threads (as many as the pool has connections), never on Swift's cooperative pool.
///
/// ```swift
/// let client = try MongoClient("mongodb://127.0.0.1:27017/?appname=blog")
/// let posts = client.database("blog").collection("posts")
/// try await posts.insertOne(["title": "Hello"])
/// ```
public final class MongoClient: Sendable {
    /// The parsed connection string.
    public let uri: MongoURI
    let connections: ConnectionPool
    let threads: BlockingThreadPool

    /// Connects lazily: no network traffic happens until the first operation.
    /// - Parameters:
    ///   - uri: a `mongodb://` or `mongodb+srv://` connection string.
    ///   - appName: sent in the handshake when the URI has no `appname`.
    public convenience init(_ uri: String, appName: String? = nil) throws(MongoError) {
        try self.init(uri: MongoURI(uri), appName: appName)
    }

    public init(uri: MongoURI, appName: String? = nil) throws(MongoError) {
        initialiseLibmongoc()
        var error = bson_error_t()
        guard let pool = mongoc_client_pool_new_with_error(uri.pointer, &error) else {
            throw MongoError(.invalidURI, "cannot create a client for \"\(MongoURI.redacted(uri.string))\": \(CBSON.message(of: error))")
        }
        mongoc_client_pool_set_error_api(pool, Int32(MONGOC_ERROR_API_VERSION_2))
        if let appName, mongoc_uri_get_appname(uri.pointer) == nil {
            _ = mongoc_client_pool_set_appname(pool, appName)
        }
        let poolSize = Int(mongoc_uri_get_option_as_int32(uri.pointer, MONGOC_URI_MAXPOOLSIZE, 100))
        self.uri = uri
        let minPoolSize = mongoc_uri_get_option_as_int32(uri.pointer, MONGOC_URI_MINPOOLSIZE, 0)
        self.connections = ConnectionPool(pool: pool, cachesHandles: minPoolSize == 0)
        self.threads = BlockingThreadPool(maximumThreads: poolSize > 0 ? poolSize : 100)
    }

    /// A handle to the database `name` (no network traffic).
    public func database(_ name: String) -> MongoDatabase {
        MongoDatabase(client: self, name: name)
    }

    /// The database named in the URI's path, or `"test"` when it names none.
    public var defaultDatabase: MongoDatabase {
        database(uri.database ?? "test")
    }

    /// The names of all databases on the server.
    public func listDatabaseNames() async throws(MongoError) -> [String] {
        let reply = try await database("admin").runCommand(["listDatabases": 1, "nameOnly": true])
        return reply["databases"]?.arrayValue?.compactMap { $0.documentValue?["name"]?.stringValue } ?? []
    }

    /// The executor of the client's own threads, where its blocking libmongoc calls run.
    ///
    /// Every operation hands its blocking call to one of these threads and resumes the caller
    /// afterwards: two thread switches. A task that prefers this executor runs on those
    /// threads already, so its operations call libmongoc inline:
    ///
    /// ```swift
    /// try await withTaskExecutorPreference(client.executor) {
    ///     for post in posts { try await collection.insertOne(post) }
    /// }
    /// ```
    ///
    /// Suited to code that mostly talks to the database; long computations are better kept on
    /// the default executor, since these threads also serve other tasks' operations.
    public var executor: any TaskExecutor { threads }

    /// Sends `ping` to the server: succeeds when a server is reachable and answering.
    public func ping() async throws(MongoError) {
        _ = try await database("admin").runCommand(["ping": 1])
    }

    /// Runs `body` with a pooled connection on one of the client's threads, or on the
    /// session's connection when a session is given.
    func execute<T: Sendable>(
        session: ClientSession?,
        _ body: @escaping @Sendable (Connection, OpaquePointer?) throws(MongoError) -> T
    ) async throws(MongoError) -> T {
        if let session {
            guard session.client === self else {
                throw MongoError(.invalidArgument, "the session belongs to another MongoClient; start it from the client that runs the operation")
            }
            return try await session.execute(body)
        }
        let connection = await connections.lease()
        defer { connections.release(connection) }
        return try await threads.run { () throws(MongoError) -> T in try body(connection, nil) }
    }
}
