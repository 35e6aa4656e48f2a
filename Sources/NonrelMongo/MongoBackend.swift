import Nonrel
import NonrelBSON
import NonrelDriver

/// The MongoDB backend: compiles the core's queries with ``MongoQueryCompiler`` and runs them
/// with the driver. Primary and foreign keys are ObjectIds in the database and 24-hex strings
/// in the core; every driver error comes out as a `NonrelError`.
///
/// ```swift
/// MongoBackend.register()
/// Databases.configure(["default": DatabaseSettings(engine: "mongodb", uri: "mongodb://127.0.0.1:27017/blog")])
/// ```
public final class MongoBackend: DatabaseBackend {
    public let client: MongoClient
    public let database: MongoDatabase

    public init(client: MongoClient, database: String) {
        self.client = client
        self.database = client.database(database)
    }

    /// Transactions and `$lookup` joins are left off until the backend protocol has operations
    /// that use them.
    public var features: BackendFeatures { BackendFeatures(transactions: false, joins: false) }

    func collection(_ model: ModelDescriptor) -> MongoCollection<BSONDocument> {
        database.collection(model.collection)
    }

    /// Runs a driver operation on the client's executor (so that an operation of several
    /// driver calls, a cursor's open, fetches and close, hands off to the client's threads once),
    /// mapping its errors.
    func run<T: Sendable>(_ operation: String, _ model: ModelDescriptor, _ body: () async throws(MongoError) -> T) async throws(NonrelError) -> T {
        do {
            return try await withTaskExecutorPreference(client.executor) { () async throws(MongoError) -> T in
                try await body()
            }
        } catch {
            throw MongoErrorMapping.map(error, model: model, operation: operation, servers: servers)
        }
    }

    private var servers: String {
        client.uri.hosts.map(\.description).joined(separator: ",")
    }

    // MARK: - Writes

    public func insert(_ rows: [Row], into model: ModelDescriptor) async throws -> [String] {
        guard !rows.isEmpty else { return [] }
        var documents: [BSONDocument] = []
        var ids: [String] = []
        documents.reserveCapacity(rows.count)
        ids.reserveCapacity(rows.count)
        for row in rows {
            let id = ObjectId()
            documents.append(try ValueMapping.document(row, model: model, id: id))
            ids.append(id.hex)
        }
        let collection = collection(model)
        _ = try await run("insert", model) { () async throws(MongoError) in try await collection.insertMany(documents, ordered: true) }
        return ids
    }

    public func save(_ row: Row, into model: ModelDescriptor) async throws {
        guard case .string(let key)? = row["_id"] else {
            throw NonrelError(.invalidValue, "save(): the \(model.name) row has no primary key", model: model.name)
        }
        let id = try ValueMapping.objectId(key)
        let document = try ValueMapping.document(row, model: model, id: id)
        let collection = collection(model)
        _ = try await run("save", model) { () async throws(MongoError) in
            try await collection.replaceOne(filter: ["_id": .objectId(id)], replacement: document, options: UpdateOptions(upsert: true))
        }
    }

    public func update(_ query: UpdateQuery) async throws -> Int {
        guard !query.assignments.isEmpty else { return 0 }
        let filter = try compileFilter(query.filter, query.model)
        let update = try compile(query.model) { () throws(NonrelError) in try MongoQueryCompiler.update(query.assignments) }
        let collection = collection(query.model)
        let result = try await run("update", query.model) { () async throws(MongoError) in
            switch update {
            case .document(let document): try await collection.updateMany(filter: filter, update: document)
            case .pipeline(let pipeline): try await collection.updateMany(filter: filter, pipeline: pipeline)
            }
        }
        return result.matchedCount
    }

    public func delete(_ query: DeleteQuery) async throws -> Int {
        let filter = try compileFilter(query.filter, query.model)
        let collection = collection(query.model)
        return try await run("delete", query.model) { () async throws(MongoError) in
            try await collection.deleteMany(filter: filter).deletedCount
        }
    }

