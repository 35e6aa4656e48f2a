import Foundation
import Testing
@testable import NonrelMemory

@Suite struct Updates {
    func update(_ db: MemoryBackend, _ filter: FilterNode, _ assignments: [Assignment]) async throws -> Int {
        try await db.update(UpdateQuery(model: Fixture.post, filter: filter, assignments: assignments))
    }

    func row(_ db: MemoryBackend, _ name: String) async throws -> Row {
        try #require(try await db.select(SelectQuery(model: Fixture.post, filter: cond("name", .exact, .string(name)))).first)
    }

    @Test func constantsAndExpressions() async throws {
        let db = try await seeded([
            ["name": "a", "views": 1, "likes": 4], ["name": "b", "views": 2.5], ["name": "c", "likes": 1],
        ])
        let views = QueryExpression.field(Fixture.path("views"))
        let likes = QueryExpression.field(Fixture.path("likes"))
        let matched = try await update(db, .all, [
            Assignment(field: Fixture.path("views"), value: .add(views, .value(1))),
            Assignment(field: Fixture.path("likes"), value: .multiply(likes, views)),
            Assignment(field: Fixture.path("title"), value: .value("x")),
        ])
        #expect(matched == 3)
        let a = try await row(db, "a")
        // Every value is computed from the document as it was.
        #expect(a["views"] == 2 && a["likes"] == 4 && a["title"] == "x")
        #expect(try await row(db, "b")["views"] == 3.5)
        // Arithmetic on null or missing is null, and null is not stored.
        let c = try await row(db, "c")
        #expect(c.keys == ["_id", "name", "title"])
    }

    @Test func arithmeticTypes() throws {
        let model = Fixture.post
        #expect(try ExpressionEvaluator.combine(.add, 1, 2, model: model) == 3)
        #expect(try ExpressionEvaluator.combine(.add, .int(.max), 1, model: model) == .double(9.223372036854775808e18))
        #expect(try ExpressionEvaluator.combine(.divide, 7, 2, model: model) == 3.5)
        #expect(try ExpressionEvaluator.combine(.subtract, .decimal(1), 0.5, model: model) == .decimal(Decimal(string: "0.5")!))
        #expect(try ExpressionEvaluator.combine(.multiply, .null, 2, model: model) == .null)
        #expect(throws: NonrelError.self) { try ExpressionEvaluator.combine(.divide, 1, 0, model: model) }
        #expect(throws: NonrelError.self) { try ExpressionEvaluator.combine(.add, "a", 1, model: model) }
    }

    @Test func nestedPathsCreateDocuments() async throws {
        let db = try await seeded([["name": "a"], ["name": "b", "address": ["name": "old", "price": 1]], ["name": "c", "scores": [1]]])
        _ = try await update(db, .all, [Assignment(field: Fixture.path("address", "name"), value: .value("new"))])
        #expect(try await row(db, "a")["address"] == ["name": "new"])
        #expect(try await row(db, "b")["address"] == ["name": "new", "price": 1])
        let third = FieldPath(columns: ["scores", "2"], type: .int, field: Fixture.post.field(named: "scores")!)
        _ = try await update(db, cond("name", .exact, "c"), [Assignment(field: third, value: .value(7))])
        #expect(try await row(db, "c")["scores"] == [1, .null, 7])
        // A path through a list cannot be set; through a missing field it creates documents.
        let db2 = try await seeded([["name": "list", "items": [["name": "a"]]], ["name": "none"]])
        await #expect(throws: NonrelError.self) {
            try await update(db2, cond("name", .exact, "list"), [Assignment(field: Fixture.path("items", "name"), value: .value("x"))])
        }
        _ = try await update(db2, cond("name", .exact, "none"), [Assignment(field: Fixture.path("items", "name"), value: .value("x"))])
        #expect(try await row(db2, "none")["items"] == ["name": "x"])
    }

    @Test func positionalAssignmentsWithExpressionsAreRefused() async throws {
        let db = try await seeded([["name": "a", "scores": [1], "views": 2]])
        let first = FieldPath(columns: ["scores", "0"], type: .int, field: Fixture.post.field(named: "scores")!)
        await #expect(throws: NonrelError.self) {
            try await update(db, .all, [Assignment(field: first, value: .field(Fixture.path("views")))])
        }
        #expect(try await update(db, .all, [Assignment(field: first, value: .value(5))]) == 1)
        #expect(try await row(db, "a")["scores"] == [5])
    }

    @Test func nilConstantRemovesField() async throws {
        let db = try await seeded([["name": "a", "views": 3]])
        #expect(try await update(db, .all, [Assignment(field: Fixture.path("views"), value: .value(.null))]) == 1)
        #expect(try await row(db, "a").keys == ["_id", "name"])
    }

    @Test func returnsMatchedCountAndKeepsOrder() async throws {
        let db = try await seeded([["name": "a", "views": 1], ["name": "b", "views": 2], ["name": "c", "views": 3]])
        #expect(try await update(db, cond("views", .gte, 2), [Assignment(field: Fixture.path("views"), value: .value(0))]) == 2)
        #expect(try await db.names() == ["a", "b", "c"])
        #expect(try await update(db, cond("views", .gt, 100), [Assignment(field: Fixture.path("views"), value: .value(0))]) == 0)
        #expect(try await update(MemoryBackend(), .all, [Assignment(field: Fixture.path("views"), value: .value(0))]) == 0)
    }

    @Test func deleteRemovesMatchesOnly() async throws {
        let db = try await seeded([["name": "a", "views": 1], ["name": "b"], ["name": "c", "views": 3]])
        #expect(try await db.delete(DeleteQuery(model: Fixture.post, filter: .not(cond("views", .exact, 3)))) == 2)
        #expect(try await db.names() == ["c"])
        try await db.drop(Fixture.post)
        #expect(try await db.names() == [])
    }
}
