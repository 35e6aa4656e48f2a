import NonrelBSON

/// Options of `find` and `findOne`.
public struct FindOptions: Sendable, Hashable {
    /// Sort specification, such as `["created": -1, "_id": 1]`.
    public var sort: BSONDocument?
    /// Fields to include or exclude, such as `["title": 1]`.
    public var projection: BSONDocument?
    public var skip: Int?
    public var limit: Int?
    /// How many documents each round trip to the server fetches.
    public var batchSize: Int?
    /// An index name (`.string`) or key pattern (`.document`) the server must use.
    public var hint: BSONValue?
    public var maxTimeMS: Int?
    public var collation: BSONDocument?

    public init(
        sort: BSONDocument? = nil, projection: BSONDocument? = nil, skip: Int? = nil, limit: Int? = nil,
        batchSize: Int? = nil, hint: BSONValue? = nil, maxTimeMS: Int? = nil, collation: BSONDocument? = nil
    ) {
        self.sort = sort
        self.projection = projection
        self.skip = skip
        self.limit = limit
        self.batchSize = batchSize
        self.hint = hint
        self.maxTimeMS = maxTimeMS
        self.collation = collation
    }

    var document: BSONDocument {
        var d = BSONDocument()
        d.setIfPresent("sort", sort.map(BSONValue.document))
        d.setIfPresent("projection", projection.map(BSONValue.document))
        d.setIfPresent("skip", skip.map { .int64(Int64($0)) })
        d.setIfPresent("limit", limit.map { .int64(Int64($0)) })
        d.setIfPresent("batchSize", batchSize.map { .int32(Int32(clamping: $0)) })
        d.setIfPresent("hint", hint)
        d.setIfPresent("maxTimeMS", maxTimeMS.map { .int64(Int64($0)) })
        d.setIfPresent("collation", collation.map(BSONValue.document))
        return d
    }
}

/// Options of `updateOne`, `updateMany` and `replaceOne`.
public struct UpdateOptions: Sendable, Hashable {
    /// Insert a document when none matches.
    public var upsert: Bool
    /// Filters choosing which array elements `$[identifier]` updates touch.
    public var arrayFilters: [BSONDocument]?
    public var hint: BSONValue?
    public var collation: BSONDocument?

    public init(upsert: Bool = false, arrayFilters: [BSONDocument]? = nil, hint: BSONValue? = nil, collation: BSONDocument? = nil) {
        self.upsert = upsert
        self.arrayFilters = arrayFilters
        self.hint = hint
        self.collation = collation
    }

    var document: BSONDocument {
        var d = BSONDocument()
        if upsert { d["upsert"] = true }
        d.setIfPresent("arrayFilters", arrayFilters.map { .array($0.map(BSONValue.document)) })
        d.setIfPresent("hint", hint)
        d.setIfPresent("collation", collation.map(BSONValue.document))
        return d
    }
}

/// Options of `aggregate`.
public struct AggregateOptions: Sendable, Hashable {
    public var allowDiskUse: Bool?
    public var batchSize: Int?
    public var hint: BSONValue?
    public var maxTimeMS: Int?
    /// Values for `$$name` variables in the pipeline.
    public var variables: BSONDocument?

    public init(allowDiskUse: Bool? = nil, batchSize: Int? = nil, hint: BSONValue? = nil, maxTimeMS: Int? = nil, variables: BSONDocument? = nil) {
        self.allowDiskUse = allowDiskUse
        self.batchSize = batchSize
        self.hint = hint
        self.maxTimeMS = maxTimeMS
        self.variables = variables
    }

    var document: BSONDocument {
        var d = BSONDocument()
        d.setIfPresent("allowDiskUse", allowDiskUse.map(BSONValue.bool))
        d.setIfPresent("batchSize", batchSize.map { .int32(Int32(clamping: $0)) })
        d.setIfPresent("hint", hint)
        d.setIfPresent("maxTimeMS", maxTimeMS.map { .int64(Int64($0)) })
        d.setIfPresent("let", variables.map(BSONValue.document))
        return d
    }
}
