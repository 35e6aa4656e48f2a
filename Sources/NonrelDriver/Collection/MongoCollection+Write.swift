import CMongoC
import NonrelBSON

extension MongoCollection {
    /// Inserts `value`. A document without `_id` gets a new ObjectId, returned in the result.
    ///
    /// Field names starting with `$` or containing `.` are rejected with
    /// ``MongoError/Kind/invalidArgument`` before anything is sent; a unique-index violation
    /// throws ``MongoError/Kind/duplicateKey`` naming the index and key.
    @discardableResult
    public func insertOne(_ value: T, session: ClientSession? = nil) async throws(MongoError) -> InsertOneResult {
        let (bytes, id) = try Self.prepareForInsert(value)
        let namespace = self.namespace
        try await withHandle(session: session) { (collection, sessionPointer) throws(MongoError) in
            // Field names were checked by `prepareForInsert`; libmongoc need not walk them again.
            let opts = try Operations.options(["validate": false], session: sessionPointer)
            try CBSON.withBytes(bytes) { (document) throws(MongoError) in
                var error = bson_error_t()
                let (ok, reply) = CBSON.withReplyOnFailure { reply in
                    mongoc_collection_insert_one(collection, document, opts.pointer, reply, &error)
                }
                try Operations.check(ok, error, reply, "insert into \(namespace) failed")
            }
        }
        return InsertOneResult(insertedId: id)
    }

    /// Inserts `values` in one round trip per server batch. With `ordered` (the default) the
    /// first failure stops the batch; otherwise every valid document is written and the error
    /// reports the failures.
    @discardableResult
    public func insertMany(_ values: [T], ordered: Bool = true, session: ClientSession? = nil) async throws(MongoError) -> InsertManyResult {
        guard !values.isEmpty else {
            throw MongoError(.invalidArgument, "insertMany needs at least one document")
        }
        var encoded: [[UInt8]] = []
        var ids: [BSONValue] = []
        encoded.reserveCapacity(values.count)
        ids.reserveCapacity(values.count)
        for value in values {
            let (bytes, id) = try Self.prepareForInsert(value)
            encoded.append(bytes)
            ids.append(id)
        }
        let namespace = self.namespace
        let documents = encoded
        let count = try await withHandle(session: session) { (collection, sessionPointer) throws(MongoError) in
            let opts = try Operations.options(["ordered": .bool(ordered), "validate": false], session: sessionPointer)
            return try CBSON.withArray(documents) { (documents, count) throws(MongoError) in
                var error = bson_error_t()
                let (ok, reply) = CBSON.withReply { reply in
                    mongoc_collection_insert_many(collection, documents, count, opts.pointer, reply, &error)
                }
                try Operations.check(ok, error, reply, "insertMany into \(namespace) failed")
                return reply?["insertedCount"]?.intValue ?? count
            }
        }
        return InsertManyResult(insertedCount: count, insertedIds: ids)
    }

    /// Applies an update document (`["$set": [...]]`, `["$inc": [...]]`...) to the first match.
    @discardableResult
    public func updateOne(filter: BSONDocument, update: BSONDocument, options: UpdateOptions = UpdateOptions(), session: ClientSession? = nil) async throws(MongoError) -> UpdateResult {
        try Self.requireOperators(update, operation: "updateOne")
        return try await performUpdate(.one, filter: filter, update: update, options: options, session: session)
    }

    /// Applies an update document to every match.
    @discardableResult
    public func updateMany(filter: BSONDocument, update: BSONDocument, options: UpdateOptions = UpdateOptions(), session: ClientSession? = nil) async throws(MongoError) -> UpdateResult {
        try Self.requireOperators(update, operation: "updateMany")
        return try await performUpdate(.many, filter: filter, update: update, options: options, session: session)
    }

    /// Applies an aggregation pipeline update (`[["$set": ["total": ["$add": ["$a", "$b"]]]]]`)
    /// to the first match.
    @discardableResult
    public func updateOne(filter: BSONDocument, pipeline: [BSONDocument], options: UpdateOptions = UpdateOptions(), session: ClientSession? = nil) async throws(MongoError) -> UpdateResult {
        try await performUpdate(.one, filter: filter, update: Self.pipelineDocument(pipeline), options: options, session: session)
    }

    /// Applies an aggregation pipeline update to every match.
    @discardableResult
    public func updateMany(filter: BSONDocument, pipeline: [BSONDocument], options: UpdateOptions = UpdateOptions(), session: ClientSession? = nil) async throws(MongoError) -> UpdateResult {
        try await performUpdate(.many, filter: filter, update: Self.pipelineDocument(pipeline), options: options, session: session)
    }

    /// Replaces the first match with `replacement` (which keeps the matched `_id`).
    @discardableResult
    public func replaceOne(filter: BSONDocument, replacement: T, options: UpdateOptions = UpdateOptions(), session: ClientSession? = nil) async throws(MongoError) -> UpdateResult {
        let document = try DocumentCodec.encode(replacement)
        let bytes = try encodeStorable(document, leading: nil, operation: "replaceOne")
        return try await performUpdate(.replace, filter: filter, updateBytes: bytes, options: options, session: session)
    }

