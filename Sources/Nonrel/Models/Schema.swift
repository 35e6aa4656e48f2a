/// A model's declared fields and `Meta` options, with the key paths that typed queries use.
///
/// ```swift
/// static let schema = Schema<Post>("posts", ordering: ["-created"], indexes: [IndexDescriptor(["author", "-created"])]) {
///     Field("title", \.title, maxLength: 200)
///     Field("body", \.body, type: .text)
///     Field("author", \.author, relatedName: "posts")
///     Field("tags", \.tags)
///     Field("created", \.created, default: { .date(Date()) })
/// }
/// ```
/// The primary key `id` is added by the schema; don't declare it.
public struct Schema<M>: Sendable {
    public let descriptor: ModelDescriptor
    let names: [PartialKeyPath<M> & Sendable: String]

    /// A stored model's schema.
    /// - Parameters:
    ///   - collection: the collection (table) name.
    ///   - ordering: default ordering, as Django's `Meta.ordering` (`["-created"]`).
    ///   - indexes: extra indexes, as Django's `Meta.indexes`.
    ///   - uniqueTogether: as Django's `Meta.unique_together`.
    public init(
        _ collection: String, ordering: [String] = [], indexes: [IndexDescriptor] = [],
        uniqueTogether: [[String]] = [], @SchemaBuilder<M> fields: () -> [Field<M>]
    ) {
        let declared = fields()
        var names: [PartialKeyPath<M> & Sendable: String] = [:]
        for field in declared { names[field.keyPath] = field.descriptor.name }
        self.names = names
        self.descriptor = ModelDescriptor(
            name: String(describing: M.self), collection: collection,
            fields: [FieldDescriptor.primaryKeyField] + declared.map(\.descriptor),
            ordering: ordering, indexes: indexes, uniqueTogether: uniqueTogether)
        ModelRegistry.add(descriptor)
    }

    /// An embedded model's schema (no collection, no primary key).
    public init(embedded: Void = (), @SchemaBuilder<M> fields: () -> [Field<M>]) {
        let declared = fields()
        var names: [PartialKeyPath<M> & Sendable: String] = [:]
        for field in declared { names[field.keyPath] = field.descriptor.name }
        self.names = names
        self.descriptor = ModelDescriptor(
            name: String(describing: M.self), collection: "", fields: declared.map(\.descriptor), isEmbedded: true)
    }

    /// The field name declared for `keyPath` (`\.id` is `id`).
    public func name(of keyPath: PartialKeyPath<M> & Sendable) -> String? {
        if keyPath == \M.self { return nil }
        return names[keyPath]
    }
}

/// Collects a schema's `Field` declarations.
@resultBuilder
public enum SchemaBuilder<M> {
    public static func buildExpression(_ field: Field<M>) -> [Field<M>] { [field] }
    public static func buildBlock(_ parts: [Field<M>]...) -> [Field<M>] { parts.flatMap { $0 } }
    public static func buildArray(_ parts: [[Field<M>]]) -> [Field<M>] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [Field<M>]?) -> [Field<M>] { part ?? [] }
    public static func buildEither(first: [Field<M>]) -> [Field<M>] { first }
    public static func buildEither(second: [Field<M>]) -> [Field<M>] { second }
}

/// One field declaration: a name, the property holding it, and Django's field options. The
/// field's type comes from the property's type (`String` → string, `Date` → datetime,
/// `[String]` → list of strings, `ForeignKey<Author>` → foreign key...), and an Optional
/// property makes the field nullable. `type:` overrides the type (`.text`, `.date`, `.json`).
public struct Field<M>: Sendable {
    public let descriptor: FieldDescriptor
    let keyPath: PartialKeyPath<M> & Sendable

    public init<V: FieldValue>(
        _ name: String, _ keyPath: KeyPath<M, V> & Sendable, type: FieldType? = nil, column: String? = nil,
        maxLength: Int? = nil, blank: Bool = false, default defaultValue: (@Sendable () -> Value)? = nil,
        unique: Bool = false, dbIndex: Bool = false, choices: [Value]? = nil, relatedName: String? = nil
    ) {
        var fieldType = type ?? V.fieldType
        if let maxLength, case .string = fieldType { fieldType = .string(maxLength: maxLength) }
        self.descriptor = FieldDescriptor(
            name: name, column: column, type: fieldType, null: V.isOptional, blank: blank,
            defaultValue: defaultValue, unique: unique, dbIndex: dbIndex, choices: choices, relatedName: relatedName)
        self.keyPath = keyPath
    }
}