    // MARK: - Reads

    public func select(_ query: SelectQuery) async throws -> [Row] {
        if query.limit == 0 { return [] }
        let filter = try compileFilter(query.filter, query.model)
        let options = FindOptions(
            sort: MongoQueryCompiler.sort(query.ordering),
            projection: MongoQueryCompiler.projection(query.projection),
            skip: query.offset > 0 ? query.offset : nil,
            limit: query.limit)
        let collection = collection(query.model)
        let documents = try await run("select", query.model) { () async throws(MongoError) in
            try await collection.find(filter, options: options).toArray()
        }
        return documents.map { ValueMapping.row($0, model: query.model) }
    }

    public func count(_ query: SelectQuery) async throws -> Int {
        if query.limit == 0 { return 0 }
        let filter = try compileFilter(query.filter, query.model)
        let collection = collection(query.model)
        return try await run("count", query.model) { () async throws(MongoError) in
            try await collection.countDocuments(filter, limit: query.limit, skip: query.offset > 0 ? query.offset : nil)
        }
    }

    public func aggregate(_ query: AggregateQuery) async throws -> [Row] {
        let pipeline = try compile(query.model) { () throws(NonrelError) in try MongoQueryCompiler.aggregatePipeline(query) }
        let collection = collection(query.model)
        let documents = try await run("aggregate", query.model) { () async throws(MongoError) in
            try await collection.aggregate(pipeline).toArray()
        }
        return documents.map { MongoQueryCompiler.aggregateRow($0, query: query) }
    }

    // MARK: - Schema

    public func ensureIndexes(for model: ModelDescriptor) async throws -> IndexReport {
        let plan = try MongoIndexPlan(model)
        let collection = collection(model)
        let existing = try await run("ensureIndexes", model) { () async throws(MongoError) in try await collection.listIndexes() }
        var report = IndexReport()
        var byName: [String: BSONDocument] = [:]
        for index in existing {
            if let name = index["name"]?.stringValue { byName[name] = index }
        }
        let declaredNames = Set(plan.declared.map(\.model.resolvedName))
        for declared in plan.declared {
            let name = declared.model.resolvedName
            if let current = byName[name] {
                if MongoIndexPlan.matches(current, declared.model) {
                    report.existing.append(name)
                } else {
                    report.conflicting.append(name)
                }
                continue
            }
            do {
                try await collection.createIndex(declared.model)
                report.created.append(name)
            } catch let error where error.kind == .duplicateKey {
                throw NonrelError(.integrity, "cannot create unique index \(name) on \(model.name) (\(declared.fields.joined(separator: ", "))): existing documents hold duplicate values (\(error.message)). Remove the duplicates, then call ensureIndexes() again", model: model.name, field: declared.fields.first, underlying: error)
            } catch let error where error.code == 85 || error.code == 86 {
                // Another index with the same keys (and other options or name) exists.
                report.conflicting.append(name)
            } catch {
                throw MongoErrorMapping.map(error, model: model, operation: "ensureIndexes (creating \(name))", servers: servers)
            }
        }
        report.undeclared = byName.keys.filter { $0 != "_id_" && !declaredNames.contains($0) }.sorted()
        return report
    }

    public func drop(_ model: ModelDescriptor) async throws {
        let collection = collection(model)
        try await run("drop", model) { () async throws(MongoError) in try await collection.drop() }
    }

    // MARK: - Helpers

    private func compileFilter(_ node: FilterNode, _ model: ModelDescriptor) throws(NonrelError) -> BSONDocument {
        try compile(model) { () throws(NonrelError) in try MongoQueryCompiler.filter(node) }
    }

    /// Runs a compiler step, naming the model in its errors.
    func compile<T>(_ model: ModelDescriptor, _ body: () throws(NonrelError) -> T) throws(NonrelError) -> T {
        do {
            return try body()
        } catch {
            var error = error
            if error.model == nil {
                error.model = model.name
                error.message = "\(model.name): \(error.message)"
            }
            throw error
        }
    }
}
