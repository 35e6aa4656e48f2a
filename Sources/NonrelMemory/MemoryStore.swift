import Nonrel

/// Everything one memory database holds: its collections by name.
struct MemoryStore: Sendable {
    var collections: [String: MemoryCollection] = [:]
}

/// One collection: documents in insertion order keyed by `_id`, and its indexes, with the keys
/// of the unique ones so that writes are checked without scanning.
struct MemoryCollection: Sendable {
    private(set) var rows: [Row] = []
    private var positions: [String: Int] = [:]
    /// Indexes besides `_id_`, in creation order.
    private(set) var indexes: [IndexDefinition] = []
    /// For each unique index (by name): key → `_id` of the document holding it.
    private var uniqueKeys: [String: [[CanonicalValue]: String]] = [:]

    var count: Int { rows.count }

    func position(of id: String) -> Int? { positions[id] }

    // MARK: - Writes

    /// Inserts `row` (whose `_id` is set) or replaces the document with its `_id`, after
    /// checking the unique indexes; nothing changes when that fails.
    mutating func write(_ row: Row, model: ModelDescriptor) throws(NonrelError) {
        guard case .string(let id)? = row["_id"] else {
            throw NonrelError(.invalidValue, "\(model.name): a stored row needs a primary key string under _id", model: model.name)
        }
        var added: [(String, Set<[CanonicalValue]>)] = []
        for index in indexes where index.unique {
            guard let keys = index.keys(for: row) else { continue }
            let entries = uniqueKeys[index.name] ?? [:]
            for key in keys {
                if let holder = entries[key], holder != id { throw index.violation(key, model: model) }
            }
            added.append((index.name, keys))
        }
        if let position = positions[id] {
            removeKeys(of: rows[position])
            rows[position] = row
        } else {
            positions[id] = rows.count
            rows.append(row)
        }
        for (name, keys) in added {
            for key in keys { uniqueKeys[name, default: [:]][key] = id }
        }
    }

    /// Inserts a new document; a duplicate `_id` is an integrity error.
    mutating func insert(_ row: Row, id: String, model: ModelDescriptor) throws(NonrelError) {
        if positions[id] != nil {
            throw NonrelError(.integrity, "duplicate key: \(model.name) with \(model.primaryKey?.name ?? "id") \"\(id)\" already exists (unique index \(DeclaredIndexes.primaryKeyIndexName))",
                              model: model.name, field: model.primaryKey?.name ?? "id")
        }
        try write(row, model: model)
    }

    /// Deletes the documents at `offsets` (ascending).
    mutating func remove(at offsets: [Int]) {
        guard !offsets.isEmpty else { return }
        let doomed = Set(offsets)
        for offset in offsets { removeKeys(of: rows[offset]) }
        var kept: [Row] = []
        kept.reserveCapacity(rows.count - doomed.count)
        for (offset, row) in rows.enumerated() where !doomed.contains(offset) { kept.append(row) }
        rows = kept
        positions = [:]
        for (offset, row) in rows.enumerated() {
            if case .string(let id)? = row["_id"] { positions[id] = offset }
        }
    }

    private mutating func removeKeys(of row: Row) {
        guard case .string(let id)? = row["_id"] else { return }
        for index in indexes where index.unique {
            guard let keys = index.keys(for: row) else { continue }
            for key in keys where uniqueKeys[index.name]?[key] == id {
                uniqueKeys[index.name]?[key] = nil
            }
        }
    }

    // MARK: - Indexes

    func index(named name: String) -> IndexDefinition? {
        indexes.first { $0.name == name }
    }

    /// Builds an index; a unique one fails (and is not created) when stored documents already
    /// duplicate a key, as MongoDB's index build does.
    mutating func addIndex(_ index: IndexDefinition, model: ModelDescriptor) throws(NonrelError) {
        if index.unique {
            var entries: [[CanonicalValue]: String] = [:]
            for row in rows {
                guard case .string(let id)? = row["_id"], let keys = index.keys(for: row) else { continue }
                for key in keys {
                    if let holder = entries[key], holder != id { throw index.buildFailure(index.violation(key, model: model), model: model) }
                    entries[key] = id
                }
            }
            uniqueKeys[index.name] = entries
        }
        indexes.append(index)
    }
}
