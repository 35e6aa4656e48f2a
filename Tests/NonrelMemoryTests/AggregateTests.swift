import Foundation
import Testing
@testable import NonrelMemory

@Suite struct Aggregates {
    let rows: [Row] = [
        ["name": "a", "category": "x", "views": 1, "score": 2.0, "tags": ["p", "q"]],
        ["name": "b", "category": "x", "views": 3, "tags": ["p", "q"]],
        ["name": "c", "category": "y", "views": .null, "score": 1.5, "tags": ["q"]],
        ["name": "d", "category": .null, "views": 4],
        ["name": "e", "views": 4],
    ]

    func run(_ db: MemoryBackend, filter: FilterNode = .all, groupBy: [String] = [], _ aggregates: [(String, AggregateFunction)],
             ordering: [(name: String, descending: Bool)] = []) async throws -> [Row] {
        try await db.aggregate(AggregateQuery(
            model: Fixture.post, filter: filter, groupBy: groupBy.map { (name: $0, field: Fixture.path($0)) },
            aggregates: aggregates.map { (name: $0.0, function: $0.1) }, ordering: ordering))
    }

    @Test func overallAggregatesIgnoreNulls() async throws {
        let db = try await seeded(rows)
        let views = Fixture.path("views")
        let result = try #require(try await run(db, [
            ("n", AggregateFunction(kind: .count, field: nil)),
            ("nv", AggregateFunction(kind: .count, field: views)),
            ("dv", AggregateFunction(kind: .count, field: views, distinct: true)),
            ("sum", AggregateFunction(kind: .sum, field: views)),
            ("avg", AggregateFunction(kind: .avg, field: views)),
            ("min", AggregateFunction(kind: .min, field: views)),
            ("max", AggregateFunction(kind: .max, field: views)),
            ("fsum", AggregateFunction(kind: .sum, field: Fixture.path("score"))),
            ("tmin", AggregateFunction(kind: .min, field: Fixture.path("title"))),
        ]).first)
        #expect(result["n"] == 5 && result["nv"] == 4 && result["dv"] == 3)
        #expect(result["sum"] == 12 && result["avg"] == 3.0)
        #expect(result["min"] == 1 && result["max"] == 4)
        #expect(result["fsum"] == 3.5)
        #expect(result["tmin"] == .null)
    }

    @Test func noMatchingRowsGiveNoResult() async throws {
        let db = try await seeded(rows)
        #expect(try await run(db, filter: .none, [("n", AggregateFunction(kind: .count, field: nil))]).isEmpty)
    }

    @Test func groupsNullAndMissingTogether() async throws {
        let db = try await seeded(rows)
        let result = try await run(db, groupBy: ["category"], [
            ("n", AggregateFunction(kind: .count, field: nil)),
            ("total", AggregateFunction(kind: .sum, field: Fixture.path("views"))),
        ], ordering: [(name: "category", descending: false)])
        #expect(result == [
            ["category": .null, "n": 2, "total": 8],
            ["category": "x", "n": 2, "total": 4],
            ["category": "y", "n": 1, "total": .null],
        ])
    }

    @Test func arraysGroupWhole() async throws {
        let db = try await seeded(rows)
        let result = try await run(db, groupBy: ["tags"], [("n", AggregateFunction(kind: .count, field: nil))],
                                   ordering: [(name: "n", descending: true)])
        // Ties on the count are broken by the group key: null before arrays.
        #expect(result == [["tags": .null, "n": 2], ["tags": ["p", "q"], "n": 2], ["tags": ["q"], "n": 1]])
    }

    @Test func ordersByOutputNamesWithGroupKeyTiebreak() async throws {
        let db = try await seeded(rows)
        let result = try await run(db, groupBy: ["views"], [("n", AggregateFunction(kind: .count, field: nil))],
                                   ordering: [(name: "n", descending: true)])
        #expect(result.map { $0["views"] } == [4, .null, 1, 3])
    }

    @Test func sumTypes() {
        let rows: [Row] = [["views": 1], ["views": 2.5], ["views": .decimal(1)], ["views": "x"]]
        func sum(_ rows: [Row]) -> Value { AggregateEvaluator.compute(AggregateFunction(kind: .sum, field: Fixture.path("views")), over: rows) }
        #expect(sum(Array(rows[0..<1])) == 1)
        #expect(sum(Array(rows[0..<2])) == 3.5)
        #expect(sum(Array(rows[0..<3])) == .decimal(Decimal(string: "4.5")!))
        #expect(sum([rows[3]]) == .null)
        #expect(sum([["views": .int(.max)], ["views": 1]]) == .double(9.223372036854775808e18))
    }

    @Test func pathsThroughListsAggregateWholeLists() async throws {
        let db = try await seeded([
            ["name": "a", "items": [["name": "x", "price": 2], ["name": "y", "price": 3]]],
            ["name": "b", "items": [["name": "z"]]],
        ])
        let result = try #require(try await run(db, [
            ("sum", AggregateFunction(kind: .sum, field: Fixture.path("items", "price"))),
            ("max", AggregateFunction(kind: .max, field: Fixture.path("items", "name"))),
        ]).first)
        // As MongoDB's $group: the path reads a list per document, which is not a number, and
        // lists compare whole.
        #expect(result["sum"] == .null && result["max"] == ["z"])
    }
}
