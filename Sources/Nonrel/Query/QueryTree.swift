import Foundation

// The backend-neutral query tree: what QuerySets build and backends compile (to BSON filters
// and pipelines on MongoDB, to closures over rows in memory). Field names are already resolved
// to storage paths; values are already converted to the field's stored form.

/// A lookup's comparison (`exact`, `icontains`, `in`...), after any transform.
public enum LookupOperator: String, Sendable, CaseIterable {
    case exact, iexact, contains, icontains, `in`, gt, gte, lt, lte
    case startswith, istartswith, endswith, iendswith, range, isnull, regex, iregex
    /// On list fields: the list contains every given element (Django's ArrayField `contains`).
    case hasAll = "contains_all"
    /// On list fields: the list shares at least one element with the given ones.
    case overlap
}

/// A function applied to the field before comparing (`created__year`, `tags__len`).
public enum Transform: String, Sendable, CaseIterable {
    case year, month, day, hour, minute, second
    /// Django's week_day: Sunday = 1 ... Saturday = 7.
    case weekDay = "week_day"
    /// ISO weekday: Monday = 1 ... Sunday = 7.
    case isoWeekDay = "iso_week_day"
    case quarter
    /// The calendar date (UTC) of a datetime.
    case date
    /// The length of a list.
    case length = "len"
}

/// The right-hand side of a condition or an update: a value, or an expression over fields
/// (`F("views") + 1`).
public indirect enum QueryExpression: Sendable {
    case value(Value)
    case field(FieldPath)
    case add(QueryExpression, QueryExpression)
    case subtract(QueryExpression, QueryExpression)
    case multiply(QueryExpression, QueryExpression)
    case divide(QueryExpression, QueryExpression)

    /// Whether the expression refers to no field (it is a constant).
    public var isConstant: Bool {
        switch self {
        case .value: true
        case .field: false
        case .add(let a, let b), .subtract(let a, let b), .multiply(let a, let b), .divide(let a, let b):
            a.isConstant && b.isConstant
        }
    }
}

/// One `field__lookup=value` condition.
public struct Condition: Sendable {
    public var field: FieldPath
    public var transform: Transform?
    public var op: LookupOperator
    /// The compared value: a single value, an array for `in`, `range` (two values), `hasAll`
    /// and `overlap`, a bool for `isnull`, or a field expression.
    public var operand: QueryExpression

    public init(field: FieldPath, transform: Transform? = nil, op: LookupOperator, operand: QueryExpression) {
        self.field = field
        self.transform = transform
        self.op = op
        self.operand = operand
    }
}

/// A WHERE tree: conditions under AND, OR and NOT at any depth.
public indirect enum FilterNode: Sendable {
    case condition(Condition)
    case and([FilterNode])
    case or([FilterNode])
    case not(FilterNode)
    /// Matches every document (an empty filter).
    case all
    /// Matches no document (an `in` with an empty list).
    case none
    /// A condition on related objects (a JOIN: `author__username`, `posts__title`). Only backends
    /// whose features include `joins` (the indexer) receive it.
    case relation(RelationFilter)

    /// `self AND other`, flattening nested ANDs.
    public func and(_ other: FilterNode) -> FilterNode {
        switch (self, other) {
        case (.all, _): other
        case (_, .all): self
        case (.and(let a), .and(let b)): .and(a + b)
        case (.and(let a), _): .and(a + [other])
        case (_, .and(let b)): .and([self] + b)
        default: .and([self, other])
        }
    }
}

/// A filter on related objects.
public struct RelationFilter: Sendable {
    public enum Direction: Sendable, Hashable {
        /// `field` (a foreign key or many-to-many field of the queried model) refers to a
        /// related object matching `filter`.
        case forward
        /// `field` (a foreign key or many-to-many field of the related model) of a related
        /// object matching `filter` refers to the queried object.
        case reverse
    }

