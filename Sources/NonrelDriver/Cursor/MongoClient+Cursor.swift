import CMongoC
import NonrelBSON

extension MongoClient {
    /// Creates a C cursor with `create` on a client thread, fetches its first batch there (so
    /// errors such as a bad filter surface here), and wraps it. The cursor keeps its connection
    /// until it is exhausted or closed.
    func openCursor<Element: Sendable>(
        session: ClientSession?, fetchSize: Int, context: String,
        decode: @escaping @Sendable (BSONDocument) throws(MongoError) -> Element,
        _ create: @escaping @Sendable (Connection, OpaquePointer?) throws(MongoError) -> OpaquePointer
    ) async throws(MongoError) -> MongoCursor<Element> {
        let threads = self.threads
        let state: CursorState
        if let session {
            state = try await execute(session: session) { (connection, sessionPointer) throws(MongoError) in
                let cursor = try create(connection, sessionPointer)
                // The session owns the connection; holding the session keeps it alive.
                let state = CursorState(cursor: cursor, connection: connection, threads: threads, fetchSize: fetchSize,
                                        context: context, release: { _ in _ = session })
                try state.fetchBlocking()
                return state
            }
        } else {
            let connections = self.connections
            let connection = await connections.lease()
            do {
                state = try await threads.run { () throws(MongoError) -> CursorState in
                    let cursor: OpaquePointer
                    do throws(MongoError) { cursor = try create(connection, nil) } catch {
                        connections.release(connection)
                        throw error
                    }
                    let state = CursorState(cursor: cursor, connection: connection, threads: threads, fetchSize: fetchSize,
                                            context: context, release: { connections.release($0) })
                    try state.fetchBlocking()
                    return state
                }
            }
        }
        return MongoCursor(state: state, decode: decode)
    }
}
