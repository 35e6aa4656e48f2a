import Nonrel

/// A copy of a related object's field kept on the referring model, so that filters across the
/// relation are plain conditions: `indexer.denormalize(Post.self, "author__username")` stores
/// the author's username in the hidden field `_denorm_author__username` of every post.
///
/// The indexed backend fills the copy on insert, save and bulk create; when a related object
/// changes (save, update or delete through the indexed backend, at any level of the path) or a
/// post's `author` changes, the affected copies are rewritten with `update`s. Writes made around
/// the indexer (another process, raw queries) leave copies stale.
public struct Denormalization: Sendable {
    /// The model holding the copy.
    public let source: ModelDescriptor
    /// The lookup path (`"author__username"`).
    public let path: String
    /// The hidden column holding the copy.
    public let column: String
    /// The foreign keys followed: each field and the model it refers to.
    let steps: [(field: FieldDescriptor, model: ModelDescriptor)]
    /// The copied field, on the last model.
    let field: FieldDescriptor

    /// The hidden field as a descriptor, for conditions and assignments.
    var hiddenField: FieldDescriptor { FieldDescriptor(name: column, type: field.type, null: true) }

    /// The column read at `level` of the path: the next foreign key, or the copied field.
    func column(after level: Int) -> String {
        level + 1 < steps.count ? steps[level + 1].field.column : field.column
    }
}

extension Indexer {
    /// Keeps a copy of a related field on `model` (`"author__username"`, `"writer__country__name"`:
    /// foreign keys, then a field that is not a relation), used by filters on that path under
    /// ``JoinStrategy/automatic`` and ``JoinStrategy/denormalized``. Rows written before the call
    /// have no copy: call ``IndexedBackend/rebuildDenormalized(_:)`` once for them.
    @discardableResult
    public func denormalize<M: Model>(_ model: M.Type, _ path: String) throws(NonrelError) -> Denormalization {
        let source = M.descriptor
        let names = path.components(separatedBy: "__")
        guard names.count >= 2 else {
            throw NonrelError(.invalidValue, "denormalize(\(source.name), \"\(path)\"): the path must cross a foreign key (\"author__username\")", model: source.name)
        }
        var current = source
        var steps: [(field: FieldDescriptor, model: ModelDescriptor)] = []
        for name in names.dropLast() {
            guard let field = current.field(named: name), case .foreignKey(let reference) = field.type else {
                throw NonrelError(.invalidValue, "denormalize(\(source.name), \"\(path)\"): \(current.name).\(name) is not a foreign key; only foreign key paths can be denormalized", model: current.name, field: name)
            }
            current = reference.descriptor
            steps.append((field, current))
        }
        guard let field = current.field(named: names.last!), !field.primaryKey else {
            throw NonrelError(.fieldDoesNotExist, "denormalize(\(source.name), \"\(path)\"): \(current.name) has no field \"\(names.last!)\" to copy", model: current.name, field: names.last)
        }
        switch field.type {
        case .foreignKey, .manyToMany:
            throw NonrelError(.invalidValue, "denormalize(\(source.name), \"\(path)\"): \(current.name).\(field.name) is a relation; copy a field of the related model instead", model: current.name, field: field.name)
        default: break
        }
        let denormalization = Denormalization(source: source, path: path, column: "_denorm_" + path, steps: steps, field: field)
        addDenormalization(denormalization)
        return denormalization
    }
}

extension IndexedBackend {
    // MARK: - Queries

    /// A condition on a denormalized copy replacing a forward relation chain that ends in a
    /// constant condition on the copied field (not `isnull`, where a missing related object
    /// would match the copy but not the join).
    func denormalizedCondition(_ relation: RelationFilter, on model: ModelDescriptor) -> FilterNode? {
        guard relation.direction == .forward else { return nil }
        var names = [relation.field.name]
        var node = relation.filter
        while case .relation(let inner) = node {
            guard inner.direction == .forward else { return nil }
            names.append(inner.field.name)
            node = inner.filter
        }
        if case .none = node { return FilterNode.none }
        guard case .condition(var condition) = node, condition.op != .isnull, condition.operand.isConstant else { return nil }
        let path = (names + [condition.field.field.name]).joined(separator: "__")
        guard let copy = indexer.denormalizations.first(where: { $0.source.name == model.name && $0.path == path }) else { return nil }
        condition.field = FieldPath(columns: [copy.column] + condition.field.columns.dropFirst(), type: condition.field.type,
                                    field: copy.hiddenField, crossesArray: condition.field.crossesArray)
        return .condition(condition)
    }

    // MARK: - Writes

    /// `rows` of `model` with their denormalized copies set (one query per level of each path).
    func withDenormalizedCopies(_ rows: [Row], of model: ModelDescriptor) async throws -> [Row] {
        var rows = rows
        for copy in indexer.denormalizations where copy.source.name == model.name {
            let values = try await copiedValues(for: rows, copy)
            for index in rows.indices { rows[index][copy.column] = values[index].isNull ? nil : values[index] }
        }
        return rows
    }

