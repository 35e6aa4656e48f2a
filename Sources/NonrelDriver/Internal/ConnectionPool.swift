import CMongoC
import Synchronization

/// One pooled `mongoc_client_t`, lent to one operation (or one cursor, or one session) at a
/// time. libmongoc clients are not thread-safe; the lease is what makes sharing them across
/// threads sound, which is why this type is `@unchecked Sendable`.
///
/// The pool keeps one `Connection` per C client, so that collection handles (whose creation
/// copies names and concerns) are made once per client and namespace, not once per operation.
final class Connection: @unchecked Sendable {
    let client: OpaquePointer
    /// Collection handles by database and collection name; touched only under the lease.
    private var collections: [CollectionKey: OpaquePointer] = [:]
    private let cachesHandles: Bool

    private struct CollectionKey: Hashable {
        let database: String
        let collection: String
    }

    /// The most collection handles kept per client; beyond it the cache starts over.
    private static let handleLimit = 64

    init(client: OpaquePointer, cachesHandles: Bool) {
        self.client = client
        self.cachesHandles = cachesHandles
    }

    /// Calls `body` with a collection handle of this client.
    func withCollection<R>(
        _ database: String, _ collection: String,
        _ body: (OpaquePointer) throws(MongoError) -> R
    ) throws(MongoError) -> R {
        guard cachesHandles else {
            let handle = try Self.newCollection(client, database, collection)
            defer { mongoc_collection_destroy(handle) }
            return try body(handle)
        }
        let key = CollectionKey(database: database, collection: collection)
        if let handle = collections[key] { return try body(handle) }
        if collections.count >= Self.handleLimit { destroyHandles() }
        let handle = try Self.newCollection(client, database, collection)
        collections[key] = handle
        return try body(handle)
    }

    private static func newCollection(_ client: OpaquePointer, _ database: String, _ collection: String) throws(MongoError) -> OpaquePointer {
        guard let handle = mongoc_client_get_collection(client, database, collection) else {
            throw MongoError(.internal, "libmongoc returned no handle for collection \(database).\(collection)")
        }
        return handle
    }

    /// Destroys the cached collection handles (before the client itself goes).
    func destroyHandles() {
        for handle in collections.values { mongoc_collection_destroy(handle) }
        collections.removeAll()
    }

    /// Calls `body` with a database handle of this client.
    func withDatabase<R>(
        _ database: String, _ body: (OpaquePointer) throws(MongoError) -> R
    ) throws(MongoError) -> R {
        guard let handle = mongoc_client_get_database(client, database) else {
            throw MongoError(.internal, "libmongoc returned no handle for database \(database)")
        }
        defer { mongoc_database_destroy(handle) }
        return try body(handle)
    }
}

/// Wraps `mongoc_client_pool_t` (thread-safe in libmongoc) and hands clients out without ever
/// blocking a thread: when every client is in use, callers wait asynchronously for one to return.
final class ConnectionPool: @unchecked Sendable {
    private let pool: OpaquePointer
    private let state = Mutex(State())
    /// Whether connections keep collection handles. Not with `minPoolSize`, where libmongoc
    /// may destroy a client it is given back (and with it every handle made from it).
    private let cachesHandles: Bool

    private struct State: ~Copyable {
        var waiters: [CheckedContinuation<Connection, Never>] = []
        /// The wrapper of every C client handed out so far.
        var connections: [OpaquePointer: Connection] = [:]

        mutating func connection(for client: OpaquePointer, cachesHandles: Bool) -> Connection {
            if let known = connections[client] { return known }
            let connection = Connection(client: client, cachesHandles: cachesHandles)
            if cachesHandles { connections[client] = connection }
            return connection
        }
    }

    init(pool: OpaquePointer, cachesHandles: Bool) {
        self.pool = pool
        self.cachesHandles = cachesHandles
    }

    /// Borrows a client; suspends while all of them are in use.
    func lease() async -> Connection {
        if let ready = tryLease() { return ready }
        return await withCheckedContinuation { continuation in
            let immediate: Connection? = state.withLock { state in
                if state.waiters.isEmpty, let client = mongoc_client_pool_try_pop(pool) {
                    return state.connection(for: client, cachesHandles: cachesHandles)
                }
                state.waiters.append(continuation)
                return nil
            }
            if let immediate { continuation.resume(returning: immediate) }
        }
    }

    private func tryLease() -> Connection? {
        state.withLock { state in
            guard state.waiters.isEmpty, let client = mongoc_client_pool_try_pop(pool) else { return nil }
            return state.connection(for: client, cachesHandles: cachesHandles)
        }
    }

    /// Returns a borrowed client: to the next waiter, or to the pool.
    func release(_ connection: Connection) {
        let next: CheckedContinuation<Connection, Never>? = state.withLock { state in
            if state.waiters.isEmpty {
                mongoc_client_pool_push(pool, connection.client)
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.resume(returning: connection)
    }

    deinit {
        state.withLock { state in
            for connection in state.connections.values { connection.destroyHandles() }
        }
        mongoc_client_pool_destroy(pool)
    }
}
