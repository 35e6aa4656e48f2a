/// What a field stores, which decides its validation, the lookups it accepts and how each
/// backend stores it.
public indirect enum FieldType: Sendable {
    /// The primary key: generated on insert. MongoDB stores an ObjectId and the model sees its
    /// 24-character hexadecimal string; the memory backend generates the same form.
    case auto
    /// A string, at most `maxLength` characters when given (Django's CharField).
    case string(maxLength: Int?)
    /// Unbounded text (Django's TextField).
    case text
    /// A 64-bit integer (Django's IntegerField and BigIntegerField).
    case int
    /// A double (Django's FloatField).
    case double
    /// A decimal (Django's DecimalField; Decimal128 on MongoDB).
    case decimal
    case bool
    /// A calendar date, stored as midnight UTC.
    case date
    /// A point in time (millisecond precision).
    case datetime
    case uuid
    case binary
    /// Any JSON-like value: documents, arrays, scalars (Django's JSONField).
    case json
    /// A reference to another model, stored as its primary key (an ObjectId on MongoDB).
    case foreignKey(ModelReference)
    /// References to other models, stored nonrel-style as an array of keys on this document.
    case manyToMany(ModelReference)
    /// An ordered list of values of one type (djangotoolbox's ListField).
    case list(FieldType)
    /// A set of values of one type, stored as an array without duplicates (SetField).
    case set(FieldType)
    /// A map from string keys to values of one type (DictField).
    case dict(FieldType)
    /// A nested model stored inside the document (EmbeddedModelField).
    case embedded(ModelDescriptor)
}

extension FieldType {
    /// Whether values of this type are stored as primary keys (ObjectIds on MongoDB).
    public var storesKeys: Bool {
        switch self {
        case .auto, .foreignKey, .manyToMany: true
        case .list(let element), .set(let element): element.storesKeys
        default: false
        }
    }

    /// Whether the stored value is an array.
    public var isCollection: Bool {
        switch self {
        case .list, .set, .manyToMany: true
        default: false
        }
    }

    /// The element type of a list, set or many-to-many field.
    public var elementType: FieldType? {
        switch self {
        case .list(let element), .set(let element): element
        case .manyToMany(let reference): .foreignKey(reference)
        default: nil
        }
    }

    /// A short name for error messages (`string`, `list of int`...).
    public var name: String {
        switch self {
        case .auto: "auto"
        case .string: "string"
        case .text: "text"
        case .int: "int"
        case .double: "double"
        case .decimal: "decimal"
        case .bool: "bool"
        case .date: "date"
        case .datetime: "datetime"
        case .uuid: "uuid"
        case .binary: "binary"
        case .json: "json"
        case .foreignKey(let r): "foreign key to \(r.modelName)"
        case .manyToMany(let r): "many-to-many to \(r.modelName)"
        case .list(let e): "list of \(e.name)"
        case .set(let e): "set of \(e.name)"
        case .dict(let e): "dict of \(e.name)"
        case .embedded(let d): "embedded \(d.name)"
        }
    }
}

/// A reference to a related model, resolved lazily so that models may refer to each other
/// (and to themselves).
public struct ModelReference: Sendable {
    public let modelName: String
    private let resolve: @Sendable () -> ModelDescriptor

    public init(modelName: String, resolve: @escaping @Sendable () -> ModelDescriptor) {
        self.modelName = modelName
        self.resolve = resolve
    }

    /// The related model's descriptor.
    public var descriptor: ModelDescriptor { resolve() }
}
