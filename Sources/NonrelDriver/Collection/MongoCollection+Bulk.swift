import CMongoC
import NonrelBSON

/// One write of a `bulkWrite`.
public enum WriteModel<T: Codable & Sendable>: Sendable {
    case insertOne(T)
    case updateOne(filter: BSONDocument, update: BSONDocument, options: UpdateOptions = UpdateOptions())
    case updateMany(filter: BSONDocument, update: BSONDocument, options: UpdateOptions = UpdateOptions())
    case replaceOne(filter: BSONDocument, replacement: T, options: UpdateOptions = UpdateOptions())
    case deleteOne(filter: BSONDocument)
    case deleteMany(filter: BSONDocument)
}

/// The outcome of `bulkWrite`.
public struct BulkWriteResult: Sendable, Hashable {
    public let insertedCount: Int
    public let matchedCount: Int
    public let modifiedCount: Int
    public let deletedCount: Int
    public let upsertedCount: Int
    /// The `_id`s of upserted documents, by the index of their write in the request.
    public let upsertedIds: [Int: BSONValue]
    /// The `_id`s of inserted documents, by the index of their write in the request.
    public let insertedIds: [Int: BSONValue]
}

extension MongoCollection {
    /// Sends many writes in as few round trips as possible. With `ordered` (the default) the
    /// first failure stops the rest; the thrown error's `reply` lists what was written.
    @discardableResult
    public func bulkWrite(_ requests: [WriteModel<T>], ordered: Bool = true, session: ClientSession? = nil) async throws(MongoError) -> BulkWriteResult {
        guard !requests.isEmpty else {
            throw MongoError(.invalidArgument, "bulkWrite needs at least one write")
        }
        var steps: [BulkStep] = []
        var insertedIds: [Int: BSONValue] = [:]
        steps.reserveCapacity(requests.count)
        for (index, request) in requests.enumerated() {
            switch request {
            case .insertOne(let value):
                let (bytes, id) = try Self.prepareForInsert(value)
                insertedIds[index] = id
                steps.append(BulkStep(kind: .insert, first: bytes, second: nil, options: [:]))
            case .updateOne(let filter, let update, let options):
                try Self.requireOperators(update, operation: "bulkWrite updateOne")
                steps.append(try BulkStep(kind: .updateOne, filter: filter, second: update, options: options.document))
            case .updateMany(let filter, let update, let options):
                try Self.requireOperators(update, operation: "bulkWrite updateMany")
                steps.append(try BulkStep(kind: .updateMany, filter: filter, second: update, options: options.document))
            case .replaceOne(let filter, let replacement, let options):
                let document = try DocumentCodec.encode(replacement)
                steps.append(BulkStep(kind: .replaceOne, first: try encodeForServer(filter, what: "filter"),
                                      second: try encodeStorable(document, leading: nil, operation: "bulkWrite replaceOne"),
                                      options: options.document))
            case .deleteOne(let filter):
                steps.append(try BulkStep(kind: .deleteOne, filter: filter, second: nil, options: [:]))
            case .deleteMany(let filter):
                steps.append(try BulkStep(kind: .deleteMany, filter: filter, second: nil, options: [:]))
            }
        }
        let namespace = self.namespace
        let allSteps = steps
        let reply = try await withHandle(session: session) { (collection, sessionPointer) throws(MongoError) -> BSONDocument? in
            let opts = try Operations.options(["ordered": .bool(ordered)], session: sessionPointer)
            guard let bulk = mongoc_collection_create_bulk_operation_with_opts(collection, opts.pointer) else {
                throw MongoError(.internal, "libmongoc could not create a bulk operation")
            }
            defer { mongoc_bulk_operation_destroy(bulk) }
            for step in allSteps { try step.add(to: bulk) }
            var error = bson_error_t()
            let (status, reply) = CBSON.withReply { reply in mongoc_bulk_operation_execute(bulk, reply, &error) }
            try Operations.check(status != 0, error, reply, "bulkWrite on \(namespace) failed")
            return reply
        }
        var upserted: [Int: BSONValue] = [:]
        for entry in reply?["upserted"]?.arrayValue ?? [] {
            if let document = entry.documentValue, let index = document["index"]?.intValue, let id = document["_id"] {
                upserted[index] = id
            }
        }
        return BulkWriteResult(
            insertedCount: reply?["nInserted"]?.intValue ?? 0,
            matchedCount: reply?["nMatched"]?.intValue ?? 0,
            modifiedCount: reply?["nModified"]?.intValue ?? 0,
            deletedCount: reply?["nRemoved"]?.intValue ?? 0,
            upsertedCount: reply?["nUpserted"]?.intValue ?? 0,
            upsertedIds: upserted,
            insertedIds: insertedIds)
    }
}

/// One encoded write, ready to add to a libmongoc bulk operation on a client thread.
struct BulkStep: Sendable {
    enum Kind: Sendable { case insert, updateOne, updateMany, replaceOne, deleteOne, deleteMany }
    let kind: Kind
    let first: [UInt8]
    let second: [UInt8]?
    let options: BSONDocument

    init(kind: Kind, first: [UInt8], second: [UInt8]?, options: BSONDocument) {
        self.kind = kind
        self.first = first
        self.second = second
        self.options = options
    }

    init(kind: Kind, filter: BSONDocument, second: BSONDocument?, options: BSONDocument) throws(MongoError) {
        self.init(kind: kind, first: try encodeForServer(filter, what: "filter"),
                  second: try second.map { (d) throws(MongoError) in try encodeForServer(d, what: "update") },
                  options: options)
    }

    func add(to bulk: OpaquePointer) throws(MongoError) {
        var options = self.options
        if kind == .insert || kind == .replaceOne { options["validate"] = false }
        let opts = try Operations.options(options, session: nil)
        try CBSON.withBytes(first) { (first) throws(MongoError) in
            var error = bson_error_t()
            let ok: Bool
            switch kind {
            case .insert: ok = mongoc_bulk_operation_insert_with_opts(bulk, first, opts.pointer, &error)
            case .deleteOne: ok = mongoc_bulk_operation_remove_one_with_opts(bulk, first, opts.pointer, &error)
            case .deleteMany: ok = mongoc_bulk_operation_remove_many_with_opts(bulk, first, opts.pointer, &error)
            case .updateOne, .updateMany, .replaceOne:
                ok = try CBSON.withBytes(second ?? []) { (second) throws(MongoError) -> Bool in
                    switch kind {
                    case .updateOne: mongoc_bulk_operation_update_one_with_opts(bulk, first, second, opts.pointer, &error)
                    case .updateMany: mongoc_bulk_operation_update_many_with_opts(bulk, first, second, opts.pointer, &error)
                    default: mongoc_bulk_operation_replace_one_with_opts(bulk, first, second, opts.pointer, &error)
                    }
                }
            }
            try Operations.check(ok, error, nil, "bulkWrite rejected a write")
        }
    }
}
