import Foundation
import Testing
import NonrelBSON
import NonrelDriver
@testable import NonrelMongo

@Suite(.enabled(if: MongoServer.available, "set NONREL_TEST_MONGO_URI to run against a server"))
struct MongoBackendMatchingTests {
    let f = Fixture.self

    @Test func textLookupsAreLiteralAndAnchored() async throws {
        try await MongoServer.withBackend { backend, _ in
            let titles: [String] = ["a.b*c", "axb*c", "abc", "abc\n", "ABC", "Éclair", "(x)|y", "a\\b"]
            _ = try await backend.insert(titles.map { ["title": .string($0), "slug": .string($0)] }, into: f.model)
            func titlesWhere(_ op: LookupOperator, _ text: String) async throws -> Set<String> {
                Set(try await backend.values("title", f.when(op, "title", .string(text))).compactMap(\.stringValue))
            }
            #expect(try await titlesWhere(.contains, "a.b*c") == ["a.b*c"])
            #expect(try await titlesWhere(.iexact, "abc") == ["abc", "ABC"])
            #expect(try await titlesWhere(.endswith, "c") == ["a.b*c", "axb*c", "abc"])
            #expect(try await titlesWhere(.iendswith, "C") == ["a.b*c", "axb*c", "abc", "ABC"])
            #expect(try await titlesWhere(.icontains, "éCLAIR") == ["Éclair"])
            #expect(try await titlesWhere(.istartswith, "éc") == ["Éclair"])
            #expect(try await titlesWhere(.startswith, "(x)|") == ["(x)|y"])
            #expect(try await titlesWhere(.contains, "\\") == ["a\\b"])
            #expect(try await titlesWhere(.regex, "^a.b") == ["a.b*c", "axb*c", "a\\b"])
            // A user pattern keeps its own meaning: `$` also matches before a final newline.
            #expect(try await titlesWhere(.iregex, "^abc$") == ["abc", "ABC", "abc\n"])
        }
    }

    @Test func nullAndMissingRules() async throws {
        try await MongoServer.withBackend { backend, database in
            _ = try await backend.insert([
                ["title": "one", "slug": "1", "views": 1],
                ["title": "missing", "slug": "2"],
                ["title": "text", "slug": "4", "data": "5"],
                ["title": "number", "slug": "5", "data": 5],
            ], into: f.model)
            // A stored null (written by hand: models never store nil).
            try await database.collection("posts").insertOne(["title": "null", "slug": "3", "views": .null, "data": .null])
            func titles(_ node: FilterNode) async throws -> Set<String> {
                Set(try await backend.values("title", node).compactMap(\.stringValue))
            }
            let all: Set<String> = ["one", "missing", "null", "text", "number"]
            #expect(try await titles(f.when(.lt, "views", 5)) == ["one"])
            #expect(try await titles(f.when(.lte, "views", nil)) == [])
            #expect(try await titles(f.when(.gte, "views", nil)) == [])
            #expect(try await titles(f.when(.range, "views", [0, 10])) == ["one"])
            #expect(try await titles(f.when(.isnull, "views", true)) == all.subtracting(["one"]))
            #expect(try await titles(f.when(.isnull, "views", false)) == ["one"])
            #expect(try await titles(.not(f.when(.exact, "views", 1))) == all.subtracting(["one"]))
            #expect(try await titles(.not(f.when(.gt, "views", 0))) == all.subtracting(["one"]))
            #expect(try await titles(f.when(.gt, "data", 1)) == ["number"])
            #expect(try await titles(f.when(.contains, "data", "5")) == ["text"])
            #expect(try await titles(f.when(.in, "views", [])) == [])
        }
    }

    @Test func arraysMatchPerElement() async throws {
        try await MongoServer.withBackend { backend, _ in
            _ = try await backend.insert([
                ["title": "a", "slug": "a", "tags": ["swift", "db"], "scores": [1, 9], "items": [["name": "pen", "price": 2]]],
                ["title": "b", "slug": "b", "tags": ["python"], "scores": [5]],
            ], into: f.model)
            func titles(_ node: FilterNode) async throws -> [String] {
                try await backend.values("title", node).compactMap(\.stringValue)
            }
            #expect(try await titles(f.when(.exact, "tags", "swift")) == ["a"])
            #expect(try await titles(f.when(.icontains, "tags", "SW")) == ["a"])
            #expect(try await titles(f.when(.exact, "tags", ["python"])) == ["b"])
            #expect(try await titles(f.when(.range, "scores", [4, 6])) == ["b"])
            #expect(try await titles(f.when(.gt, "scores", 6)) == ["a"])
            #expect(try await titles(f.when(.hasAll, "tags", ["db", "swift"])) == ["a"])
            #expect(try await titles(f.when(.hasAll, "tags", [])) == ["a", "b"])
            #expect(try await titles(f.when(.overlap, "tags", ["python", "go"])) == ["b"])
            #expect(try await titles(f.when(.exact, f.itemName, "pen")) == ["a"])
            #expect(try await titles(f.when(.gt, "tags", 1, transform: .length)) == ["a"])
            #expect(try await titles(f.when(.exact, "scores", 1, transform: .length)) == ["b"])
        }
    }

