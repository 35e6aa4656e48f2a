/// Everything Django's field options say about one field, type-erased.
///
/// The options live in one shared immutable object, so a copy of a descriptor (as every
/// lookup and loop over a model's fields makes) is a single reference count.
public struct FieldDescriptor: Sendable {
    private let storage: Storage

    /// The Swift property name, also the name used in queries (`"title"`, `"author"`).
    public var name: String { storage.name }
    /// The storage name (`db_column`); `_id` for the primary key.
    public var column: String { storage.column }
    public var type: FieldType { storage.type }
    /// Whether `nil` may be stored (derived from an Optional property).
    public var null: Bool { storage.null }
    /// Whether an empty string or collection passes validation.
    public var blank: Bool { storage.blank }
    /// Produces the value stored when the property is nil and the field is not nullable.
    public var defaultValue: (@Sendable () -> Value)? { storage.defaultValue }
    public var unique: Bool { storage.unique }
    public var dbIndex: Bool { storage.dbIndex }
    /// The allowed values, when restricted.
    public var choices: [Value]? { storage.choices }
    public var primaryKey: Bool { storage.primaryKey }
    /// For foreign keys: the name of the reverse accessor on the related model (`posts`).
    public var relatedName: String? { storage.relatedName }

    public init(
        name: String, column: String? = nil, type: FieldType, null: Bool = false, blank: Bool = false,
        defaultValue: (@Sendable () -> Value)? = nil, unique: Bool = false, dbIndex: Bool = false,
        choices: [Value]? = nil, primaryKey: Bool = false, relatedName: String? = nil
    ) {
        storage = Storage(
            name: name, column: column ?? name, type: type, null: null, blank: blank, defaultValue: defaultValue,
            unique: unique, dbIndex: dbIndex, choices: choices, primaryKey: primaryKey, relatedName: relatedName)
    }

    /// The primary key field every model has: `id`, stored as `_id`.
    public static let primaryKeyField = FieldDescriptor(name: "id", column: "_id", type: .auto, null: true, blank: true, primaryKey: true)

    private final class Storage: Sendable {
        let name: String
        let column: String
        let type: FieldType
        let null: Bool
        let blank: Bool
        let defaultValue: (@Sendable () -> Value)?
        let unique: Bool
        let dbIndex: Bool
        let choices: [Value]?
        let primaryKey: Bool
        let relatedName: String?

        init(name: String, column: String, type: FieldType, null: Bool, blank: Bool, defaultValue: (@Sendable () -> Value)?,
             unique: Bool, dbIndex: Bool, choices: [Value]?, primaryKey: Bool, relatedName: String?) {
            self.name = name
            self.column = column
            self.type = type
            self.null = null
            self.blank = blank
            self.defaultValue = defaultValue
            self.unique = unique
            self.dbIndex = dbIndex
            self.choices = choices
            self.primaryKey = primaryKey
            self.relatedName = relatedName
        }
    }
}
