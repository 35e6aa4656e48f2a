import CMongoC
import Foundation
import NonrelBSON

/// A logical session: causally consistent reads and writes, and multi-document transactions.
///
/// A session holds one pooled connection for its lifetime; operations given the session run on
/// it one at a time. End it with ``end()`` (or let ``MongoClient/withSession(_:)`` do it).
///
/// ```swift
/// try await client.withSession { session in
///     try await session.withTransaction {
///         try await accounts.updateOne(filter: ["_id": "a"], update: ["$inc": ["balance": -10]], session: session)
///         try await accounts.updateOne(filter: ["_id": "b"], update: ["$inc": ["balance": 10]], session: session)
///     }
/// }
/// ```
public final class ClientSession: @unchecked Sendable {
    // `lock` serialises every use of `session` and `connection`; both are only touched on the
    // client's threads while it is held.
    private let lock = NSLock()
    private var session: OpaquePointer?
    private let connection: Connection
    let client: MongoClient

    init(client: MongoClient, connection: Connection, session: OpaquePointer) {
        self.client = client
        self.connection = connection
        self.session = session
    }

    deinit {
        if let session {
            let connection = self.connection
            let connections = client.connections
            let handle = SessionHandle(pointer: session)
            client.threads.submit {
                mongoc_client_session_destroy(handle.pointer)
                connections.release(connection)
            }
        }
    }

    /// Whether a transaction is open on this session.
    public var inTransaction: Bool {
        lock.withLock { session.map { mongoc_client_session_in_transaction($0) } ?? false }
    }

    /// Runs `body` with the session's connection and handle, on a client thread.
    func execute<T: Sendable>(_ body: @escaping @Sendable (Connection, OpaquePointer?) throws(MongoError) -> T) async throws(MongoError) -> T {
        try await client.threads.run { () throws(MongoError) -> T in
            self.lock.lock()
            defer { self.lock.unlock() }
            guard let session = self.session else {
                throw MongoError(.invalidArgument, "the session has ended; start a new one with client.startSession()")
            }
            return try body(self.connection, session)
        }
    }

    /// Starts a multi-document transaction; pass the session to each operation that belongs to it.
    public func startTransaction(options: TransactionOptions = TransactionOptions()) async throws(MongoError) {
        let optionsDocument = options
        try await execute { (_, session) throws(MongoError) in
            let transactionOptions = try optionsDocument.makeC()
            defer { mongoc_transaction_opts_destroy(transactionOptions) }
            var error = bson_error_t()
            try Operations.check(mongoc_client_session_start_transaction(session, transactionOptions, &error),
                                 error, nil, "cannot start a transaction")
        }
    }

    /// Commits the open transaction.
    public func commitTransaction() async throws(MongoError) {
        try await execute { (_, session) throws(MongoError) in
            var error = bson_error_t()
            let (ok, reply) = CBSON.withReply { reply in
                mongoc_client_session_commit_transaction(session, reply, &error)
            }
            try Operations.check(ok, error, reply, "commit of the transaction failed")
        }
    }

    /// Aborts the open transaction, discarding its writes.
    public func abortTransaction() async throws(MongoError) {
        try await execute { (_, session) throws(MongoError) in
            var error = bson_error_t()
            try Operations.check(mongoc_client_session_abort_transaction(session, &error), error, nil, "abort of the transaction failed")
        }
    }

    /// Runs `body` in a transaction and commits it, retrying the whole transaction on
    /// `TransientTransactionError` and the commit on `UnknownTransactionCommitResult`, for up to
    /// `timeout` (120 s by default, as the MongoDB drivers' convention). Any other error aborts the
    /// transaction and is rethrown.
    @discardableResult
    public func withTransaction<R: Sendable>(
        options: TransactionOptions = TransactionOptions(), timeout: Duration = .seconds(120),
        _ body: () async throws -> R
    ) async throws -> R {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            try await startTransaction(options: options)
            let result: R
            do {
                result = try await body()
            } catch {
                if inTransaction { try? await abortTransaction() }
                if let mongo = error as? MongoError, mongo.hasLabel("TransientTransactionError"), clock.now < deadline {
                    continue
                }
                throw error
            }
            guard inTransaction else { return result } // the body committed or aborted itself
            while true {
                do {
                    try await commitTransaction()
                    return result
                } catch {
                    if error.hasLabel("UnknownTransactionCommitResult"), error.code != 50, clock.now < deadline {
                        continue
                    }
                    if error.hasLabel("TransientTransactionError"), clock.now < deadline {
                        break
                    }
                    throw error
                }
            }
        }
    }

    /// Ends the session: aborts any open transaction and gives the connection back.
    public func end() async {
        _ = try? await client.threads.run { () throws(MongoError) in
            self.lock.lock()
            defer { self.lock.unlock() }
            guard let session = self.session else { return }
            mongoc_client_session_destroy(session)
            self.session = nil
            self.client.connections.release(self.connection)
        }
    }
}

