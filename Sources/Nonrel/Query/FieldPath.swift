/// A resolved reference to stored data: a field of the queried model, possibly a path inside it
/// (an embedded field, a dict key, a list index), with the type found at its end.
public struct FieldPath: Sendable, CustomStringConvertible {
    /// Storage names from the document root: `["address", "city"]`, `["items", "0", "name"]`.
    public var columns: [String]
    /// The type of the value at the end of the path (`.json` inside dicts and JSON fields).
    public var type: FieldType
    /// The top-level field the path starts in.
    public var field: FieldDescriptor
    /// Whether the path passes through a list (so a document matches when any element does,
    /// as MongoDB does for arrays).
    public var crossesArray: Bool

    public init(columns: [String], type: FieldType, field: FieldDescriptor, crossesArray: Bool = false) {
        self.columns = columns
        self.type = type
        self.field = field
        self.crossesArray = crossesArray
    }

    /// The dotted storage path (`address.city`), as MongoDB writes it.
    public var dotted: String { columns.joined(separator: ".") }

    /// Whether the path is the primary key.
    public var isPrimaryKey: Bool { columns == [field.column] && field.primaryKey }

    public var description: String { dotted }
}
