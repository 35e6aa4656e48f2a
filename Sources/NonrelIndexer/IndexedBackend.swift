import Nonrel

/// django-dbindexer's job: a backend that wraps any other backend and gives it what it lacks:
/// JOINs across relations (`author__username`, `posts__title`) and, for registered lookups,
/// index-backed emulation (`title__icontains`, `created__month`...).
///
/// ```swift
/// let indexer = Indexer()
/// Indexer.install(indexer, on: "default")          // wraps the alias's backend
/// try await Post.objects.filter("author__username", "ada").fetch()
/// ```
public final class IndexedBackend: DatabaseBackend {
    /// The wrapped backend, which stores the data.
    public let base: any DatabaseBackend
    public let indexer: Indexer

    public init(wrapping base: any DatabaseBackend, indexer: Indexer) {
        self.base = base
        self.indexer = indexer
    }

    public var features: BackendFeatures {
        var features = base.features
        features.joins = true
        return features
    }

    // MARK: - Writes

    // MARK: - Joins: writes keep denormalized copies current (Joins/Denormalization.swift)

    public func insert(_ rows: [Row], into model: ModelDescriptor) async throws -> [String] {
        // Denormalized copies (joins), then hidden fields (emulated lookups).
        try await base.insert(withHiddenFields(try await withDenormalizedCopies(rows, of: model), model: model), into: model)
    }

    public func save(_ row: Row, into model: ModelDescriptor) async throws {
        try await base.save(withHiddenFields(try await withDenormalizedCopies([row], of: model), model: model)[0], into: model)
        if case .string(let key)? = row["_id"] { try await propagateChange(of: model, keys: [.string(key)]) }
    }

    public func update(_ query: UpdateQuery) async throws -> Int {
        var query = query
        query.filter = try await writeFilter(try await rewrite(query.filter, model: query.model), model: query.model)
        // Hidden fields (emulated lookups) around the update that keeps denormalized copies current (joins).
        return try await updateKeepingHiddenFields(query) { try await self.updatePropagating($0) }
    }

    public func delete(_ query: DeleteQuery) async throws -> Int {
        var query = query
        query.filter = try await writeFilter(try await rewrite(query.filter, model: query.model), model: query.model)
        return try await deletePropagating(query)
    }

    // MARK: - Reads

    public func select(_ query: SelectQuery) async throws -> [Row] {
        var query = query
        query.filter = try await rewrite(query.filter, model: query.model)
        if query.projection == nil, hasHiddenColumns(query.model) {
            // Load the declared fields only: hidden fields (trigram lists...) would cost transfer
            // and decoding for nothing.
            query.projection = query.model.fields.filter { !$0.primaryKey }
                .map { FieldPath(columns: [$0.column], type: $0.type, field: $0) }
        }
        return withoutHiddenFields(try await selectResolved(query), query: query) // emulated lookups, joins
    }

    /// Whether documents of `model` carry hidden columns (emulated lookups or denormalized copies).
    private func hasHiddenColumns(_ model: ModelDescriptor) -> Bool {
        indexer.lookupRegistry.lookups(for: model) != nil || indexer.denormalizations.contains { $0.source.name == model.name }
    }

    public func count(_ query: SelectQuery) async throws -> Int {
        var query = query
        query.filter = try await rewrite(query.filter, model: query.model)
        return try await countResolved(query)
    }

    public func aggregate(_ query: AggregateQuery) async throws -> [Row] {
        var query = query
        query.filter = try await rewrite(query.filter, model: query.model)
        return try await aggregateResolved(query)
    }

    public func ensureIndexes(for model: ModelDescriptor) async throws -> IndexReport {
        // Hidden fields of emulated lookups and denormalized copies are indexed with the model's own.
        let withHidden = modelWithHiddenFields(model)
        let copies = indexer.denormalizations.filter { $0.source.name == model.name }
            .map { FieldDescriptor(name: $0.column, type: $0.field.type, null: true, dbIndex: true) }
        guard !copies.isEmpty else { return try await base.ensureIndexes(for: withHidden) }
        return try await base.ensureIndexes(for: ModelDescriptor(
            name: withHidden.name, collection: withHidden.collection, fields: withHidden.fields + copies,
            ordering: withHidden.ordering, indexes: withHidden.indexes, uniqueTogether: withHidden.uniqueTogether))
    }

    public func drop(_ model: ModelDescriptor) async throws {
        try await base.drop(model)
    }

    // MARK: - Rewriting

    /// The filter with every JOIN node resolved into conditions the wrapped backend runs.
    func rewrite(_ node: FilterNode, model: ModelDescriptor) async throws -> FilterNode {
        switch node {
        case .all, .none:
            return node
        case .condition(let condition):
            return emulatedLookup(condition, model: model) // emulated lookups
        case .and(let children):
            var rewritten: [FilterNode] = []
            for child in children { rewritten.append(try await rewrite(child, model: model)) }
            return .and(rewritten)
        case .or(let children):
            var rewritten: [FilterNode] = []
            for child in children { rewritten.append(try await rewrite(child, model: model)) }
            return .or(rewritten)
        case .not(let child):
            return .not(try await rewrite(child, model: model))
        case .relation(let relation):
            // MARK: - Joins: strategy chosen in Joins/JoinResolution.swift
            return try await resolveRelation(relation, from: model)
        }
    }
}