/// Lets `deinit` hand the C session to a client thread.
private struct SessionHandle: @unchecked Sendable {
    let pointer: OpaquePointer
}

/// Options of a transaction; unset values come from the client's URI.
public struct TransactionOptions: Sendable, Hashable {
    /// Read concern level such as `"snapshot"` or `"majority"`.
    public var readConcern: String?
    /// Write concern `w` such as `.string("majority")` or `.int32(1)`.
    public var writeConcern: BSONValue?
    public var maxCommitTimeMS: Int?

    public init(readConcern: String? = nil, writeConcern: BSONValue? = nil, maxCommitTimeMS: Int? = nil) {
        self.readConcern = readConcern
        self.writeConcern = writeConcern
        self.maxCommitTimeMS = maxCommitTimeMS
    }

    func makeC() throws(MongoError) -> OpaquePointer {
        guard let options = mongoc_transaction_opts_new() else {
            throw MongoError(.internal, "libmongoc could not allocate transaction options")
        }
        if let readConcern {
            let concern = mongoc_read_concern_new()
            mongoc_read_concern_set_level(concern, readConcern)
            mongoc_transaction_opts_set_read_concern(options, concern)
            mongoc_read_concern_destroy(concern)
        }
        if let writeConcern {
            let concern = mongoc_write_concern_new()
            switch writeConcern {
            case .string(let tag) where tag == "majority": mongoc_write_concern_set_w(concern, MONGOC_WRITE_CONCERN_W_MAJORITY)
            case .string(let tag): mongoc_write_concern_set_wtag(concern, tag)
            default:
                if let w = writeConcern.intValue { mongoc_write_concern_set_w(concern, Int32(w)) }
            }
            mongoc_transaction_opts_set_write_concern(options, concern)
            mongoc_write_concern_destroy(concern)
        }
        if let maxCommitTimeMS {
            mongoc_transaction_opts_set_max_commit_time_ms(options, Int64(maxCommitTimeMS))
        }
        return options
    }
}

extension MongoClient {
    /// Starts a session (holding one pooled connection until it ends).
    public func startSession(causalConsistency: Bool = true) async throws(MongoError) -> ClientSession {
        let connection = await connections.lease()
        let connections = self.connections
        let pointer = try await threads.run { () throws(MongoError) -> SessionPointer in
            let options = mongoc_session_opts_new()
            defer { mongoc_session_opts_destroy(options) }
            mongoc_session_opts_set_causal_consistency(options, causalConsistency)
            var error = bson_error_t()
            guard let session = mongoc_client_start_session(connection.client, options, &error) else {
                connections.release(connection)
                throw MongoError(error, reply: nil, context: "cannot start a session")
            }
            return SessionPointer(pointer: session)
        }
        return ClientSession(client: self, connection: connection, session: pointer.pointer)
    }

    /// Runs `body` with a new session and ends the session afterwards, even when `body` throws.
    public func withSession<R: Sendable>(causalConsistency: Bool = true, _ body: (ClientSession) async throws -> R) async throws -> R {
        let session = try await startSession(causalConsistency: causalConsistency)
        do {
            let result = try await body(session)
            await session.end()
            return result
        } catch {
            await session.end()
            throw error
        }
    }
}

/// Carries a new C session from a client thread back to the caller.
struct SessionPointer: @unchecked Sendable {
    let pointer: OpaquePointer
}
