/// What a database engine implements. The ORM core builds backend-neutral queries (see
/// `QueryTree.swift`) and rows (`Row`, keyed by storage column, the primary key under `_id` as
/// its string form); a backend runs them. MongoDB and memory backends ship with Nonrel.
///
/// Semantics follow Django's documented behaviour; the shared conformance suite checks that
/// every backend returns the same results.
public protocol DatabaseBackend: Sendable {
    /// What the backend can do, so the core can refuse clearly what it cannot.
    var features: BackendFeatures { get }

    /// Inserts new rows (without `_id`: the backend generates one) and returns their primary
    /// keys in order. A unique violation throws ``NonrelError/Kind/integrity`` and, for several
    /// rows, writes none of those after the failing one.
    func insert(_ rows: [Row], into model: ModelDescriptor) async throws -> [String]

    /// Writes a row whose `_id` is set: replaces the stored document or inserts it (Django-nonrel's
    /// save: no existence check, no INSERT/UPDATE distinction).
    func save(_ row: Row, into model: ModelDescriptor) async throws

    /// The rows a query selects, in order.
    func select(_ query: SelectQuery) async throws -> [Row]

    /// How many rows a query selects (its offset and limit apply).
    func count(_ query: SelectQuery) async throws -> Int

    /// Applies an update to every matching row atomically per row; returns how many matched.
    func update(_ query: UpdateQuery) async throws -> Int

    /// Deletes matching rows (never cascading); returns how many were deleted.
    func delete(_ query: DeleteQuery) async throws -> Int

    /// Runs an aggregation; each result row has the group keys and the aggregates by name.
    func aggregate(_ query: AggregateQuery) async throws -> [Row]

    /// Creates the model's declared indexes (unique and `dbIndex` fields, `Meta.indexes`,
    /// `uniqueTogether`) and reports what existed, what was created and what differs.
    func ensureIndexes(for model: ModelDescriptor) async throws -> IndexReport

    /// Removes every row of the model (and its indexes), as a test helper or `flush`.
    func drop(_ model: ModelDescriptor) async throws
}

/// What a backend supports.
public struct BackendFeatures: Sendable, Hashable {
    /// Multi-document transactions.
    public var transactions: Bool
    /// Native JOINs (`$lookup`) for the indexer.
    public var joins: Bool

    public init(transactions: Bool = false, joins: Bool = false) {
        self.transactions = transactions
        self.joins = joins
    }
}

/// The result of ``DatabaseBackend/ensureIndexes(for:)``: Django's old `syncdb` job, with drift.
public struct IndexReport: Sendable, Hashable {
    /// Index names that already existed as declared.
    public var existing: [String]
    /// Index names created now.
    public var created: [String]
    /// Indexes on the collection that the model does not declare (not dropped).
    public var undeclared: [String]
    /// Declared indexes whose existing namesake differs (keys or uniqueness); not changed.
    public var conflicting: [String]

    public init(existing: [String] = [], created: [String] = [], undeclared: [String] = [], conflicting: [String] = []) {
        self.existing = existing
        self.created = created
        self.undeclared = undeclared
        self.conflicting = conflicting
    }

    /// Whether the collection's indexes match the declaration exactly.
    public var hasDrift: Bool { !undeclared.isEmpty || !conflicting.isEmpty }
}
