/// How a filter across a relation (`author__username`) is resolved. The indexer picks one per
/// query (``automatic``) unless a query set forces one with `joinStrategy(_:)`.
public enum JoinStrategy: String, Sendable, Hashable, CaseIterable {
    /// The indexer's default: the denormalized copy when one is registered, else pushdown when
    /// the backend can, else in-memory.
    case automatic
    /// Query the related model for matching keys, then filter with `__in`: two queries per
    /// relation level, on every backend, with a bound on the key list.
    case inMemory
    /// One round trip: the backend joins (`$lookup` on MongoDB).
    case lookupPushdown
    /// A copy of the related field kept on the queried model (`indexer.denormalize`).
    case denormalized
}

/// A forward relation chain to load with the main rows (`select_related("writer__country")`):
/// each step is a foreign key of the previous model.
public struct RelatedInclusion: Sendable {
    /// The lookup path as written (`"writer__country"`).
    public var path: String
    /// One step per relation: the foreign key field and the model it refers to.
    public var steps: [(field: FieldDescriptor, model: ModelDescriptor)]

    public init(path: String, steps: [(field: FieldDescriptor, model: ModelDescriptor)]) {
        self.path = path
        self.steps = steps
    }
}

/// A row with the related rows loaded with it, by inclusion path (and every prefix of it).
public struct JoinedRow: Sendable {
    public var row: Row
    /// `"writer"` → the writer's row, `"writer__country"` → the country's; missing when the key
    /// is nil or refers to no object.
    public var related: [String: Row]

    public init(row: Row, related: [String: Row] = [:]) {
        self.row = row
        self.related = related
    }
}

/// A backend that runs JOINs itself in one round trip (MongoDB's `$lookup`). The core uses it
/// for `selectRelated` and the indexer for filters across relations; both fall back to several
/// plain queries on backends without it. The capability lives in the core so that backends
/// adopt it without depending on the indexer, and the indexer uses it without depending on any
/// backend.
public protocol JoinPushdownBackend: DatabaseBackend {
    /// Whether pushdown works now (a wrapper may forward to a backend without it).
    var supportsJoinPushdown: Bool { get }

    /// The rows of `query`, whose filter may hold relation nodes, each with the related rows of
    /// `inclusions`. Ordering, offset, limit and projection apply to the main rows.
    func selectJoined(_ query: SelectQuery, including inclusions: [RelatedInclusion]) async throws -> [JoinedRow]

    /// How many rows `query` selects; its filter may hold relation nodes.
    func countJoined(_ query: SelectQuery) async throws -> Int

    /// `aggregate()` whose filter may hold relation nodes.
    func aggregateJoined(_ query: AggregateQuery) async throws -> [Row]
}

extension FilterNode {
    /// Whether the tree holds a filter across a relation.
    public var hasRelations: Bool {
        switch self {
        case .all, .none, .condition: false
        case .relation: true
        case .and(let children), .or(let children): children.contains { $0.hasRelations }
        case .not(let child): child.hasRelations
        }
    }

    /// The tree with every relation node (at any depth) set to `strategy`.
    public func withJoinStrategy(_ strategy: JoinStrategy) -> FilterNode {
        switch self {
        case .all, .none, .condition: return self
        case .and(let children): return .and(children.map { $0.withJoinStrategy(strategy) })
        case .or(let children): return .or(children.map { $0.withJoinStrategy(strategy) })
        case .not(let child): return .not(child.withJoinStrategy(strategy))
        case .relation(var relation):
            relation.strategy = strategy
            relation.filter = relation.filter.withJoinStrategy(strategy)
            return .relation(relation)
        }
    }
}