    @Test func transformsInUTC() async throws {
        try await MongoServer.withBackend { backend, _ in
            // 2024-03-03 is a Sunday.
            _ = try await backend.insert([
                ["title": "sunday", "slug": "s", "created": .date(f.date("2024-03-03T23:30:15Z"))],
                ["title": "monday", "slug": "m", "created": .date(f.date("2024-11-04T00:00:00Z"))],
                ["title": "none", "slug": "n"],
                ["title": "json-date", "slug": "j", "data": .date(f.date("2023-06-01T12:00:00Z"))],
                ["title": "json-text", "slug": "t", "data": "2024"],
                ["title": "json-list", "slug": "l", "data": [.date(f.date("2022-01-01T00:00:00Z")), "x"]],
            ], into: f.model)
            func titles(_ node: FilterNode) async throws -> [String] {
                try await backend.values("title", node).compactMap(\.stringValue)
            }
            #expect(try await titles(f.when(.exact, "created", 2024, transform: .year)) == ["sunday", "monday"])
            #expect(try await titles(f.when(.exact, "created", 1, transform: .weekDay)) == ["sunday"])
            #expect(try await titles(f.when(.exact, "created", 7, transform: .isoWeekDay)) == ["sunday"])
            #expect(try await titles(f.when(.exact, "created", 2, transform: .weekDay)) == ["monday"])
            #expect(try await titles(f.when(.exact, "created", 4, transform: .quarter)) == ["monday"])
            #expect(try await titles(f.when(.exact, "created", 1, transform: .quarter)) == ["sunday"])
            #expect(try await titles(f.when(.exact, "created", 23, transform: .hour)) == ["sunday"])
            #expect(try await titles(f.when(.exact, "created", 15, transform: .second)) == ["sunday"])
            #expect(try await titles(f.when(.lt, "created", 100, transform: .day)) == ["sunday", "monday"])
            #expect(try await titles(.not(f.when(.exact, "created", 2024, transform: .year))) == ["none", "json-date", "json-text", "json-list"])
            #expect(try await titles(f.when(.exact, "created", .date(f.date("2024-03-03T00:00:00Z")), transform: .date)) == ["sunday"])
            #expect(try await titles(f.when(.lte, "created", .date(f.date("2024-03-03T00:00:00Z")), transform: .date)) == ["sunday"])
            #expect(try await titles(f.when(.isnull, "created", true, transform: .year)).count == 4)
            #expect(try await titles(f.when(.lt, "data", 2030, transform: .year)) == ["json-date", "json-list"])
            #expect(try await titles(f.when(.exact, "data", 2022, transform: .year)) == ["json-list"])
        }
    }

    @Test func fieldComparisonsIgnoreNulls() async throws {
        try await MongoServer.withBackend { backend, _ in
            _ = try await backend.insert([
                ["title": "more", "slug": "1", "likes": 5, "views": 3],
                ["title": "less", "slug": "2", "likes": 1, "views": 3.5],
                ["title": "nolikes", "slug": "3", "views": 3],
                ["title": "noviews", "slug": "4", "likes": 3],
                ["title": "equal", "slug": "5", "likes": 4, "views": .decimal(3)],
            ], into: f.model)
            func titles(_ op: LookupOperator, _ rhs: Nonrel.Expression) async throws -> [String] {
                try await backend.values("title", .condition(Condition(field: f.path("likes"), op: op, operand: rhs))).compactMap(\.stringValue)
            }
            #expect(try await titles(.gt, .field(f.path("views"))) == ["more", "equal"])
            #expect(try await titles(.lt, .field(f.path("views"))) == ["less"])
            #expect(try await titles(.exact, .add(.field(f.path("views")), .value(1))) == ["equal"])
            #expect(try await backend.values("title", .not(.condition(Condition(field: f.path("likes"), op: .gt, operand: .field(f.path("views")))))).count == 3)
        }
    }
}
