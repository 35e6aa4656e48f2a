import CMongoC
import Foundation
import NonrelBSON

/// Results of `find`, `aggregate` and friends, read as an `AsyncSequence`.
///
/// ```swift
/// for try await post in try await posts.find(["author": "ada"]) { print(post) }
/// let all = try await posts.find().toArray()
/// ```
///
/// Documents arrive a server batch at a time. The underlying C cursor (and the pooled
/// connection it holds) is released as soon as the results are exhausted, when ``close()`` is
/// called, when iteration is cancelled, or when the cursor is dropped.
public final class MongoCursor<Element: Sendable>: AsyncSequence, Sendable {
    private let state: CursorState
    private let decode: @Sendable (BSONDocument) throws(MongoError) -> Element

    init(state: CursorState, decode: @escaping @Sendable (BSONDocument) throws(MongoError) -> Element) {
        self.state = state
        self.decode = decode
    }

    deinit { state.closeInBackground() }

    /// The next result, or `nil` when there are no more.
    public func next() async throws(MongoError) -> Element? {
        if Task.isCancelled {
            await close()
            throw MongoError(.cancelled, "cursor iteration was cancelled; the cursor is closed")
        }
        if let ready = state.takeBuffered() { return try decode(ready) }
        guard let document = try await state.fetch() else { return nil }
        return try decode(document)
    }

    /// Reads every remaining result.
    public func toArray() async throws(MongoError) -> [Element] {
        // Every batch is a blocking call: one hand-off to the client's threads for all of them.
        try await withTaskExecutorPreference(state.executor) { () async throws(MongoError) -> [Element] in
            var results: [Element] = []
            while let next = try await next() { results.append(next) }
            return results
        }
    }

    /// Releases the server cursor and the connection now. Later calls to `next()` return `nil`.
    public func close() async {
        await state.close()
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let cursor: MongoCursor
        public mutating func next() async throws -> Element? {
            try await cursor.next()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(cursor: self) }
}

/// The C cursor, its connection and the documents fetched but not yet returned. Every access
/// holds `lock`; the C cursor is only touched on the client's threads.
final class CursorState: @unchecked Sendable {
    private let lock = NSLock()
    private var cursor: OpaquePointer?
    private var buffer: [BSONDocument] = []
    private var position = 0
    private let connection: Connection
    private let threads: BlockingThreadPool
    /// Gives the connection back (to the pool, or nothing when it belongs to a session).
    private let release: @Sendable (Connection) -> Void
    private let fetchSize: Int
    private let context: String

    /// The executor of the threads this cursor's calls run on.
    var executor: any TaskExecutor { threads }

    /// Takes ownership of `cursor`, already created on `connection`.
    init(cursor: OpaquePointer, connection: Connection, threads: BlockingThreadPool, fetchSize: Int, context: String,
         release: @escaping @Sendable (Connection) -> Void) {
        self.cursor = cursor
        self.connection = connection
        self.threads = threads
        self.fetchSize = max(1, fetchSize)
        self.context = context
        self.release = release
    }

    func takeBuffered() -> BSONDocument? {
        lock.lock()
        defer { lock.unlock() }
        guard position < buffer.count else { return nil }
        let document = buffer[position]
        position += 1
        return document
    }

    /// Fetches the next documents on a client thread and returns the first of them.
    func fetch() async throws(MongoError) -> BSONDocument? {
        // An exhausted or closed cursor needs no trip to a client thread.
        guard isOpen else { return nil }
        return try await threads.run { () throws(MongoError) -> BSONDocument? in
            try self.fetchBlocking()
            return self.takeBuffered()
        }
    }

    /// Fills the buffer with up to `fetchSize` documents; must run on a client thread.
    func fetchBlocking() throws(MongoError) {
        lock.lock()
        defer { lock.unlock() }
        guard let cursor else { return }
        var fetched: [BSONDocument] = []
        fetched.reserveCapacity(min(fetchSize, 128))
        var document: OpaquePointer?
        while fetched.count < fetchSize {
            if mongoc_cursor_next(cursor, &document), let document {
                fetched.append(try CBSON.document(from: document))
                continue
            }
            var error = bson_error_t()
            var reply: OpaquePointer?
            if mongoc_cursor_error_document(cursor, &error, &reply) {
                let replyDocument = CBSON.optionalDocument(reply)
                destroyLocked()
                buffer = fetched
                position = 0
                throw MongoError(error, reply: replyDocument, context: context)
            }
            destroyLocked()
            break
        }
        buffer = fetched
        position = 0
    }

    /// Destroys the C cursor on a client thread and releases the connection.
    func close() async {
        guard isOpen else { return }
        _ = try? await threads.run { () throws(MongoError) in self.closeBlocking() }
    }

    /// Whether the C cursor is still alive.
    private var isOpen: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cursor != nil
    }

    /// For `deinit`: queues the cleanup without waiting.
    func closeInBackground() {
        if isOpen { threads.submit { self.closeBlocking() } }
    }

    private func closeBlocking() {
        lock.lock()
        defer { lock.unlock() }
        destroyLocked()
        buffer = []
        position = 0
    }

    private func destroyLocked() {
        guard let cursor else { return }
        mongoc_cursor_destroy(cursor)
        self.cursor = nil
        release(connection)
    }
}
