/// The ORM's error type. `kind` says what went wrong in terms a caller can act on (as Django's
/// exception classes do); the message names the model, the field and what to do.
///
/// ```swift
/// do { let post = try await Post.objects.get("slug", "hello") }
/// catch let error as NonrelError where error.kind == .doesNotExist { ... }
/// ```
public struct NonrelError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// A field name in a query or declaration does not exist (Django's FieldError).
        case fieldDoesNotExist
        /// A lookup (`__icontains`...) does not exist or does not apply to the field's type.
        case lookupDoesNotExist
        /// A value has the wrong type for its field or lookup, or is malformed (a bad key string).
        case invalidValue
        /// A model failed validation (null, blank, max length, choices) before anything was written.
        case validation
        /// `get()` found nothing (Django's Model.DoesNotExist).
        case doesNotExist
        /// `get()` found more than one object (Django's MultipleObjectsReturned).
        case multipleObjectsReturned
        /// A unique constraint was violated (Django's IntegrityError).
        case integrity
        /// The backend cannot run this query (it names the feature and the way around it).
        case unsupported
        /// The query needs the indexer (JOINs across relations, emulated lookups).
        case needsIndexer
        /// `DATABASES` has no such alias, or an alias's settings are incomplete.
        case improperlyConfigured
        /// The database could not be reached or failed.
        case database
    }

    public var kind: Kind
    public var message: String
    /// The model involved, when there is one.
    public var model: String?
    /// The field involved, when there is one.
    public var field: String?
    /// The underlying backend error, when there is one.
    public var underlying: (any Error & Sendable)?

    public init(_ kind: Kind, _ message: String, model: String? = nil, field: String? = nil, underlying: (any Error & Sendable)? = nil) {
        self.kind = kind
        self.message = message
        self.model = model
        self.field = field
        self.underlying = underlying
    }

    public var description: String { "NonrelError.\(kind.rawValue): \(message)" }
}
