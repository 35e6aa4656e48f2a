extension QuerySet {
    var descriptor: ModelDescriptor { M.descriptor }
    var resolver: LookupResolver { LookupResolver(model: descriptor) }

    /// The resolved filter tree; `joins` lets lookups cross relations (for backends that
    /// resolve JOINs, such as the indexer).
    func compileFilter(joins: Bool = false) throws(NonrelError) -> FilterNode {
        if let buildError { throw buildError }
        let resolver = LookupResolver(model: descriptor, allowJoins: joins)
        var node = FilterNode.all
        for condition in conditions {
            node = node.and(try compile(condition, resolver))
        }
        // MARK: - Joins
        if joinStrategyChoice != .automatic { node = node.withJoinStrategy(joinStrategyChoice) }
        return node
    }

    private func compile(_ node: Q.Node, _ resolver: LookupResolver) throws(NonrelError) -> FilterNode {
        switch node {
        case .lookup(let lookup, let operand):
            return try resolver.condition(lookup, operand)
        case .and(let nodes):
            var result = FilterNode.all
            for child in nodes { result = result.and(try compile(child, resolver)) }
            return result
        case .or(let nodes):
            var children: [FilterNode] = []
            for child in nodes { children.append(try compile(child, resolver)) }
            return .or(children)
        case .not(let inner):
            return .not(try compile(inner, resolver))
        }
    }

    /// Sort keys: the explicit ordering, else the model's, reversed when asked.
    func compileOrdering(defaultToPrimaryKey: Bool = false) throws(NonrelError) -> [SortKey] {
        var names = ordering ?? descriptor.ordering
        if names.isEmpty, defaultToPrimaryKey || isReversed { names = ["pk"] }
        var keys: [SortKey] = []
        for name in names {
            guard name != "?" else {
                throw NonrelError(.unsupported, "random ordering (\"?\") is not supported; fetch and shuffle, or sample with an aggregation", model: descriptor.name)
            }
            let descending = name.hasPrefix("-")
            let field = descending ? String(name.dropFirst()) : name
            let resolved = try resolver.resolve(field, allowLookup: false)
            guard resolved.transform == nil else {
                throw NonrelError(.unsupported, "orderBy(\"\(name)\"): ordering by a transform is not supported", model: descriptor.name)
            }
            keys.append(SortKey(field: resolved.path, descending: descending != isReversed))
        }
        return keys
    }

    /// The backend query for this query set.
    func compileSelect(defaultToPrimaryKey: Bool = false, joins: Bool = false) throws(NonrelError) -> SelectQuery {
        var projection: [FieldPath]?
        if let onlyFields {
            var paths: [FieldPath] = []
            for name in onlyFields { paths.append(try resolver.resolve(name, allowLookup: false).path) }
            projection = paths
        } else if !deferredFields.isEmpty {
            for name in deferredFields { _ = try resolver.resolve(name, allowLookup: false) }
            let deferred = Set(deferredFields)
            projection = descriptor.fields.filter { !deferred.contains($0.name) && !$0.primaryKey }
                .map { FieldPath(columns: [$0.column], type: $0.type, field: $0) }
        }
        return SelectQuery(
            model: descriptor, filter: try compileFilter(joins: joins), ordering: try compileOrdering(defaultToPrimaryKey: defaultToPrimaryKey),
            offset: low, limit: high.map { $0 - low }, projection: projection)
    }

    /// The backend for reads.
    func readBackend() throws(NonrelError) -> (any DatabaseBackend, String) {
        let name = alias ?? Databases.aliasForRead(descriptor)
        return (try Databases.backend(name), name)
    }

    /// The backend for writes.
    func writeBackend() throws(NonrelError) -> (any DatabaseBackend, String) {
        let name = alias ?? Databases.aliasForWrite(descriptor)
        return (try Databases.backend(name), name)
    }
}
