/// Everything Django's field options say about one field, type-erased.
public struct FieldDescriptor: Sendable {
    /// The Swift property name, also the name used in queries (`"title"`, `"author"`).
    public let name: String
    /// The storage name (`db_column`); `_id` for the primary key.
    public let column: String
    public let type: FieldType
    /// Whether `nil` may be stored (derived from an Optional property).
    public let null: Bool
    /// Whether an empty string or collection passes validation.
    public let blank: Bool
    /// Produces the value stored when the property is nil and the field is not nullable.
    public let defaultValue: (@Sendable () -> Value)?
    public let unique: Bool
    public let dbIndex: Bool
    /// The allowed values, when restricted.
    public let choices: [Value]?
    public let primaryKey: Bool
    /// For foreign keys: the name of the reverse accessor on the related model (`posts`).
    public let relatedName: String?

    public init(
        name: String, column: String? = nil, type: FieldType, null: Bool = false, blank: Bool = false,
        defaultValue: (@Sendable () -> Value)? = nil, unique: Bool = false, dbIndex: Bool = false,
        choices: [Value]? = nil, primaryKey: Bool = false, relatedName: String? = nil
    ) {
        self.name = name
        self.column = column ?? name
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

    /// The primary key field every model has: `id`, stored as `_id`.
    public static let primaryKeyField = FieldDescriptor(name: "id", column: "_id", type: .auto, null: true, blank: true, primaryKey: true)
}
