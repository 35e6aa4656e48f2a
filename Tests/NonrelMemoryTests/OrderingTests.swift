import Foundation
import Testing
@testable import NonrelMemory

@Suite struct Ordering {
    @Test func mixedTypesFollowMongoDBTypeOrder() async throws {
        let db = try await seeded([
            ["name": "date", "data": date("2020-01-01T00:00:00Z")],
            ["name": "bool", "data": false],
            ["name": "binary", "data": .binary([1, 2])],
            ["name": "array", "data": [["x"]]],
            ["name": "document", "data": ["a": 1]],
            ["name": "string", "data": "a"],
            ["name": "double", "data": 1.5],
            ["name": "int", "data": 1],
            ["name": "null", "data": .null],
            ["name": "missing"],
        ])
        let ascending = try await db.names(orderBy: [SortKey(field: Fixture.json(), descending: false)])
        // Null and missing tie; the key (insertion order here) breaks the tie.
        #expect(ascending == ["null", "missing", "int", "double", "string", "document", "array", "binary", "bool", "date"])
        let descending = try await db.names(orderBy: [SortKey(field: Fixture.json(), descending: true)])
        #expect(descending == ["date", "bool", "binary", "array", "document", "string", "double", "int", "null", "missing"])
    }

    @Test func stringsSortByUTF8Bytes() async throws {
        let db = try await seeded([
            ["name": "é", "title": "é"], ["name": "a", "title": "a"], ["name": "Z", "title": "Z"],
            ["name": "e\u{301}", "title": "e\u{301}"], ["name": "ab", "title": "ab"],
        ])
        #expect(try await db.names(orderBy: [asc("title")]) == ["Z", "a", "ab", "e\u{301}", "é"])
    }

    @Test func numbersSortByValueAcrossTypes() async throws {
        let db = try await seeded([
            ["name": "2.5", "views": 2.5], ["name": "10", "views": 10], ["name": "-1", "views": .decimal(-1)],
            ["name": "2", "views": 2], ["name": "nan", "views": .double(.nan)],
        ])
        #expect(try await db.names(orderBy: [asc("views")]) == ["nan", "-1", "2", "2.5", "10"])
    }

    @Test func arraysSortByMinAscendingAndMaxDescending() async throws {
        let db = try await seeded([
            ["name": "wide", "scores": [1, 10]],
            ["name": "mid", "scores": [5]],
            ["name": "scalar", "scores": 3],
            ["name": "empty", "scores": []],
            ["name": "missing"],
        ])
        // An empty array sorts below null and missing.
        #expect(try await db.names(orderBy: [asc("scores")]) == ["empty", "missing", "wide", "scalar", "mid"])
        #expect(try await db.names(orderBy: [desc("scores")]) == ["wide", "mid", "scalar", "missing", "empty"])
    }

    @Test func tiesBreakByPrimaryKeyAscending() async throws {
        let db = MemoryBackend()
        let ids = ["000000000000000000000003", "000000000000000000000001", "000000000000000000000002"]
        for (index, id) in ids.enumerated() {
            try await db.save(["_id": .string(id), "name": .string("\(index)"), "views": 1], into: Fixture.post)
        }
        #expect(try await db.names(orderBy: [asc("views")]) == ["1", "2", "0"])
        #expect(try await db.names(orderBy: [desc("views")]) == ["1", "2", "0"])
    }

    @Test func severalKeysOffsetAndLimit() async throws {
        let db = try await seeded((0..<10).map { ["name": .string("\($0)"), "views": .int(Int64($0 % 3)), "likes": .int(Int64($0))] })
        let ordering = [asc("views"), desc("likes")]
        #expect(try await db.names(orderBy: ordering) == ["9", "6", "3", "0", "7", "4", "1", "8", "5", "2"])
        #expect(try await db.names(orderBy: ordering, offset: 2, limit: 3) == ["3", "0", "7"])
        #expect(try await db.names(offset: 8, limit: 5) == ["8", "9"])
        #expect(try await db.names(offset: 20) == [])
        #expect(try await db.count(SelectQuery(model: Fixture.post, offset: 7, limit: 2)) == 2)
        #expect(try await db.count(SelectQuery(model: Fixture.post, filter: cond("views", .exact, 0), offset: 1)) == 3)
    }

    @Test func pathsThroughListsSortByElementValues() async throws {
        let db = try await seeded([
            ["name": "x", "items": [["name": "m"], ["name": "c"]]],
            ["name": "y", "items": [["name": "d"]]],
            ["name": "z", "items": [["name": "z"], ["name": "a"]]],
        ])
        let path = Fixture.path("items", "name")
        #expect(try await db.names(orderBy: [SortKey(field: path, descending: false)]) == ["z", "x", "y"])
        #expect(try await db.names(orderBy: [SortKey(field: path, descending: true)]) == ["z", "x", "y"])
    }

    @Test func projectionKeepsPrimaryKeyAndPaths() async throws {
        let db = try await seeded([
            ["name": "a", "title": "t", "views": 1, "address": ["name": "home", "price": 3],
             "items": [["name": "pen", "price": 2], ["price": 5], "junk"]],
        ])
        let rows = try await db.select(SelectQuery(model: Fixture.post, projection: [
            Fixture.path("title"), Fixture.path("address", "name"), Fixture.path("items", "name"), Fixture.path("items", "price"),
        ]))
        let row = try #require(rows.first)
        #expect(row.keys == ["_id", "title", "address", "items"])
        #expect(row["address"] == ["name": "home"])
        #expect(row["items"] == [["name": "pen", "price": 2], ["price": 5]])
        #expect(!row.keys.contains("views"))
    }
}
