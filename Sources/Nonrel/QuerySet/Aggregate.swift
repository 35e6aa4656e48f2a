/// An aggregate for `aggregate()` and `annotate()`, as Django's `Count`, `Sum`, `Avg`, `Min`, `Max`.
public struct Aggregate: Sendable {
    public let kind: AggregateFunction.Kind
    /// The aggregated field (`nil` or `"pk"`/`"id"` for `Count` counts objects).
    public let field: String?
    public let distinct: Bool

    /// The name Django gives the result by default: `views__sum`, `id__count`.
    public var defaultName: String { "\(field ?? "pk")__\(kind.rawValue)" }
}

/// Counts objects, or the non-null values of `field` (distinct ones with `distinct: true`).
public func Count(_ field: String? = nil, distinct: Bool = false) -> Aggregate {
    Aggregate(kind: .count, field: field, distinct: distinct)
}

/// The sum of a numeric field (0 over no objects... nil as in Django's NULL).
public func Sum(_ field: String) -> Aggregate { Aggregate(kind: .sum, field: field, distinct: false) }
/// The mean of a numeric field.
public func Avg(_ field: String) -> Aggregate { Aggregate(kind: .avg, field: field, distinct: false) }
/// The smallest value of a field.
public func Min(_ field: String) -> Aggregate { Aggregate(kind: .min, field: field, distinct: false) }
/// The largest value of a field.
public func Max(_ field: String) -> Aggregate { Aggregate(kind: .max, field: field, distinct: false) }

extension QuerySet {
    /// Aggregates over the matching objects, named Django's way (`views__sum`):
    /// `try await Post.objects.aggregate(Count(), Avg("views"))["views__avg"]`.
    public func aggregate(_ aggregates: Aggregate...) async throws -> Row {
        try await aggregate(named: aggregates.map { ($0.defaultName, $0) })
    }

    /// Aggregates with chosen names: `aggregate(["total": Sum("views")])`.
    public func aggregate(_ aggregates: KeyValuePairs<String, Aggregate>) async throws -> Row {
        try await aggregate(named: aggregates.map { ($0.key, $0.value) })
    }

    func aggregate(named aggregates: [(String, Aggregate)]) async throws -> Row {
        guard !isSliced else {
            throw NonrelError(.unsupported, "aggregate() over a sliced query set is not supported", model: descriptor.name)
        }
        let (backend, _) = try readBackend()
        let query = AggregateQuery(model: descriptor, filter: try compileFilter(joins: backend.features.joins), groupBy: [],
                                   aggregates: try compileAggregates(aggregates))
        let rows = try await backend.aggregate(query)
        var result = Row()
        let first = rows.first ?? Row()
        for (name, aggregate) in aggregates {
            result[name] = first[name] ?? (aggregate.kind == .count ? .int(0) : .null)
        }
        return result
    }

    func compileAggregates(_ aggregates: [(String, Aggregate)]) throws(NonrelError) -> [(name: String, function: AggregateFunction)] {
        var compiled: [(name: String, function: AggregateFunction)] = []
        for (name, aggregate) in aggregates {
            var path: FieldPath?
            if let field = aggregate.field, !(aggregate.kind == .count && (field == "pk" || field == "id") && !aggregate.distinct) {
                let resolved = try resolver.resolve(field, allowLookup: false)
                path = resolved.path
                if aggregate.kind == .sum || aggregate.kind == .avg {
                    switch resolved.path.type {
                    case .int, .double, .decimal, .json: break
                    default:
                        throw NonrelError(.invalidValue, "\(aggregate.kind.rawValue.capitalized)(\"\(field)\"): \(descriptor.name).\(field) is a \(resolved.path.type.name) field, not a number", model: descriptor.name, field: field)
                    }
                }
            }
            compiled.append((name, AggregateFunction(kind: aggregate.kind, field: path, distinct: aggregate.distinct)))
        }
        return compiled
    }
}
