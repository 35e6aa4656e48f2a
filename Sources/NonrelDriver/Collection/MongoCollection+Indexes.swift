import CMongoC
import NonrelBSON

/// An index to create: its keys (`["email": 1]`, `["author": 1, "created": -1]`, `["body": "text"]`)
/// and options.
public struct IndexModel: Sendable, Hashable {
    public var keys: BSONDocument
    /// The index name; derived from the keys (`author_1_created_-1`) when nil.
    public var name: String?
    public var unique: Bool?
    public var sparse: Bool?
    /// Only documents matching this filter are indexed.
    public var partialFilterExpression: BSONDocument?
    /// Documents expire this many seconds after the indexed date (a TTL index).
    public var expireAfterSeconds: Int?
    /// Any further index options, merged into the specification as given.
    public var extraOptions: BSONDocument

    public init(keys: BSONDocument, name: String? = nil, unique: Bool? = nil, sparse: Bool? = nil,
                partialFilterExpression: BSONDocument? = nil, expireAfterSeconds: Int? = nil,
                extraOptions: BSONDocument = [:]) {
        self.keys = keys
        self.name = name
        self.unique = unique
        self.sparse = sparse
        self.partialFilterExpression = partialFilterExpression
        self.expireAfterSeconds = expireAfterSeconds
        self.extraOptions = extraOptions
    }

    /// The name the server will use: the given one, or the keys joined as `field_direction`.
    public var resolvedName: String {
        name ?? keys.map { "\($0.key)_\(IndexModel.directionName($0.value))" }.joined(separator: "_")
    }

    private static func directionName(_ value: BSONValue) -> String {
        switch value {
        case .string(let s): s
        case .int32(let v): String(v)
        case .int64(let v): String(v)
        case .double(let v): v == v.rounded() ? String(Int(v)) : String(v)
        default: "\(value)"
        }
    }

    var specification: BSONDocument {
        var spec: BSONDocument = ["key": .document(keys), "name": .string(resolvedName)]
        spec.setIfPresent("unique", unique.map(BSONValue.bool))
        spec.setIfPresent("sparse", sparse.map(BSONValue.bool))
        spec.setIfPresent("partialFilterExpression", partialFilterExpression.map(BSONValue.document))
        spec.setIfPresent("expireAfterSeconds", expireAfterSeconds.map { .int32(Int32(clamping: $0)) })
        for element in extraOptions { spec[element.key] = element.value }
        return spec
    }
}

extension MongoCollection {
    /// Creates one index and returns its name. Creating an identical existing index is a no-op.
    @discardableResult
    public func createIndex(_ model: IndexModel, session: ClientSession? = nil) async throws(MongoError) -> String {
        try await createIndexes([model], session: session)[0]
    }

    /// Creates indexes in one command and returns their names.
    @discardableResult
    public func createIndexes(_ models: [IndexModel], session: ClientSession? = nil) async throws(MongoError) -> [String] {
        guard !models.isEmpty else { return [] }
        let command: BSONDocument = [
            "createIndexes": .string(name),
            "indexes": .array(models.map { .document($0.specification) }),
        ]
        try await database.runCommand(command, session: session)
        return models.map(\.resolvedName)
    }

    /// The collection's indexes as the server describes them (`name`, `key`, `unique`...).
    /// A missing collection has none.
    public func listIndexes(session: ClientSession? = nil) async throws(MongoError) -> [BSONDocument] {
        let databaseName = database.name
        let name = self.name
        let context = "listIndexes on \(namespace) failed"
        let cursor = try await client.openCursor(
            session: session, fetchSize: 101, context: context,
            decode: { (document) throws(MongoError) in document }
        ) { (connection, sessionPointer) throws(MongoError) in
            try connection.withCollection(databaseName, name) { (collection) throws(MongoError) in
                let opts = try Operations.options([:], session: sessionPointer)
                guard let cursor = mongoc_collection_find_indexes_with_opts(collection, opts.pointer) else {
                    throw MongoError(.internal, "libmongoc returned no cursor for \(context)")
                }
                return cursor
            }
        }
        return try await cursor.toArray()
    }

    /// The names of the collection's indexes.
    public func listIndexNames(session: ClientSession? = nil) async throws(MongoError) -> [String] {
        try await listIndexes(session: session).compactMap { $0["name"]?.stringValue }
    }

    /// Drops the index called `name`.
    public func dropIndex(_ name: String, session: ClientSession? = nil) async throws(MongoError) {
        try await database.runCommand(["dropIndexes": .string(self.name), "index": .string(name)], session: session)
    }

    /// Drops every index but `_id`'s.
    public func dropIndexes(session: ClientSession? = nil) async throws(MongoError) {
        try await database.runCommand(["dropIndexes": .string(name), "index": "*"], session: session)
    }
}
