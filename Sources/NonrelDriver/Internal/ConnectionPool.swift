import CMongoC
import Synchronization

/// One pooled `mongoc_client_t`, lent to one operation (or one cursor, or one session) at a
/// time. libmongoc clients are not thread-safe; the lease is what makes sharing them across
/// threads sound, which is why this type is `@unchecked Sendable`.
final class Connection: @unchecked Sendable {
    let client: OpaquePointer

    init(client: OpaquePointer) { self.client = client }

    /// Calls `body` with a collection handle of this client.
    func withCollection<R>(
        _ database: String, _ collection: String,
        _ body: (OpaquePointer) throws(MongoError) -> R
    ) throws(MongoError) -> R {
        guard let handle = mongoc_client_get_collection(client, database, collection) else {
            throw MongoError(.internal, "libmongoc returned no handle for collection \(database).\(collection)")
        }
        defer { mongoc_collection_destroy(handle) }
        return try body(handle)
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
    private let waiters = Mutex<[CheckedContinuation<Connection, Never>]>([])

    init(pool: OpaquePointer) { self.pool = pool }

    /// Borrows a client; suspends while all of them are in use.
    func lease() async -> Connection {
        if let ready = tryLease() { return ready }
        return await withCheckedContinuation { continuation in
            let immediate: Connection? = waiters.withLock { queue in
                if queue.isEmpty, let client = mongoc_client_pool_try_pop(pool) {
                    return Connection(client: client)
                }
                queue.append(continuation)
                return nil
            }
            if let immediate { continuation.resume(returning: immediate) }
        }
    }

    private func tryLease() -> Connection? {
        waiters.withLock { queue in
            guard queue.isEmpty, let client = mongoc_client_pool_try_pop(pool) else { return nil }
            return Connection(client: client)
        }
    }

    /// Returns a borrowed client: to the next waiter, or to the pool.
    func release(_ connection: Connection) {
        let next: CheckedContinuation<Connection, Never>? = waiters.withLock { queue in
            if queue.isEmpty {
                mongoc_client_pool_push(pool, connection.client)
                return nil
            }
            return queue.removeFirst()
        }
        next?.resume(returning: connection)
    }

    deinit {
        mongoc_client_pool_destroy(pool)
    }
}
