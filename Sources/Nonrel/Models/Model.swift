/// A stored model: a `Codable` struct with a primary key and a ``Schema``.
///
/// ```swift
/// struct Author: Model {
///     var id: String?
///     var username: String
///     var email: String?
///
///     static let schema = Schema<Author>("authors") {
///         Field("username", \.username, maxLength: 50, unique: true)
///         Field("email", \.email, dbIndex: true)
///     }
/// }
/// let bob = try await Author.objects.create(Author(username: "bob"))
/// let found = try await Author.objects.filter("username__iexact", "BOB").first()
/// ```
///
/// The primary key `id` is an AutoField: `nil` until saved, then a string (on MongoDB the
/// ObjectId's 24 hexadecimal characters). Property names are the field names used in queries.
public protocol Model: Codable, Sendable {
    /// The model's fields and `Meta` options.
    static var schema: Schema<Self> { get }
    /// The primary key; `nil` until the model is saved.
    var id: String? { get set }
}

extension Model {
    /// The default manager, as Django's `Model.objects`.
    public static var objects: Manager<Self> { Manager() }

    /// The primary key, as Django's `pk`.
    public var pk: String? { id }

    /// The model's type-erased schema.
    public static var descriptor: ModelDescriptor { schema.descriptor }
}

/// A model stored inside another model's document (djangotoolbox's EmbeddedModelField): it has
/// fields and a schema but no primary key and no collection. Queries reach into it with
/// `address__city`.
public protocol EmbeddedModel: FieldValue {
    static var schema: Schema<Self> { get }
}

extension EmbeddedModel {
    public static var fieldType: FieldType { .embedded(schema.descriptor) }
}
