/// A lazy, immutable database query over one model, as Django's `QuerySet`: each method returns
/// a new query set, and nothing runs until a result is asked for (`fetch()`, `count()`,
/// `first()`, iteration...).
///
/// ```swift
/// let recent = Post.objects
///     .filter("title__icontains", "swift")
///     .exclude(Q("author", bob) | Q("views__lt", 10))
///     .orderBy("-created")[0..<20]
/// for try await post in recent { print(post.title) }
/// ```
///
/// Errors in building (an unknown field, a lookup that does not apply) are reported when the
/// query runs, naming the model, the field and close matches.
public struct QuerySet<M: Model>: Sendable {
    /// The filter, as a conjunction of Q nodes.
    var conditions: [Q.Node] = []
    /// Explicit ordering; nil means the model's `Meta.ordering`.
    var ordering: [String]?
    var isReversed = false
    var low = 0
    var high: Int?
    var onlyFields: [String]?
    var deferredFields: [String] = []
    var alias: String?
    /// An error found while building, reported when the query runs.
    var buildError: NonrelError?
    // MARK: - Joins (QuerySet+Related.swift)
    var joinStrategyChoice: JoinStrategy = .automatic
    var selectedRelations: [String] = []
    var prefetchedRelations: [String] = []

    public init() {}

    // MARK: - Building

    /// The same query (Django's `all()`).
    public func all() -> QuerySet { self }

    /// Keeps objects matching `lookup` (`"field"` or `"field__lookup"`) = `value`.
    public func filter(_ lookup: String, _ value: some QueryValue) -> QuerySet {
        filter(Q(lookup, value))
    }

    /// Keeps objects matching every condition (Django's keyword arguments).
    public func filter(_ conditions: KeyValuePairs<String, Value>) -> QuerySet {
        filter(Q(conditions))
    }

    /// Keeps objects matching `q`.
    public func filter(_ q: Q) -> QuerySet {
        var copy = self
        copy.conditions.append(q.node)
        return copy
    }

    /// Removes objects matching `lookup` = `value`.
    public func exclude(_ lookup: String, _ value: some QueryValue) -> QuerySet {
        exclude(Q(lookup, value))
    }

    /// Removes objects matching all the conditions together.
    public func exclude(_ conditions: KeyValuePairs<String, Value>) -> QuerySet {
        exclude(Q(conditions))
    }

    /// Removes objects matching `q`.
    public func exclude(_ q: Q) -> QuerySet {
        filter(~q)
    }

    /// Orders by fields, `-` for descending (`"-created"`, `"title"`, `"pk"`,
    /// `"address__city"`). Replaces any earlier ordering; no fields clears the ordering.
    public func orderBy(_ fields: String...) -> QuerySet {
        orderBy(fields)
    }

    /// Orders by fields, `-` for descending.
    public func orderBy(_ fields: [String]) -> QuerySet {
        var copy = self
        copy.ordering = fields
        copy.isReversed = false
        return copy
    }

    /// Reverses the ordering.
    public func reverse() -> QuerySet {
        var copy = self
        copy.isReversed.toggle()
        return copy
    }

    /// Runs on the database `alias` instead of the routed one.
    public func using(_ alias: String) -> QuerySet {
        var copy = self
        copy.alias = alias
        return copy
    }

    /// Loads only these fields (and the primary key); the others get their default or nil, so
    /// only fields that are Optional or have a default can be left out.
    public func only(_ fields: String...) -> QuerySet {
        var copy = self
        copy.onlyFields = fields
        return copy
    }

    /// Loads every field but these (which must be Optional or have a default).
    public func deferFields(_ fields: String...) -> QuerySet {
        var copy = self
        copy.deferredFields += fields
        return copy
    }

    /// Slices the results: `[10..<20]` skips 10 and takes 10, as Django's `qs[10:20]`.
    public subscript(range: Range<Int>) -> QuerySet {
        sliced(lower: range.lowerBound, upper: range.upperBound)
    }

    /// `[10...]` skips 10.
    public subscript(range: PartialRangeFrom<Int>) -> QuerySet {
        sliced(lower: range.lowerBound, upper: nil)
    }

    /// `[..<5]` takes 5.
    public subscript(range: PartialRangeUpTo<Int>) -> QuerySet {
        sliced(lower: 0, upper: range.upperBound)
    }

    private func sliced(lower: Int, upper: Int?) -> QuerySet {
        precondition(lower >= 0 && (upper ?? lower) >= lower, "QuerySet slices must be non-negative ranges (negative indexing is not supported, as in Django)")
        var copy = self
        let newLow = low + lower
        var newHigh = upper.map { low + $0 }
        if let high { newHigh = Swift.min(newHigh ?? high, high) }
        copy.low = Swift.min(newLow, newHigh ?? newLow)
        copy.high = newHigh
        return copy
    }

    var isSliced: Bool { low != 0 || high != nil }
}
