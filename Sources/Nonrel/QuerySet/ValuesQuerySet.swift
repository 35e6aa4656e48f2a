/// `values(...)`: rows of chosen fields instead of models, and with `annotate` grouped
/// aggregates, as Django's values queries.
///
/// ```swift
/// let rows = try await Post.objects.values("author").annotate(["posts": Count(), "views": Sum("views")]).orderBy("-views").fetch()
/// ```
public struct ValuesQuerySet<M: Model>: Sendable {
    let base: QuerySet<M>
    let fields: [String]
    var annotations: [(String, Aggregate)] = []
    var ordering: [String]?

    /// Adds grouped aggregates: one row per distinct combination of the values fields.
    public func annotate(_ aggregates: KeyValuePairs<String, Aggregate>) -> ValuesQuerySet {
        var copy = self
        copy.annotations += aggregates.map { ($0.key, $0.value) }
        return copy
    }

    /// Adds grouped aggregates under their default names (`views__sum`).
    public func annotate(_ aggregates: Aggregate...) -> ValuesQuerySet {
        var copy = self
        copy.annotations += aggregates.map { ($0.defaultName, $0) }
        return copy
    }

    /// Orders by value or annotation names (`-` for descending).
    public func orderBy(_ names: String...) -> ValuesQuerySet {
        var copy = self
        copy.ordering = names
        return copy
    }

    /// The rows, keyed by the field names as written (`"address__city"`) and annotation names.
    public func fetch() async throws -> [Row] {
        let names = fields.isEmpty ? base.descriptor.fields.map(\.name) : fields
        var paths: [(String, FieldPath)] = []
        for name in names { paths.append((name, try base.resolver.resolve(name, allowLookup: false).path)) }
        if annotations.isEmpty {
            var query = base
            if let ordering { query = query.orderBy(ordering) }
            let (backend, _) = try base.readBackend()
            var select = try query.compileSelect(joins: backend.features.joins)
            select.projection = paths.map(\.1)
            return try await backend.select(select).map { row in
                Row(paths.map { name, path in (name, row.value(at: path.columns) ?? .null) })
            }
        }
        guard !base.isSliced else {
            throw NonrelError(.unsupported, "annotate() over a sliced query set is not supported", model: base.descriptor.name)
        }
        var order: [(name: String, descending: Bool)] = []
        for name in ordering ?? [] {
            let descending = name.hasPrefix("-")
            let key = descending ? String(name.dropFirst()) : name
            guard names.contains(key) || annotations.contains(where: { $0.0 == key }) else {
                throw NonrelError(.fieldDoesNotExist, "orderBy(\"\(name)\"): not a values() field or annotation (\((names + annotations.map(\.0)).joined(separator: ", ")))", model: base.descriptor.name)
            }
            order.append((key, descending))
        }
        let (backend, _) = try base.readBackend()
        let query = AggregateQuery(
            model: base.descriptor, filter: try base.compileFilter(joins: backend.features.joins), groupBy: paths.map { (name: $0.0, field: $0.1) },
            aggregates: try base.compileAggregates(annotations), ordering: order)
        return try await backend.aggregate(query)
    }

    /// The values of one field, or tuples as arrays (Django's `values_list`).
    public func fetchList() async throws -> [[Value]] {
        let rows = try await fetch()
        return rows.map { $0.elements.map(\.value) }
    }
}

extension QuerySet {
    /// Rows of these fields (all fields when none are named) instead of models.
    public func values(_ fields: String...) -> ValuesQuerySet<M> {
        ValuesQuerySet(base: self, fields: fields)
    }

    /// The values of these fields as arrays, in order (Django's `values_list`).
    public func valuesList(_ fields: String...) async throws -> [[Value]] {
        try await ValuesQuerySet(base: self, fields: fields).fetchList()
    }

    /// The values of one field (Django's `values_list(field, flat=True)`).
    public func valuesList(flat field: String) async throws -> [Value] {
        try await ValuesQuerySet(base: self, fields: [field]).fetchList().map { $0[0] }
    }

    /// The distinct non-nil values of one field among matching objects, in first-seen order;
    /// list fields contribute each element, as MongoDB's `distinct` does. (The values are
    /// gathered by the client: use `values(field).annotate(...)` to group in the database.)
    public func distinctValues(_ field: String) async throws -> [Value] {
        var seen = Set<Value>()
        var result: [Value] = []
        for value in try await valuesList(flat: field) {
            for item in value.arrayValue ?? [value] where !item.isNull && seen.insert(item).inserted {
                result.append(item)
            }
        }
        return result
    }
}