    public var field: FieldDescriptor
    public var direction: Direction
    /// The model `filter` applies to.
    public var related: ModelDescriptor
    public var filter: FilterNode
    // MARK: - Joins
    /// How the indexer resolves this node (`QuerySet.joinStrategy(_:)`).
    public var strategy: JoinStrategy = .automatic

    public init(field: FieldDescriptor, direction: Direction, related: ModelDescriptor, filter: FilterNode) {
        self.field = field
        self.direction = direction
        self.related = related
        self.filter = filter
    }
}

/// One ordering key.
public struct SortKey: Sendable {
    public var field: FieldPath
    public var descending: Bool

    public init(field: FieldPath, descending: Bool) {
        self.field = field
        self.descending = descending
    }
}

/// A read: filter, ordering, slicing and projection over one model.
public struct SelectQuery: Sendable {
    public var model: ModelDescriptor
    public var filter: FilterNode
    /// Sort keys, most significant first. Empty: natural order (insertion order on both
    /// backends, not guaranteed by MongoDB in general).
    public var ordering: [SortKey]
    public var offset: Int
    public var limit: Int?
    /// Fields to load (always with the primary key); nil loads everything.
    public var projection: [FieldPath]?

    public init(model: ModelDescriptor, filter: FilterNode = .all, ordering: [SortKey] = [], offset: Int = 0,
                limit: Int? = nil, projection: [FieldPath]? = nil) {
        self.model = model
        self.filter = filter
        self.ordering = ordering
        self.offset = offset
        self.limit = limit
        self.projection = projection
    }
}

/// One assignment of an `update()`.
public struct Assignment: Sendable {
    public var field: FieldPath
    /// A constant, or an expression over the document's own fields (`F("views") + 1`).
    public var value: QueryExpression

    public init(field: FieldPath, value: QueryExpression) {
        self.field = field
        self.value = value
    }
}

/// `QuerySet.update()`: assignments applied atomically to every matching document.
public struct UpdateQuery: Sendable {
    public var model: ModelDescriptor
    public var filter: FilterNode
    public var assignments: [Assignment]

    public init(model: ModelDescriptor, filter: FilterNode, assignments: [Assignment]) {
        self.model = model
        self.filter = filter
        self.assignments = assignments
    }
}

/// `QuerySet.delete()`.
public struct DeleteQuery: Sendable {
    public var model: ModelDescriptor
    public var filter: FilterNode

    public init(model: ModelDescriptor, filter: FilterNode) {
        self.model = model
        self.filter = filter
    }
}

/// An aggregate function over a field (or over rows, for `Count` without a field).
public struct AggregateFunction: Sendable {
    public enum Kind: String, Sendable { case count, sum, avg, min, max }
    public var kind: Kind
    /// The aggregated field; nil counts rows.
    public var field: FieldPath?
    /// `Count(..., distinct: true)`.
    public var distinct: Bool

    public init(kind: Kind, field: FieldPath?, distinct: Bool = false) {
        self.kind = kind
        self.field = field
        self.distinct = distinct
    }
}

/// `aggregate()` (no grouping) and `values(...).annotate(...)` (grouped by the values fields).
public struct AggregateQuery: Sendable {
    public var model: ModelDescriptor
    public var filter: FilterNode
    /// Group keys, output under their field names; empty for one overall result.
    public var groupBy: [(name: String, field: FieldPath)]
    /// Output names and functions.
    public var aggregates: [(name: String, function: AggregateFunction)]
    /// Ordering of grouped results, by output names (`-total`).
    public var ordering: [(name: String, descending: Bool)]

    public init(model: ModelDescriptor, filter: FilterNode, groupBy: [(name: String, field: FieldPath)],
                aggregates: [(name: String, function: AggregateFunction)], ordering: [(name: String, descending: Bool)] = []) {
        self.model = model
        self.filter = filter
        self.groupBy = groupBy
        self.aggregates = aggregates
        self.ordering = ordering
    }
}
