import Foundation
@testable import NonrelMemory

/// A small schema for driving the backend with hand-built queries.
enum Fixture {
    static let item = ModelDescriptor(name: "Item", collection: "", fields: [
        FieldDescriptor(name: "name", type: .string(maxLength: nil)),
        FieldDescriptor(name: "price", type: .int, null: true),
    ], isEmbedded: true)

    static let post = ModelDescriptor(name: "Post", collection: "posts", fields: [
        .primaryKeyField,
        FieldDescriptor(name: "name", type: .string(maxLength: nil)),
        FieldDescriptor(name: "title", type: .string(maxLength: nil), null: true),
        FieldDescriptor(name: "views", type: .int, null: true),
        FieldDescriptor(name: "likes", type: .int, null: true),
        FieldDescriptor(name: "score", type: .double, null: true),
        FieldDescriptor(name: "tags", type: .list(.string(maxLength: nil)), null: true),
        FieldDescriptor(name: "scores", type: .list(.int), null: true),
        FieldDescriptor(name: "created", type: .datetime, null: true),
        FieldDescriptor(name: "data", type: .json, null: true),
        FieldDescriptor(name: "address", type: .embedded(item), null: true),
        FieldDescriptor(name: "items", type: .list(.embedded(item)), null: true),
        FieldDescriptor(name: "slug", type: .string(maxLength: nil), unique: true),
        FieldDescriptor(name: "email", column: "mail", type: .string(maxLength: nil), null: true, unique: true),
        FieldDescriptor(name: "category", type: .string(maxLength: nil), null: true, dbIndex: true),
    ], indexes: [IndexDescriptor(["category", "-views"])], uniqueTogether: [["title", "category"]])

    /// The path of a top-level field, or of a field inside an embedded one.
    static func path(_ name: String, _ sub: String? = nil) -> FieldPath {
        let field = post.field(named: name)!
        guard let sub else { return FieldPath(columns: [field.column], type: field.type, field: field) }
        let crosses = field.type.isCollection
        let subField = item.field(named: sub)
        return FieldPath(columns: [field.column, sub], type: subField?.type ?? .json, field: field, crossesArray: crosses)
    }

    /// A path into the JSON field.
    static func json(_ keys: String...) -> FieldPath {
        let field = post.field(named: "data")!
        return FieldPath(columns: ["data"] + keys, type: .json, field: field)
    }
}

/// `field__op=value`.
func cond(_ path: FieldPath, _ op: LookupOperator, _ value: Value, transform: Transform? = nil) -> FilterNode {
    .condition(Condition(field: path, transform: transform, op: op, operand: .value(value)))
}

func cond(_ name: String, _ op: LookupOperator, _ value: Value, transform: Transform? = nil) -> FilterNode {
    cond(Fixture.path(name), op, value, transform: transform)
}

/// A backend holding `rows` (in order) in the posts collection.
func seeded(_ rows: [Row]) async throws -> MemoryBackend {
    let backend = MemoryBackend()
    _ = try await backend.insert(rows, into: Fixture.post)
    return backend
}

extension MemoryBackend {
    /// The `name`s of the matching rows, in result order.
    func names(_ filter: FilterNode = .all, orderBy ordering: [SortKey] = [], offset: Int = 0, limit: Int? = nil) async throws -> [String] {
        try await select(SelectQuery(model: Fixture.post, filter: filter, ordering: ordering, offset: offset, limit: limit))
            .map { $0["name"]?.stringValue ?? "?" }
    }

    /// The `name`s of the matching rows, sorted, for set-like checks.
    func matching(_ filter: FilterNode) async throws -> [String] {
        try await names(filter).sorted()
    }
}

func date(_ text: String) -> Value {
    .date(ISO8601DateFormatter().date(from: text)!)
}

func asc(_ name: String) -> SortKey { SortKey(field: Fixture.path(name), descending: false) }
func desc(_ name: String) -> SortKey { SortKey(field: Fixture.path(name), descending: true) }
