/// A model's schema, type-erased: its fields and `Meta` options. Backends and the query
/// compiler work from this; models declare it through ``Schema``.
public final class ModelDescriptor: Sendable {
    /// The model's name (`"Post"`), used in error messages and relation references.
    public let name: String
    /// The collection (table) holding the model's documents.
    public let collection: String
    /// All fields, the primary key first.
    public let fields: [FieldDescriptor]
    /// Default ordering (`["-created", "title"]`), as in Django's `Meta.ordering`.
    public let ordering: [String]
    /// Declared indexes besides the per-field `unique`/`dbIndex` ones.
    public let indexes: [IndexDescriptor]
    /// Field names that must be unique together.
    public let uniqueTogether: [[String]]
    /// Whether this describes an embedded model (no collection, no primary key).
    public let isEmbedded: Bool
    private let byName: [String: Int]
    private let byColumn: [String: Int]
    /// Whether no two fields share a name or a column (what a schema declares; lookups by
    /// position are exact only then).
    let hasDistinctFields: Bool
    /// Whether fields are distinct, none is a primary key (stored as `_id`) and each one's
    /// column is its name: a row whose keys are the columns in field order then already has
    /// the fields' names.
    let columnsAreNames: Bool

    public init(name: String, collection: String, fields: [FieldDescriptor], ordering: [String] = [],
                indexes: [IndexDescriptor] = [], uniqueTogether: [[String]] = [], isEmbedded: Bool = false) {
        self.name = name
        self.collection = collection
        self.fields = fields
        self.ordering = ordering
        self.indexes = indexes
        self.uniqueTogether = uniqueTogether
        self.isEmbedded = isEmbedded
        var byName: [String: Int] = [:]
        var byColumn: [String: Int] = [:]
        for (index, field) in fields.enumerated() {
            byName[field.name] = index
            byColumn[field.column] = index
        }
        self.byName = byName
        self.byColumn = byColumn
        self.hasDistinctFields = byName.count == fields.count && byColumn.count == fields.count
        self.columnsAreNames = hasDistinctFields && fields.allSatisfy { $0.name == $0.column && !$0.primaryKey }
    }

    /// The field called `name` (`pk` names the primary key).
    public func field(named name: String) -> FieldDescriptor? {
        if name == "pk" { return primaryKey }
        return byName[name].map { fields[$0] }
    }

    /// The field stored in `column`.
    public func field(column: String) -> FieldDescriptor? {
        byColumn[column].map { fields[$0] }
    }

    /// The index in ``fields`` of the field stored in `column`, trying `hint` first: stored rows
    /// list fields in this order, so passing the index after the previous match makes most
    /// lookups one comparison instead of a hash lookup.
    @inline(__always)
    public func fieldIndex(column: String, hint: Int) -> Int? {
        if hasDistinctFields, hint < fields.count, fields[hint].column == column { return hint }
        return byColumn[column]
    }

    /// The primary key field (nil for embedded models).
    public var primaryKey: FieldDescriptor? { fields.first { $0.primaryKey } }

    /// Up to three field names close to `name`, for "did you mean" messages.
    public func closeMatches(to name: String) -> [String] {
        let candidates = fields.map(\.name) + (primaryKey == nil ? [] : ["pk"])
        return candidates
            .map { ($0, editDistance(Array($0.lowercased()), Array(name.lowercased()))) }
            .filter { $0.1 <= max(2, name.count / 3) || $0.0.lowercased().hasPrefix(name.lowercased()) }
            .sorted { $0.1 < $1.1 }
            .prefix(3)
            .map(\.0)
    }
}

/// An index declared in a model's `Meta`.
public struct IndexDescriptor: Sendable, Hashable {
    /// Field names, a leading `-` for descending (`["author", "-created"]`).
    public var fields: [String]
    public var name: String?
    public var unique: Bool

    public init(_ fields: [String], name: String? = nil, unique: Bool = false) {
        self.fields = fields
        self.name = name
        self.unique = unique
    }
}

/// Levenshtein distance, for suggestions.
func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for (i, ca) in a.enumerated() {
        var current = [i + 1]
        for (j, cb) in b.enumerated() {
            current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1)))
        }
        previous = current
    }
    return previous[b.count]
}
