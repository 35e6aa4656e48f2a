import Nonrel
import Synchronization

/// The indexer's configuration: registered lookups and JOIN settings. Install it on a
/// database alias with ``install(_:on:)``.
public final class Indexer: Sendable {
    private let state = Mutex(State())

    struct State {
        var joinKeyLimit = 10_000
        // MARK: - Joins
        var defaultJoinStrategy = JoinStrategy.automatic
        var denormalizations: [Denormalization] = []
    }

    public init() {}

    /// The most related keys the in-memory JOIN strategy sends in one `__in` query.
    public var joinKeyLimit: Int {
        get { state.withLock { $0.joinKeyLimit } }
        set { state.withLock { $0.joinKeyLimit = newValue } }
    }

    // MARK: - Joins

    /// The strategy for filters across relations when a query set does not force one.
    public var defaultJoinStrategy: JoinStrategy {
        get { state.withLock { $0.defaultJoinStrategy } }
        set { state.withLock { $0.defaultJoinStrategy = newValue } }
    }

    /// The registered denormalized copies (``denormalize(_:_:)``).
    public var denormalizations: [Denormalization] {
        state.withLock { $0.denormalizations }
    }

    func addDenormalization(_ denormalization: Denormalization) {
        state.withLock { state in
            if !state.denormalizations.contains(where: { $0.column == denormalization.column && $0.source.name == denormalization.source.name }) {
                state.denormalizations.append(denormalization)
            }
        }
    }

    // MARK: - Emulated lookups

    /// Registered lookups and their hidden fields.
    let lookupRegistry = LookupRegistry()

    /// Registers lookups to emulate with hidden, indexed fields, per field name:
    ///
    /// ```swift
    /// try indexer.register(Post.self, ["title": [.iexact, .icontains, .istartswith], "created": [.month, .year, .weekDay]])
    /// ```
    /// Writes through the indexer maintain the hidden fields from then on; run
    /// ``backfill(_:using:batchSize:after:progress:)`` for documents written before, and
    /// `ensureIndexes()` (or the backfill) to create their indexes. Throws for an unknown field
    /// or a lookup that cannot be emulated on the field's type.
    public func register<M: Model>(_ model: M.Type, _ lookups: [String: [EmulatedLookup]]) throws {
        try lookupRegistry.register(M.descriptor, lookups)
    }

    /// Registers one regular expression on a text field: `field__regex` (or `__iregex` when
    /// `caseInsensitive`) with exactly this pattern becomes a query on a hidden, indexed bool.
    /// The bool is computed with ICU (as the memory backend matches), so keep to the subset of
    /// patterns PCRE, Python's `re` and ICU read alike (docs/Semantics.md).
    public func register<M: Model>(_ model: M.Type, field: String, regex pattern: String, caseInsensitive: Bool = false) throws {
        try lookupRegistry.register(M.descriptor, field: field, regex: pattern, caseInsensitive: caseInsensitive)
    }

    /// Wraps the backend of `alias` in an ``IndexedBackend`` using `indexer`.
    @discardableResult
    public static func install(_ indexer: Indexer, on alias: String) throws -> IndexedBackend {
        let base = try Databases.backend(alias)
        let wrapped = IndexedBackend(wrapping: (base as? IndexedBackend)?.base ?? base, indexer: indexer)
        Databases.register(alias: alias, backend: wrapped)
        return wrapped
    }
}
