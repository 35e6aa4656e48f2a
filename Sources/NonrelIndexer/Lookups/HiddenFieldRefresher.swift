import Nonrel

/// Recomputes hidden fields of stored documents from their source fields and writes those that
/// differ, one atomic update per document (so an interruption never leaves a document half
/// written). Used after `F()` updates and by backfills.
struct HiddenFieldRefresher {
    let base: any DatabaseBackend
    let model: ModelDescriptor
    let fields: [HiddenField]
    var batchSize = 500

    /// The fields to read: the sources and the hidden fields themselves.
    var projection: [FieldPath] {
        var seen = Set<String>()
        let sources = fields.map(\.source).filter { seen.insert($0.column).inserted }
        return sources.map { FieldPath(columns: [$0.column], type: $0.type, field: $0) } + fields.map(\.path)
    }

    /// Refreshes the documents with these primary keys; returns how many were written.
    @discardableResult
    func refresh(_ keys: [Value]) async throws -> Int {
        guard let primaryKey = model.primaryKey else { return 0 }
        var written = 0
        var start = 0
        while start < keys.count {
            let batch = Array(keys[start..<min(start + batchSize, keys.count)])
            let filter = FilterNode.condition(Condition(field: Self.path(primaryKey), op: .in, operand: .value(.array(batch))))
            written += try await write(try await base.select(SelectQuery(model: model, filter: filter, projection: projection)))
            start += batchSize
        }
        return written
    }

    /// Writes the hidden fields of `rows` (read with ``projection``) that are stale; returns
    /// how many documents were written.
    func write(_ rows: [Row]) async throws -> Int {
        guard let primaryKey = model.primaryKey else { return 0 }
        var written = 0
        for row in rows {
            guard let key = row["_id"] else { continue }
            var assignments: [Assignment] = []
            for field in fields {
                let wanted = field.value(for: row[field.source.column])
                if row[field.column] != wanted { assignments.append(Assignment(field: field.path, value: .value(wanted ?? .null))) }
            }
            guard !assignments.isEmpty else { continue }
            let filter = FilterNode.condition(Condition(field: Self.path(primaryKey), op: .exact, operand: .value(key)))
            _ = try await base.update(UpdateQuery(model: model, filter: filter, assignments: assignments))
            written += 1
        }
        return written
    }

    static func path(_ primaryKey: FieldDescriptor) -> FieldPath {
        FieldPath(columns: [primaryKey.column], type: primaryKey.type, field: primaryKey)
    }
}
