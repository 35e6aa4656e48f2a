import Nonrel

// How the indexer resolves each filter across a relation: denormalized copy, `$lookup`
// pushdown, or the in-memory strategy (see ``JoinStrategy``).

extension IndexedBackend: JoinPushdownBackend {
    /// Pushdown is available when the wrapped backend joins itself (MongoDB).
    public var supportsJoinPushdown: Bool { pushdownBase != nil }

    var pushdownBase: (any JoinPushdownBackend)? {
        guard let base = base as? any JoinPushdownBackend, base.supportsJoinPushdown else { return nil }
        return base
    }

    public func selectJoined(_ query: SelectQuery, including inclusions: [RelatedInclusion]) async throws -> [JoinedRow] {
        var query = query
        query.filter = try await rewrite(query.filter, model: query.model)
        return try await requirePushdown(query.model).selectJoined(query, including: inclusions)
    }

    public func countJoined(_ query: SelectQuery) async throws -> Int {
        try await count(query)
    }

    public func aggregateJoined(_ query: AggregateQuery) async throws -> [Row] {
        try await aggregate(query)
    }

    // MARK: - Choosing a strategy

    /// A relation node resolved by its strategy (the indexer's default when the query set
    /// forced none): a condition on a denormalized copy, the node itself left for pushdown (with
    /// its inner filter rewritten), or a key list from the in-memory strategy.
    func resolveRelation(_ relation: RelationFilter, from model: ModelDescriptor) async throws -> FilterNode {
        let strategy = relation.strategy == .automatic ? indexer.defaultJoinStrategy : relation.strategy
        switch strategy {
        case .automatic:
            if let copy = denormalizedCondition(relation, on: model) { return copy }
            if pushdownBase != nil { return try await pushedDown(relation) }
            return try await InMemoryJoin(backend: self, limit: indexer.joinKeyLimit).resolve(relation, from: model)
        case .denormalized:
            if let copy = denormalizedCondition(relation, on: model) { return copy }
            let path = Self.lookupPath(relation)
            throw NonrelError(
                .unsupported,
                "joinStrategy(.denormalized): \(model.name) has no denormalized copy for \"\(path)\" (isnull lookups always join); register it with indexer.denormalize(\(model.name).self, \"\(path)\")",
                model: model.name, field: relation.field.name)
        case .lookupPushdown:
            _ = try requirePushdown(model)
            return try await pushedDown(relation)
        case .inMemory:
            return try await InMemoryJoin(backend: self, limit: indexer.joinKeyLimit).resolve(relation, from: model)
        }
    }

    private func pushedDown(_ relation: RelationFilter) async throws -> FilterNode {
        var relation = relation
        relation.filter = try await rewrite(relation.filter, model: relation.related)
        return .relation(relation)
    }

    private func requirePushdown(_ model: ModelDescriptor) throws(NonrelError) -> any JoinPushdownBackend {
        guard let pushdownBase else {
            throw NonrelError(.unsupported, "joinStrategy(.lookupPushdown) needs a backend that joins in one round trip (MongoDB's $lookup); this database's backend does not. Use .automatic or .inMemory", model: model.name)
        }
        return pushdownBase
    }

    /// The lookup a relation node came from (`writer__country__name`), for messages.
    static func lookupPath(_ relation: RelationFilter) -> String {
        var names = [relation.field.name]
        var node = relation.filter
        while case .relation(let inner) = node {
            names.append(inner.field.name)
            node = inner.filter
        }
        if case .condition(let condition) = node {
            names.append(condition.field.field.name)
        }
        return names.joined(separator: "__")
    }

    // MARK: - Running resolved queries

    /// A select whose filter may still hold relation nodes (left for pushdown).
    func selectResolved(_ query: SelectQuery) async throws -> [Row] {
        guard query.filter.hasRelations else { return try await base.select(query) }
        return try await requirePushdown(query.model).selectJoined(query, including: []).map(\.row)
    }

    func countResolved(_ query: SelectQuery) async throws -> Int {
        guard query.filter.hasRelations else { return try await base.count(query) }
        return try await requirePushdown(query.model).countJoined(query)
    }

    func aggregateResolved(_ query: AggregateQuery) async throws -> [Row] {
        guard query.filter.hasRelations else { return try await base.aggregate(query) }
        return try await requirePushdown(query.model).aggregateJoined(query)
    }

    /// The filter of an update or delete without relation nodes: pushed-down ones become the
    /// matching primary keys, found in one round trip (bounded like the in-memory key lists).
    func writeFilter(_ filter: FilterNode, model: ModelDescriptor) async throws -> FilterNode {
        guard filter.hasRelations else { return filter }
        guard let primaryKey = model.primaryKey else { return .none }
        let path = FieldPath(columns: [primaryKey.column], type: .auto, field: primaryKey)
        let limit = indexer.joinKeyLimit
        let rows = try await requirePushdown(model).selectJoined(
            SelectQuery(model: model, filter: filter, limit: limit + 1, projection: [path]), including: [])
        guard rows.count <= limit else {
            throw NonrelError(.unsupported, "an update or delete across a relation matched more than \(limit) \(model.name) objects; narrow the filter or raise Indexer.joinKeyLimit", model: model.name)
        }
        let keys = rows.compactMap { $0.row["_id"] }
        return keys.isEmpty ? .none : .condition(Condition(field: path, op: .in, operand: .value(.array(keys))))
    }
}
