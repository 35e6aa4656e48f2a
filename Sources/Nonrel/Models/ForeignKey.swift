/// A reference to another model, stored as its primary key (an ObjectId on MongoDB).
///
/// ```swift
/// struct Post: Model { var author: ForeignKey<Author> ... }
/// let post = Post(author: ForeignKey(bob), ...)
/// let author = try await post.author.get()
/// ```
public struct ForeignKey<Related: Model>: FieldValue, Hashable {
    /// The related model's primary key.
    public var id: String

    public init(id: String) { self.id = id }

    /// A reference to a saved model. A model without a primary key cannot be referenced: save
    /// it first (the error says so).
    public init(_ model: Related) throws(NonrelError) {
        guard let id = model.id else {
            throw NonrelError(.invalidValue, "cannot refer to an unsaved \(Related.descriptor.name): save it first so it has a primary key")
        }
        self.id = id
    }

    /// Loads the related model.
    public func get(using alias: String? = nil) async throws -> Related {
        var query = Related.objects.all()
        if let alias { query = query.using(alias) }
        return try await query.get("pk", id)
    }

    public static var fieldType: FieldType { .foreignKey(ModelReference(Related.self)) }

    public init(from decoder: any Decoder) throws {
        id = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(id)
    }
}

/// References to other models, stored nonrel-style as an array of primary keys on the owner.
public struct ManyToMany<Related: Model>: FieldValue, Hashable {
    /// The related models' primary keys, in order, without duplicates.
    public private(set) var ids: [String]

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

    /// Loads the related models (in no particular order).
    public func all(using alias: String? = nil) async throws -> [Related] {
        guard !ids.isEmpty else { return [] }
        var query = Related.objects.filter("pk__in", ids.map(Value.string))
        if let alias { query = query.using(alias) }
        return try await query.fetch()
    }

    public static var fieldType: FieldType { .manyToMany(ModelReference(Related.self)) }

    public init(from decoder: any Decoder) throws {
        self.init(ids: try decoder.singleValueContainer().decode([String].self))
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
