/// A reference to another model, stored as its primary key (an ObjectId on MongoDB).
///
/// ```swift
/// struct Post: Model { var author: ForeignKey<Author> ... }
/// let post = Post(author: ForeignKey(bob), ...)
/// let author = try await post.author.get()
/// ```
public struct ForeignKey<Related: Model>: FieldValue, Hashable {
    /// The related model's primary key.
    public var id: String {
        didSet { if id != oldValue { cache = nil } }
    }
    // MARK: - Joins
    /// The related object, when loaded with the referring one (`selectRelated`) or given to
    /// ``init(_:)``; not stored, and ignored by `==`.
    private var cache: RelatedCache<Related>?

    public init(id: String) { self.id = id }

    /// The related object loaded with this one (`selectRelated("author")`), or nil.
    public var cached: Related? { cache?.value }

    public static func == (a: Self, b: Self) -> Bool { a.id == b.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    /// A reference to a saved model. A model without a primary key cannot be referenced: save
    /// it first (the error says so).
    public init(_ model: Related) throws(NonrelError) {
        guard let id = model.id else {
            throw NonrelError(.invalidValue, "cannot refer to an unsaved \(Related.descriptor.name): save it first so it has a primary key")
        }
        self.id = id
        self.cache = RelatedCache(model)
    }

    /// The related model: the cached one when it was loaded with this one (no query), else
    /// loaded now.
    public func get(using alias: String? = nil) async throws -> Related {
        if alias == nil, let cached { return cached }
        var query = Related.objects.all()
        if let alias { query = query.using(alias) }
        return try await query.get("pk", id)
    }

    public static var fieldType: FieldType { .foreignKey(ModelReference(Related.self)) }

    public init(from decoder: any Decoder) throws {
        id = try decoder.singleValueContainer().decode(String.self)
        if let entries = RelatedRows.entries(for: decoder), let entry = entries[id] {
            cache = RelatedCache(try entry.decode(Related.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(id)
    }
}

/// References to other models, stored nonrel-style as an array of primary keys on the owner.
public struct ManyToMany<Related: Model>: FieldValue, Hashable {
    /// The related models' primary keys, in order, without duplicates.
    public private(set) var ids: [String] {
        didSet { cache = nil }
    }
    // MARK: - Joins
    private var cache: RelatedCache<[Related]>?

    /// The related objects loaded with this one (`prefetchRelated("tags")`), in the order of
    /// ``ids`` (keys of deleted objects left out), or nil when not loaded.
    public var cached: [Related]? { cache?.value }

    public static func == (a: Self, b: Self) -> Bool { a.ids == b.ids }
    public func hash(into hasher: inout Hasher) { hasher.combine(ids) }

    public init(ids: [String] = []) {
        var seen = Set<String>()
        self.ids = ids.filter { seen.insert($0).inserted }
    }

    /// Adds a reference (no effect when present).
    public mutating func add(_ id: String) {
        if !ids.contains(id) { ids.append(id) }
    }

    /// Adds a reference to a saved model.
    public mutating func add(_ model: Related) throws(NonrelError) {
        add(try ForeignKey(model).id)
    }

    public mutating func remove(_ id: String) {
        ids.removeAll { $0 == id }
    }

    /// Loads the related models (in no particular order); the prefetched ones without a query.
    public func all(using alias: String? = nil) async throws -> [Related] {
        if alias == nil, let cached { return cached }
        guard !ids.isEmpty else { return [] }
        var query = Related.objects.filter("pk__in", ids.map(Value.string))
        if let alias { query = query.using(alias) }
        return try await query.fetch()
    }

    public static var fieldType: FieldType { .manyToMany(ModelReference(Related.self)) }

    public init(from decoder: any Decoder) throws {
        self.init(ids: try decoder.singleValueContainer().decode([String].self))
        if let entries = RelatedRows.entries(for: decoder) {
            var related: [Related] = []
            for id in ids {
                if let entry = entries[id] { related.append(try entry.decode(Related.self)) }
            }
            cache = RelatedCache(related)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(ids)
    }
}

extension ModelReference {
    /// A reference to model type `M`.
    public init<M: Model>(_ type: M.Type) {
        self.init(modelName: String(describing: M.self), resolve: { M.descriptor })
    }
}
