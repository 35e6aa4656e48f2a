import CMongoC
import NonrelBSON

extension MongoCollection {
    /// Documents matching `filter` (all documents for `[:]`), as a cursor.
    public func find(_ filter: BSONDocument = [:], options: FindOptions = FindOptions(), session: ClientSession? = nil) async throws(MongoError) -> MongoCursor<T> {
        let filterBytes = try encodeForServer(filter, what: "filter")
        let optionsDocument = options.document
        let databaseName = database.name
        let name = self.name
        let context = "find on \(namespace) failed"
        return try await client.openCursor(
            session: session, fetchSize: Self.fetchSize(batchSize: options.batchSize, limit: options.limit), context: context,
            decode: { (document) throws(MongoError) in try DocumentCodec.decode(T.self, from: document) }
        ) { (connection, sessionPointer) throws(MongoError) in
            try connection.withCollection(databaseName, name) { (collection) throws(MongoError) in
                let opts = try Operations.options(optionsDocument, session: sessionPointer)
                return try CBSON.withBytes(filterBytes) { (filter) throws(MongoError) in
                    guard let cursor = mongoc_collection_find_with_opts(collection, filter, opts.pointer, nil) else {
                        throw MongoError(.internal, "libmongoc returned no cursor for \(context)")
                    }
                    return cursor
                }
            }
        }
    }

    /// The first document matching `filter` (in `options.sort` order), or `nil`.
    public func findOne(_ filter: BSONDocument = [:], options: FindOptions = FindOptions(), session: ClientSession? = nil) async throws(MongoError) -> T? {
        var options = options
        options.limit = 1
        options.batchSize = 1
        // Opening and closing the cursor are two blocking calls: one hand-off for both.
        return try await withTaskExecutorPreference(client.executor) { () async throws(MongoError) -> T? in
            let cursor = try await find(filter, options: options, session: session)
            let first = try await cursor.next()
            await cursor.close()
            return first
        }
    }

    /// Runs an aggregation pipeline and returns its results as a cursor of documents.
    public func aggregate(_ pipeline: [BSONDocument], options: AggregateOptions = AggregateOptions(), session: ClientSession? = nil) async throws(MongoError) -> MongoCursor<BSONDocument> {
        try await aggregate(pipeline, options: options, session: session, as: BSONDocument.self)
    }

    /// Runs an aggregation pipeline whose results decode as `U`.
    public func aggregate<U: Decodable & Sendable>(_ pipeline: [BSONDocument], options: AggregateOptions = AggregateOptions(), session: ClientSession? = nil, as type: U.Type) async throws(MongoError) -> MongoCursor<U> {
        let pipelineBytes = try encodeForServer(["pipeline": .array(pipeline.map(BSONValue.document))], what: "pipeline")
        let optionsDocument = options.document
        let databaseName = database.name
        let name = self.name
        let context = "aggregate on \(namespace) failed"
        return try await client.openCursor(
            session: session, fetchSize: Self.fetchSize(batchSize: options.batchSize, limit: nil), context: context,
            decode: { (document) throws(MongoError) in try DocumentCodec.decode(U.self, from: document) }
        ) { (connection, sessionPointer) throws(MongoError) in
            try connection.withCollection(databaseName, name) { (collection) throws(MongoError) in
                let opts = try Operations.options(optionsDocument, session: sessionPointer)
                return try CBSON.withBytes(pipelineBytes) { (pipeline) throws(MongoError) in
                    guard let cursor = mongoc_collection_aggregate(collection, MONGOC_QUERY_NONE, pipeline, opts.pointer, nil) else {
                        throw MongoError(.internal, "libmongoc returned no cursor for \(context)")
                    }
                    return cursor
                }
            }
        }
    }

    /// The number of documents matching `filter`, counted exactly by the server.
    public func countDocuments(_ filter: BSONDocument = [:], limit: Int? = nil, skip: Int? = nil, session: ClientSession? = nil) async throws(MongoError) -> Int {
        let filterBytes = try encodeForServer(filter, what: "filter")
        var optionsDocument = BSONDocument()
        optionsDocument.setIfPresent("limit", limit.map { .int64(Int64($0)) })
        optionsDocument.setIfPresent("skip", skip.map { .int64(Int64($0)) })
        let namespace = self.namespace
        return try await withHandle(session: session) { [optionsDocument] (collection, sessionPointer) throws(MongoError) in
            let opts = try Operations.options(optionsDocument, session: sessionPointer)
            return try CBSON.withBytes(filterBytes) { (filter) throws(MongoError) in
                var error = bson_error_t()
                let (count, reply) = CBSON.withReply { reply in
                    mongoc_collection_count_documents(collection, filter, opts.pointer, nil, reply, &error)
                }
                try Operations.check(count >= 0, error, reply, "count on \(namespace) failed")
                return Int(count)
            }
        }
    }

    /// A fast count from the collection's metadata (not filtered, may be approximate).
    public func estimatedDocumentCount(session: ClientSession? = nil) async throws(MongoError) -> Int {
        let namespace = self.namespace
        return try await withHandle(session: session) { (collection, sessionPointer) throws(MongoError) in
            let opts = try Operations.options([:], session: sessionPointer)
            var error = bson_error_t()
            let (count, reply) = CBSON.withReply { reply in
                mongoc_collection_estimated_document_count(collection, opts.pointer, nil, reply, &error)
            }
            try Operations.check(count >= 0, error, reply, "estimated count on \(namespace) failed")
            return Int(count)
        }
    }

    /// The distinct values of `field` (a dotted path) among documents matching `filter`.
    public func distinct(_ field: String, filter: BSONDocument = [:], session: ClientSession? = nil) async throws(MongoError) -> [BSONValue] {
        let command: BSONDocument = ["distinct": .string(name), "key": .string(field), "query": .document(filter)]
        let reply = try await database.runCommand(command, session: session)
        return reply["values"]?.arrayValue ?? []
    }

    /// Documents fetched per hop to a client thread: the batch size, bounded. With a limit, one
    /// more than the limit, so that the hop that reads the last document also finds the end and
    /// releases the cursor (no further hop to close it).
    static func fetchSize(batchSize: Int?, limit: Int?) -> Int {
        let base = batchSize.map { max(1, $0) } ?? 101
        if let limit, limit > 0 { return min(base, limit) + (base >= limit ? 1 : 0) }
        return base
    }
}
