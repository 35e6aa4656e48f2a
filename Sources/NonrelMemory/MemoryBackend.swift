import Nonrel
import Synchronization

/// A database in memory with exactly MongoDB's query semantics (docs/Semantics.md), for tests
/// and prototypes: `Databases.configure(["default": DatabaseSettings(engine: "memory")])` after
/// ``register()``. Each instance (each alias) has its own store; every operation runs under
/// one lock, so each is atomic and the backend is safe to share across tasks.
public final class MemoryBackend: DatabaseBackend {
    private let store = Mutex(MemoryStore())

    public init() {}

    /// Registers the `"memory"` engine; each alias configured with it gets its own store.
    public static func register() {
        Databases.register(engine: "memory") { _, _ in MemoryBackend() }
    }

    public var features: BackendFeatures { BackendFeatures(transactions: false, joins: false) }

    // MARK: - Writes

    public func insert(_ rows: [Row], into model: ModelDescriptor) async throws -> [String] {
        try insertRows(rows, into: model)
    }

    /// Inserts in order; the first failure stops, keeping the rows before it (ordered insertMany).
    private func insertRows(_ rows: [Row], into model: ModelDescriptor) throws(NonrelError) -> [String] {
        try store.withLock { store throws(NonrelError) -> [String] in
            var collection = store.collections[model.collection] ?? MemoryCollection()
            defer { store.collections[model.collection] = collection }
            var ids: [String] = []
            for row in rows {
                let id = row["_id"]?.stringValue ?? ObjectIDGenerator.next()
                try collection.insert(Self.withPrimaryKeyFirst(row, id: id), id: id, model: model)
                ids.append(id)
            }
            return ids
        }
    }

    public func save(_ row: Row, into model: ModelDescriptor) async throws {
        guard let id = row["_id"]?.stringValue else {
            throw NonrelError(.invalidValue, "save(): \(model.name) row has no primary key; insert it instead", model: model.name)
        }
        try store.withLock { store throws(NonrelError) in
            var collection = store.collections[model.collection] ?? MemoryCollection()
            try collection.write(Self.withPrimaryKeyFirst(row, id: id), model: model)
            store.collections[model.collection] = collection
        }
    }

    public func update(_ query: UpdateQuery) async throws -> Int {
        let predicate = try FilterEvaluator(model: query.model).compile(query.filter)
        let model = query.model
        let assignments = query.assignments
        try UpdateEvaluator.check(assignments, model: model)
        return try store.withLock { store throws(NonrelError) -> Int in
            guard var collection = store.collections[model.collection] else { return 0 }
            store.collections[model.collection] = nil // avoid copying on write
            defer { store.collections[model.collection] = collection }
            var matched: [Row] = []
            for row in collection.rows where try predicate(row) { matched.append(row) }
            // Documents are updated one by one: a unique violation keeps the earlier ones.
            for row in matched {
                try collection.write(try UpdateEvaluator.apply(assignments, to: row, model: model), model: model)
            }
            return matched.count
        }
    }

    public func delete(_ query: DeleteQuery) async throws -> Int {
        let predicate = try FilterEvaluator(model: query.model).compile(query.filter)
        let model = query.model
        return try store.withLock { store throws(NonrelError) -> Int in
            guard var collection = store.collections[model.collection] else { return 0 }
            store.collections[model.collection] = nil
            defer { store.collections[model.collection] = collection }
            var offsets: [Int] = []
            for (offset, row) in collection.rows.enumerated() where try predicate(row) { offsets.append(offset) }
            collection.remove(at: offsets)
            return offsets.count
        }
    }

    public func drop(_ model: ModelDescriptor) async throws {
        store.withLock { _ = $0.collections.removeValue(forKey: model.collection) }
    }

    // MARK: - Reads

    public func select(_ query: SelectQuery) async throws -> [Row] {
        var rows = try matching(query.model, query.filter, stopAfter: query.ordering.isEmpty ? query.limit.map { query.offset + $0 } : nil)
        if !query.ordering.isEmpty {
            rows = RowSorting.sorted(rows, by: query.ordering.map { RowSorting.Key(columns: $0.field.columns, descending: $0.descending) },
                                     tiebreak: RowSorting.byPrimaryKey)
        }
        let start = min(max(query.offset, 0), rows.count)
        let end = query.limit.map { min(start + max($0, 0), rows.count) } ?? rows.count
        let page = rows[start..<end]
        guard let projection = query.projection else { return Array(page) }
        let paths = projection.map(\.columns)
        return page.map { DocumentPath.project($0, paths: paths) }
    }

    public func count(_ query: SelectQuery) async throws -> Int {
        let total = try matching(query.model, query.filter, stopAfter: query.limit.map { query.offset + $0 }).count
        let afterOffset = max(total - max(query.offset, 0), 0)
        return query.limit.map { min(afterOffset, max($0, 0)) } ?? afterOffset
    }

    public func aggregate(_ query: AggregateQuery) async throws -> [Row] {
        AggregateEvaluator.run(query, rows: try matching(query.model, query.filter, stopAfter: nil))
    }

    /// The rows matching `filter` in natural order, at most `stopAfter` of them.
    private func matching(_ model: ModelDescriptor, _ filter: FilterNode, stopAfter: Int?) throws(NonrelError) -> [Row] {
        let predicate = try FilterEvaluator(model: model).compile(filter)
        return try store.withLock { store throws(NonrelError) -> [Row] in
            guard let rows = store.collections[model.collection]?.rows else { return [] }
            var matched: [Row] = []
            for row in rows where try predicate(row) {
                if let stopAfter, matched.count >= stopAfter { break }
                matched.append(row)
            }
            return matched
        }
    }

    // MARK: - Indexes

    public func ensureIndexes(for model: ModelDescriptor) async throws -> IndexReport {
        let declared = try DeclaredIndexes.indexes(of: model)
        return try store.withLock { store throws(NonrelError) -> IndexReport in
            var report = IndexReport()
            var collection = store.collections[model.collection] ?? MemoryCollection()
            defer { store.collections[model.collection] = collection }
            for index in declared {
                if let existing = collection.index(named: index.name) {
                    if existing.sameIndex(as: index) { report.existing.append(index.name) } else { report.conflicting.append(index.name) }
                } else {
                    try collection.addIndex(index, model: model)
                    report.created.append(index.name)
                }
            }
            let names = Set(declared.map(\.name))
            report.undeclared = collection.indexes.map(\.name).filter { !names.contains($0) }.sorted()
            return report
        }
    }

    // MARK: - Helpers

    /// The row with `_id` as its first key, as MongoDB stores documents.
    private static func withPrimaryKeyFirst(_ row: Row, id: String) -> Row {
        if row.elements.first?.key == "_id", row["_id"] == .string(id) { return row }
        var result = Row([("_id", Value.string(id))])
        for element in row.elements where element.key != "_id" { result[element.key] = element.value }
        return result
    }
}
