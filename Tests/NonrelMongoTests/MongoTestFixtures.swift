import Foundation
import Nonrel
import NonrelBSON

/// Hand-built descriptors and paths for compiler and backend tests.
enum Fixture {
    static let author = ModelDescriptor(name: "Author", collection: "authors", fields: [
        .primaryKeyField,
        FieldDescriptor(name: "name", type: .string(maxLength: 50)),
    ])

    static let address = ModelDescriptor(name: "Address", collection: "", fields: [
        FieldDescriptor(name: "city", type: .string(maxLength: nil)),
        FieldDescriptor(name: "zip", type: .string(maxLength: nil), null: true),
    ], isEmbedded: true)

    static let item = ModelDescriptor(name: "Item", collection: "", fields: [
        FieldDescriptor(name: "name", type: .string(maxLength: nil)),
        FieldDescriptor(name: "price", type: .int),
        FieldDescriptor(name: "at", type: .datetime, null: true),
    ], isEmbedded: true)

    static func post(collection: String = "posts", indexes: [IndexDescriptor] = [], uniqueTogether: [[String]] = []) -> ModelDescriptor {
        ModelDescriptor(name: "Post", collection: collection, fields: [
            .primaryKeyField,
            FieldDescriptor(name: "title", type: .string(maxLength: 100)),
            FieldDescriptor(name: "slug", type: .string(maxLength: 100), unique: true),
            FieldDescriptor(name: "code", type: .string(maxLength: 10), null: true, unique: true),
            FieldDescriptor(name: "views", type: .int, null: true, dbIndex: true),
            FieldDescriptor(name: "likes", type: .int, null: true),
            FieldDescriptor(name: "rating", type: .double, null: true),
            FieldDescriptor(name: "price", type: .decimal, null: true),
            FieldDescriptor(name: "created", type: .datetime, null: true),
            FieldDescriptor(name: "day", type: .date, null: true),
            FieldDescriptor(name: "token", type: .uuid, null: true),
            FieldDescriptor(name: "tags", type: .list(.string(maxLength: nil)), null: true),
            FieldDescriptor(name: "scores", type: .list(.int), null: true),
            FieldDescriptor(name: "author", type: .foreignKey(ModelReference(modelName: "Author") { Fixture.author }), null: true),
            FieldDescriptor(name: "editors", type: .manyToMany(ModelReference(modelName: "Author") { Fixture.author }), null: true),
            FieldDescriptor(name: "data", type: .json, null: true),
            FieldDescriptor(name: "address", type: .embedded(Fixture.address), null: true),
            FieldDescriptor(name: "items", type: .list(.embedded(Fixture.item)), null: true),
            FieldDescriptor(name: "meta", type: .dict(.int), null: true),
        ], indexes: indexes, uniqueTogether: uniqueTogether)
    }

    static let model = post()

    /// The path of a top-level field.
    static func path(_ name: String, in model: ModelDescriptor = model) -> FieldPath {
        let field = model.field(named: name)!
        return FieldPath(columns: [field.column], type: field.type, field: field)
    }

    static let city = FieldPath(columns: ["address", "city"], type: .string(maxLength: nil), field: model.field(named: "address")!)
    static let itemName = FieldPath(columns: ["items", "name"], type: .string(maxLength: nil), field: model.field(named: "items")!, crossesArray: true)
    static let itemAt = FieldPath(columns: ["items", "at"], type: .datetime, field: model.field(named: "items")!, crossesArray: true)

    static func when(_ op: LookupOperator, _ name: String, _ value: Value, transform: Transform? = nil) -> FilterNode {
        .condition(Condition(field: path(name), transform: transform, op: op, operand: .value(value)))
    }

    static func when(_ op: LookupOperator, _ path: FieldPath, _ value: Value, transform: Transform? = nil) -> FilterNode {
        .condition(Condition(field: path, transform: transform, op: op, operand: .value(value)))
    }

    static func date(_ text: String) -> Date {
        try! Date(text, strategy: .iso8601)
    }

    static func bsonDate(_ text: String) -> BSONValue {
        .datetime(BSONDateTime(date(text)))
    }

    static let keyA = "507f1f77bcf86cd799439011"
    static let keyB = "507f1f77bcf86cd799439012"
    static var oidA: BSONValue { .objectId(try! ObjectId(keyA)) }
    static var oidB: BSONValue { .objectId(try! ObjectId(keyB)) }
}
