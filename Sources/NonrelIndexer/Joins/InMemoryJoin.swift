import Nonrel

/// The JOIN strategy that works on every backend: query the related model for the keys that
/// match, then filter the queried model with `__in` on those keys. Two queries per relation
/// level; the key list is bounded (``Indexer/joinKeyLimit``) with a clear error past it.
struct InMemoryJoin {
    let backend: IndexedBackend
    let limit: Int

    func resolve(_ relation: RelationFilter, from model: ModelDescriptor) async throws -> FilterNode {
        let inner = try await backend.rewrite(relation.filter, model: relation.related)
        switch relation.direction {
        case .forward:
            // Keys of related objects that match; the queried model's field must hold one.
            let keys = try await keys(of: relation.related, matching: inner, column: "_id", type: .auto)
            let path = FieldPath(columns: [relation.field.column], type: relation.field.type, field: relation.field)
            return keys.isEmpty ? .none : .condition(Condition(field: path, op: .in, operand: .value(.array(keys))))
        case .reverse:
            // Values of the related objects' relation field; the queried object's key must be one.
            let keys = try await keys(of: relation.related, matching: inner, column: relation.field.column, type: relation.field.type)
            guard let primaryKey = model.primaryKey else { return .none }
            let path = FieldPath(columns: [primaryKey.column], type: .auto, field: primaryKey)
            return keys.isEmpty ? .none : .condition(Condition(field: path, op: .in, operand: .value(.array(keys))))
        }
    }

    private func keys(of model: ModelDescriptor, matching filter: FilterNode, column: String, type: FieldType) async throws -> [Value] {
        guard let field = model.field(column: column) else { return [] }
        let projection = [FieldPath(columns: [column], type: type, field: field)]
        let rows = try await backend.selectResolved(SelectQuery(model: model, filter: filter, limit: limit + 1, projection: projection))
        guard rows.count <= limit else {
            throw NonrelError(
                .unsupported,
                "a JOIN through \(model.name) matched more than \(limit) related objects; the in-memory strategy sends their keys in one query. Narrow the filter, raise Indexer.joinKeyLimit, or denormalize the field",
                model: model.name)
        }
        var seen = Set<Value>()
        var keys: [Value] = []
        for row in rows {
            guard let value = row[column] else { continue }
            for key in value.arrayValue ?? [value] where !key.isNull && seen.insert(key).inserted {
                keys.append(key)
            }
        }
        return keys
    }
}
