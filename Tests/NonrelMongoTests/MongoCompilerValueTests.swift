import Foundation
import Testing
import NonrelBSON
import NonrelDriver
@testable import NonrelMongo

@Suite struct MongoCompilerValueTests {
    let f = Fixture.self

    @Test func scalarsRoundTrip() throws {
        let uuid = UUID()
        let date = f.date("2024-01-02T03:04:05Z")
        let cases: [(Value, FieldType, BSONValue)] = [
            (.int(5), .int, .int64(5)),
            (.double(1.5), .double, .double(1.5)),
            (.decimal(Decimal(string: "12.345")!), .decimal, .decimal128(try Decimal128("12.345"))),
            (.string("x"), .text, .string("x")),
            (.bool(true), .bool, .bool(true)),
            (.date(date), .datetime, .datetime(BSONDateTime(date))),
            (.uuid(uuid), .uuid, .binary(BSONBinary(uuid: uuid))),
            (.binary([1, 2]), .binary, .binary(BSONBinary(bytes: [1, 2]))),
            (.string(f.keyA), .auto, f.oidA),
            (.array([.string(f.keyA)]), f.model.field(named: "editors")!.type, .array([f.oidA])),
            (.document(["city": "Oslo"]), .embedded(f.address), .document(["city": "Oslo"])),
            (.array([.document(["name": "pen", "price": 2])]), .list(.embedded(f.item)), .array([.document(["name": "pen", "price": .int64(2)])])),
        ]
        for (value, type, bson) in cases {
            #expect(try ValueMapping.bson(value, as: type) == bson)
            #expect(ValueMapping.value(bson, as: type) == value)
        }
    }

    @Test func readsForeignTypesIntoClosestValues() {
        #expect(ValueMapping.value(.int32(4), as: .int) == .int(4))
        #expect(ValueMapping.value(.double(4), as: .int) == .int(4))
        #expect(ValueMapping.value(.int32(4), as: .double) == .double(4))
        #expect(ValueMapping.value(f.oidA, as: .json) == .string(f.keyA))
        #expect(ValueMapping.value(.document(["ref": f.oidB]), as: .json) == .document(["ref": .string(f.keyB)]))
        #expect(ValueMapping.value(.regex(BSONRegularExpression(pattern: "a")), as: .json) == .string("a"))
        #expect(ValueMapping.value(.minKey, as: .json) == .null)
    }

    @Test func rowsLeaveOutNil() throws {
        let row: Row = ["title": "a", "views": nil, "author": .string(f.keyA)]
        #expect(try ValueMapping.document(row, model: f.model) == ["title": "a", "author": f.oidA])
        #expect(ValueMapping.row(["_id": f.oidB, "views": .int32(1)], model: f.model) == ["_id": .string(f.keyB), "views": 1])
    }

    @Test func indexPlan() throws {
        let model = f.post(indexes: [IndexDescriptor(["author", "-created"]), IndexDescriptor(["title"], name: "by_title", unique: true)],
                           uniqueTogether: [["title", "code"]])
        let plan = try MongoIndexPlan(model)
        #expect(plan.declared.map(\.model) == [
            IndexModel(keys: ["slug": 1], unique: true),
            IndexModel(keys: ["code": 1], unique: true, sparse: true),
            IndexModel(keys: ["views": 1]),
            IndexModel(keys: ["author": 1, "created": -1]),
            IndexModel(keys: ["title": 1], name: "by_title", unique: true),
            IndexModel(keys: ["title": 1, "code": 1], unique: true, partialFilterExpression: ["code": ["$exists": true]]),
        ])
        #expect(plan.declared.map(\.model.resolvedName) == ["slug_1", "code_1", "views_1", "author_1_created_-1", "by_title", "title_1_code_1"])
        #expect(throws: NonrelError.self) { try MongoIndexPlan(f.post(uniqueTogether: [["nope"]])) }
    }

    @Test func connectionURIs() {
        #expect(MongoBackend.connectionURI(for: DatabaseSettings(engine: "mongodb", uri: "mongodb://a/b")) == "mongodb://a/b")
        #expect(MongoBackend.connectionURI(for: DatabaseSettings(engine: "mongodb", name: "blog", host: "db", port: 27018, user: "u@x", password: "p:w", options: ["tls": "true", "authSource": "admin"]))
            == "mongodb://u%40x:p%3Aw@db:27018/blog?authSource=admin&tls=true")
        #expect(MongoBackend.connectionURI(for: DatabaseSettings(engine: "mongodb")) == "mongodb://127.0.0.1:27017/")
        // NONREL_MONGO_URI replaces the "default" alias's URI at the settings level.
        let settings = Databases.applyingEnvironment(["default": DatabaseSettings(engine: "mongodb", name: "blog")], environment: ["NONREL_MONGO_URI": "mongodb://override:1/"])
        #expect(MongoBackend.connectionURI(for: settings["default"]!) == "mongodb://override:1/")
    }
}

@Suite struct MongoDecimalMappingTests {
    @Test func longDecimalsFitDecimal128() throws {
        let third = Decimal(1) / Decimal(3)
        let mapped = try ValueMapping.bson(.decimal(third), as: .decimal)
        guard case .decimal128(let d) = mapped else { Issue.record("not a decimal128: \(mapped)"); return }
        #expect(d.description.hasPrefix("0.3333333333"))
        #expect(try ValueMapping.bson(.decimal(Decimal(string: "-1234567890.0987654321")!), as: .decimal) == .decimal128(try Decimal128("-1234567890.0987654321")))
    }
}