    /// The copied value for each row, following the path with one `pk__in` query per level.
    private func copiedValues(for rows: [Row], _ copy: Denormalization) async throws -> [Value] {
        var current: [Value?] = rows.map { $0[copy.steps[0].field.column] }
        for (level, step) in copy.steps.enumerated() {
            var seen = Set<Value>()
            let keys = current.compactMap { $0 }.filter { !$0.isNull && seen.insert($0).inserted }
            guard !keys.isEmpty, let primaryKey = step.model.primaryKey, let next = step.model.field(column: copy.column(after: level)) else {
                return rows.map { _ in .null }
            }
            let keyPath = FieldPath(columns: [primaryKey.column], type: .auto, field: primaryKey)
            let rows = try await base.select(SelectQuery(
                model: step.model, filter: .condition(Condition(field: keyPath, op: .in, operand: .value(.array(keys)))),
                projection: [FieldPath(columns: [next.column], type: next.type, field: next)]))
            var byKey: [Value: Value] = [:]
            for row in rows { if let key = row["_id"] { byKey[key] = row[next.column] ?? .null } }
            current = current.map { $0.flatMap { byKey[$0] } }
        }
        return current.map { $0 ?? .null }
    }

    /// Rewrites the copies of the `source` rows matching `filter` (one query to find them, the
    /// path's queries, then one update per distinct value).
    private func refreshCopies(_ copy: Denormalization, matching filter: FilterNode) async throws {
        guard let primaryKey = copy.source.primaryKey else { return }
        let strategy: JoinStrategy = pushdownBase != nil ? .lookupPushdown : .inMemory
        let resolved = try await rewrite(filter.withJoinStrategy(strategy), model: copy.source)
        let first = copy.steps[0].field
        let rows = try await selectResolved(SelectQuery(
            model: copy.source, filter: resolved, projection: [FieldPath(columns: [first.column], type: first.type, field: first)]))
        guard !rows.isEmpty else { return }
        let values = try await copiedValues(for: rows, copy)
        var groups: [Value: [Value]] = [:]
        var order: [Value] = []
        for (row, value) in zip(rows, values) {
            guard let key = row["_id"] else { continue }
            if groups[value] == nil { order.append(value) }
            groups[value, default: []].append(key)
        }
        let keyPath = FieldPath(columns: [primaryKey.column], type: .auto, field: primaryKey)
        let hidden = FieldPath(columns: [copy.column], type: copy.field.type, field: copy.hiddenField)
        for value in order {
            _ = try await base.update(UpdateQuery(
                model: copy.source, filter: .condition(Condition(field: keyPath, op: .in, operand: .value(.array(groups[value]!)))),
                assignments: [Assignment(field: hidden, value: .value(value))]))
        }
    }

    /// After objects of `model` with these keys changed (or were deleted): rewrites every copy
    /// that reads through them.
    func propagateChange(of model: ModelDescriptor, keys: [Value], columns: Set<String>? = nil) async throws {
        guard !keys.isEmpty else { return }
        for copy in indexer.denormalizations {
            if copy.source.name == model.name, columns.map({ $0.contains(copy.steps[0].field.column) }) ?? false {
                try await refreshCopies(copy, matching: Self.keyCondition(model, keys))
            }
            for (level, step) in copy.steps.enumerated() where step.model.name == model.name {
                if let columns, !columns.contains(copy.column(after: level)) { continue }
                // Source rows whose path reaches these objects: the foreign key at this level
                // holds the keys, wrapped in the relations that lead to it.
                let key = copy.steps[level].field
                var filter = FilterNode.condition(Condition(field: FieldPath(columns: [key.column], type: key.type, field: key), op: .in, operand: .value(.array(keys))))
                for inner in (0..<level).reversed() {
                    filter = .relation(RelationFilter(field: copy.steps[inner].field, direction: .forward, related: copy.steps[inner].model, filter: filter))
                }
                try await refreshCopies(copy, matching: filter)
            }
        }
    }

    /// `update` that keeps copies current when it touches a copied field or a foreign key on a path.
    func updatePropagating(_ query: UpdateQuery) async throws -> Int {
        let columns = Set(query.assignments.map { $0.field.columns[0] })
        guard participates(query.model, columns: columns) else { return try await base.update(query) }
        let keys = try await base.select(SelectQuery(model: query.model, filter: query.filter, projection: [])).compactMap { $0["_id"] }
        let matched = try await base.update(query)
        try await propagateChange(of: query.model, keys: keys, columns: columns)
        return matched
    }

    /// `delete` that clears the copies read through deleted objects.
    func deletePropagating(_ query: DeleteQuery) async throws -> Int {
        guard participates(query.model, columns: nil) else { return try await base.delete(query) }
        let keys = try await base.select(SelectQuery(model: query.model, filter: query.filter, projection: [])).compactMap { $0["_id"] }
        let deleted = try await base.delete(query)
        try await propagateChange(of: query.model, keys: keys)
        return deleted
    }

    /// Fills the copies of every `model` row (for rows written before ``Indexer/denormalize(_:_:)``).
    public func rebuildDenormalized(_ model: ModelDescriptor) async throws {
        for copy in indexer.denormalizations where copy.source.name == model.name {
            try await refreshCopies(copy, matching: .all)
        }
    }

    /// Whether writing `columns` (nil: deleting) of `model` can change a copy read through it.
    private func participates(_ model: ModelDescriptor, columns: Set<String>?) -> Bool {
        indexer.denormalizations.contains { copy in
            if copy.source.name == model.name, let columns, columns.contains(copy.steps[0].field.column) { return true }
            return copy.steps.indices.contains { level in
                copy.steps[level].model.name == model.name && (columns.map { $0.contains(copy.column(after: level)) } ?? true)
            }
        }
    }

    private static func keyCondition(_ model: ModelDescriptor, _ keys: [Value]) -> FilterNode {
        guard let primaryKey = model.primaryKey else { return .none }
        return .condition(Condition(field: FieldPath(columns: [primaryKey.column], type: .auto, field: primaryKey), op: .in, operand: .value(.array(keys))))
    }
}