    /// Deletes the first match.
    @discardableResult
    public func deleteOne(filter: BSONDocument, session: ClientSession? = nil) async throws(MongoError) -> DeleteResult {
        try await delete(many: false, filter: filter, session: session)
    }

    /// Deletes every match (`[:]` deletes all documents).
    @discardableResult
    public func deleteMany(filter: BSONDocument, session: ClientSession? = nil) async throws(MongoError) -> DeleteResult {
        try await delete(many: true, filter: filter, session: session)
    }

    // MARK: - Shared steps

    enum UpdateKind: Sendable { case one, many, replace }

    private func performUpdate(_ kind: UpdateKind, filter: BSONDocument, update: BSONDocument, options: UpdateOptions, session: ClientSession?) async throws(MongoError) -> UpdateResult {
        let updateBytes = try encodeForServer(update, what: "update")
        return try await performUpdate(kind, filter: filter, updateBytes: updateBytes, options: options, session: session)
    }

    private func performUpdate(_ kind: UpdateKind, filter: BSONDocument, updateBytes: [UInt8], options: UpdateOptions, session: ClientSession?) async throws(MongoError) -> UpdateResult {
        let filterBytes = try encodeForServer(filter, what: "filter")
        var optionsToSend = options.document
        // A replacement's field names were checked while encoding it (`encodeStorable`), and
        // Swift strings are valid UTF-8: libmongoc need not walk it again.
        if kind == .replace { optionsToSend["validate"] = false }
        let optionsDocument = optionsToSend
        let namespace = self.namespace
        let reply = try await withHandle(session: session) { (collection, sessionPointer) throws(MongoError) in
            let opts = try Operations.options(optionsDocument, session: sessionPointer)
            return try CBSON.withBytes(filterBytes) { (selector) throws(MongoError) in
                try CBSON.withBytes(updateBytes) { (updatePointer) throws(MongoError) in
                    var error = bson_error_t()
                    let (ok, reply) = CBSON.withReply { reply in
                        switch kind {
                        case .one: mongoc_collection_update_one(collection, selector, updatePointer, opts.pointer, reply, &error)
                        case .many: mongoc_collection_update_many(collection, selector, updatePointer, opts.pointer, reply, &error)
                        case .replace: mongoc_collection_replace_one(collection, selector, updatePointer, opts.pointer, reply, &error)
                        }
                    }
                    try Operations.check(ok, error, reply, "update of \(namespace) failed")
                    return reply
                }
            }
        }
        return UpdateResult(reply: reply)
    }

    private func delete(many: Bool, filter: BSONDocument, session: ClientSession?) async throws(MongoError) -> DeleteResult {
        let filterBytes = try encodeForServer(filter, what: "filter")
        let namespace = self.namespace
        return try await withHandle(session: session) { (collection, sessionPointer) throws(MongoError) in
            let opts = try Operations.options([:], session: sessionPointer)
            return try CBSON.withBytes(filterBytes) { (selector) throws(MongoError) in
                var error = bson_error_t()
                let (ok, reply) = CBSON.withReply { reply in
                    many ? mongoc_collection_delete_many(collection, selector, opts.pointer, reply, &error)
                        : mongoc_collection_delete_one(collection, selector, opts.pointer, reply, &error)
                }
                try Operations.check(ok, error, reply, "delete from \(namespace) failed")
                return DeleteResult(deletedCount: reply?["deletedCount"]?.intValue ?? 0)
            }
        }
    }

    /// Encodes a value for insertion, giving it an `_id` first when it has none.
    static func prepareForInsert(_ value: T) throws(MongoError) -> ([UInt8], BSONValue) {
        let document = try DocumentCodec.encode(value)
        let id: BSONValue
        let leading: BSONElement?
        if let existing = document["_id"] {
            id = existing
            leading = nil
        } else {
            id = .objectId(ObjectId())
            leading = BSONElement(key: "_id", value: id)
        }
        return (try encodeStorable(document, leading: leading, operation: "insert"), id)
    }

    static func requireOperators(_ update: BSONDocument, operation: String) throws(MongoError) {
        guard !update.isEmpty else {
            throw MongoError(.invalidArgument, "\(operation) needs a non-empty update document such as [\"$set\": [\"field\": value]]")
        }
        for key in update.keys where !key.hasPrefix("$") {
            throw MongoError(.invalidArgument, "\(operation): update key \"\(key)\" is not an update operator; wrap fields in an operator such as [\"$set\": [\"\(key)\": ...]], or use replaceOne to replace the whole document")
        }
    }

    static func pipelineDocument(_ pipeline: [BSONDocument]) -> BSONDocument {
        BSONDocument(pipeline.enumerated().map { (String($0.offset), BSONValue.document($0.element)) })
    }
}
