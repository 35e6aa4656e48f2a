import CMongoC
import NonrelBSON

/// Which version of the document `findOneAndUpdate`/`findOneAndReplace` return.
public enum ReturnDocument: Sendable, Hashable {
    /// The document as it was before the change.
    case before
    /// The document as it is after the change.
    case after
}

/// Options of `findOneAndUpdate`, `findOneAndReplace` and `findOneAndDelete`.
public struct FindOneAndModifyOptions: Sendable, Hashable {
    /// Which match to act on when several match.
    public var sort: BSONDocument?
    /// Fields of the returned document.
    public var projection: BSONDocument?
    public var upsert: Bool
    public var returnDocument: ReturnDocument
    public var arrayFilters: [BSONDocument]?
    public var hint: BSONValue?

    public init(sort: BSONDocument? = nil, projection: BSONDocument? = nil, upsert: Bool = false,
                returnDocument: ReturnDocument = .before, arrayFilters: [BSONDocument]? = nil, hint: BSONValue? = nil) {
        self.sort = sort
        self.projection = projection
        self.upsert = upsert
        self.returnDocument = returnDocument
        self.arrayFilters = arrayFilters
        self.hint = hint
    }
}

extension MongoCollection {
    /// Atomically updates the first match and returns it (before or after the update).
    public func findOneAndUpdate(filter: BSONDocument, update: BSONDocument, options: FindOneAndModifyOptions = FindOneAndModifyOptions(), session: ClientSession? = nil) async throws(MongoError) -> T? {
        try Self.requireOperators(update, operation: "findOneAndUpdate")
        let updateBytes = try encodeForServer(update, what: "update")
        return try await findAndModify(filter: filter, updateBytes: updateBytes, remove: false, options: options, session: session)
    }

    /// Atomically replaces the first match and returns it (before or after the replacement).
    public func findOneAndReplace(filter: BSONDocument, replacement: T, options: FindOneAndModifyOptions = FindOneAndModifyOptions(), session: ClientSession? = nil) async throws(MongoError) -> T? {
        let document = try DocumentCodec.encode(replacement)
        let replacementBytes = try encodeStorable(document, leading: nil, operation: "findOneAndReplace")
        return try await findAndModify(filter: filter, updateBytes: replacementBytes, remove: false, options: options, session: session)
    }

    /// Atomically deletes the first match and returns it.
    public func findOneAndDelete(filter: BSONDocument, options: FindOneAndModifyOptions = FindOneAndModifyOptions(), session: ClientSession? = nil) async throws(MongoError) -> T? {
        try await findAndModify(filter: filter, updateBytes: nil, remove: true, options: options, session: session)
    }

    private func findAndModify(filter: BSONDocument, updateBytes: [UInt8]?, remove: Bool, options: FindOneAndModifyOptions, session: ClientSession?) async throws(MongoError) -> T? {
        let filterBytes = try encodeForServer(filter, what: "filter")
        let sortBytes = try options.sort.map { (s) throws(MongoError) in try encodeForServer(s, what: "sort") }
        let projectionBytes = try options.projection.map { (p) throws(MongoError) in try encodeForServer(p, what: "projection") }
        var extra = BSONDocument()
        extra.setIfPresent("arrayFilters", options.arrayFilters.map { .array($0.map(BSONValue.document)) })
        extra.setIfPresent("hint", options.hint)
        let namespace = self.namespace
        var flags = MONGOC_FIND_AND_MODIFY_NONE.rawValue
        if remove { flags |= MONGOC_FIND_AND_MODIFY_REMOVE.rawValue }
        if options.upsert { flags |= MONGOC_FIND_AND_MODIFY_UPSERT.rawValue }
        if options.returnDocument == .after { flags |= MONGOC_FIND_AND_MODIFY_RETURN_NEW.rawValue }
        let allFlags = flags
        let value: BSONValue? = try await withHandle(session: session) { [extra] (collection, sessionPointer) throws(MongoError) in
            let opts = mongoc_find_and_modify_opts_new()
            defer { mongoc_find_and_modify_opts_destroy(opts) }
            mongoc_find_and_modify_opts_set_flags(opts, mongoc_find_and_modify_flags_t(rawValue: allFlags))
            if let updateBytes {
                try CBSON.withBytes(updateBytes) { (u) throws(MongoError) in _ = mongoc_find_and_modify_opts_set_update(opts, u) }
            }
            if let sortBytes {
                try CBSON.withBytes(sortBytes) { (s) throws(MongoError) in _ = mongoc_find_and_modify_opts_set_sort(opts, s) }
            }
            if let projectionBytes {
                try CBSON.withBytes(projectionBytes) { (p) throws(MongoError) in _ = mongoc_find_and_modify_opts_set_fields(opts, p) }
            }
            let extraOptions = try Operations.options(extra, session: sessionPointer)
            _ = mongoc_find_and_modify_opts_append(opts, extraOptions.pointer)
            return try CBSON.withBytes(filterBytes) { (query) throws(MongoError) in
                var error = bson_error_t()
                let (ok, reply) = CBSON.withReply { reply in
                    mongoc_collection_find_and_modify_with_opts(collection, query, opts, reply, &error)
                }
                try Operations.check(ok, error, reply, "findAndModify on \(namespace) failed")
                return reply?["value"]
            }
        }
        guard case .document(let document)? = value else { return nil }
        return try DocumentCodec.decode(T.self, from: document)
    }
}
