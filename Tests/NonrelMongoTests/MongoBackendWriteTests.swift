import Foundation
import Testing
import NonrelBSON
import NonrelDriver
@testable import NonrelMongo

@Suite(.enabled(if: MongoServer.available, "set NONREL_TEST_MONGO_URI to run against a server"))
struct MongoBackendWriteTests {
    let f = Fixture.self

    @Test func keysAreStoredAsObjectIdsAndReadAsStrings() async throws {
        try await MongoServer.withBackend { backend, database in
            let ids = try await backend.insert([
                ["title": "a", "slug": "a", "author": .string(f.keyA), "editors": [.string(f.keyA), .string(f.keyB)]],
                ["title": "b", "slug": "b", "author": .string(f.keyB)],
            ], into: f.model)
            #expect(ids.count == 2 && ids.allSatisfy(PrimaryKey.isValid))
            let raw = try #require(try await database.collection("posts").findOne(["title": "a"]))
            #expect(raw["_id"] == .objectId(try ObjectId(ids[0])))
            #expect(raw["author"] == f.oidA)
            #expect(raw["editors"] == [f.oidA, f.oidB])
            let rows = try await backend.select(SelectQuery(model: f.model, filter: f.when(.in, "id", [.string(ids[1])])))
            #expect(rows.map { $0["_id"] } == [.string(ids[1])])
            #expect(rows.first?["author"] == .string(f.keyB))
            #expect(try await backend.values("title", f.when(.exact, "editors", .string(f.keyB))) == ["a"])
            #expect(try await backend.values("title", f.when(.gt, "id", .string(ids[0]))) == ["b"])
        }
    }

    @Test func saveReplacesOrInserts() async throws {
        try await MongoServer.withBackend { backend, _ in
            let id = try await backend.insert([["title": "a", "slug": "a", "views": 1]], into: f.model)[0]
            try await backend.save(["_id": .string(id), "title": "b", "slug": "a"], into: f.model)
            let fresh = ObjectId().hex
            try await backend.save(["_id": .string(fresh), "title": "c", "slug": "c"], into: f.model)
            let rows = try await backend.select(SelectQuery(model: f.model, ordering: [SortKey(field: f.path("title"), descending: false)]))
            #expect(rows == [["_id": .string(id), "title": "b", "slug": "a"], ["_id": .string(fresh), "title": "c", "slug": "c"]])
        }
    }

    @Test func updatesKeepUserStringsAsDataAndPropagateNull() async throws {
        try await MongoServer.withBackend { backend, database in
            _ = try await backend.insert([
                ["title": "a", "slug": "a", "views": 1],
                ["title": "b", "slug": "b"],
                ["title": "c", "slug": "c", "views": 10],
            ], into: f.model)
            let everything = FilterNode.all
            let matched = try await backend.update(UpdateQuery(model: f.model, filter: everything, assignments: [
                Assignment(field: f.path("views"), value: .add(.field(f.path("views")), .value(1))),
                Assignment(field: f.path("title"), value: .value("$views")),
            ]))
            #expect(matched == 3)
            #expect(try await backend.values("views", everything) == [2, nil, 11])
            // A null result is not stored (nil fields never are).
            let raw = try #require(try await database.collection("posts").findOne(["slug": "b"]))
            #expect(!raw.contains(key: "views"))
            #expect(try await backend.values("title", everything) == ["$views", "$views", "$views"])
            _ = try await backend.update(UpdateQuery(model: f.model, filter: f.when(.exact, "slug", "c"), assignments: [
                Assignment(field: f.path("title"), value: .value("{$gt: 1}")),
                Assignment(field: f.path("views"), value: .value(nil)),
                Assignment(field: f.city, value: .value("Oslo")),
            ]))
            let row = try #require(try await backend.select(SelectQuery(model: f.model, filter: f.when(.exact, "slug", "c"))).first)
            #expect(row["views"] == nil)
            #expect(row["title"] == "{$gt: 1}")
            #expect(row["address"] == ["city": "Oslo"])
            #expect(try await backend.delete(DeleteQuery(model: f.model, filter: f.when(.isnull, "views", true))) == 2)
            #expect(try await backend.count(SelectQuery(model: f.model)) == 1)
        }
    }

    @Test func orderingSlicingAndProjection() async throws {
        try await MongoServer.withBackend { backend, _ in
            _ = try await backend.insert((0..<6).map { ["title": .string("t\($0 % 2)"), "slug": .string("s\($0)"), "views": .int(Int64($0))] }, into: f.model)
            let query = SelectQuery(model: f.model, ordering: [SortKey(field: f.path("title"), descending: true)], offset: 1, limit: 3,
                                    projection: [f.path("slug")])
            let rows = try await backend.select(query)
            #expect(rows.map { $0["slug"] } == ["s3", "s5", "s0"])
            #expect(rows.allSatisfy { $0.keys == ["_id", "slug"] })
            #expect(try await backend.count(query) == 3)
            #expect(try await backend.count(SelectQuery(model: f.model, offset: 4)) == 2)
            #expect(try await backend.select(SelectQuery(model: f.model, limit: 0)).isEmpty)
        }
    }

    @Test func aggregatesFollowTheNullRules() async throws {
        try await MongoServer.withBackend { backend, _ in
            let overall: [(name: String, function: AggregateFunction)] = [
                (name: "n", function: AggregateFunction(kind: .count, field: nil)),
                (name: "likes", function: AggregateFunction(kind: .count, field: f.path("likes"))),
                (name: "distinct", function: AggregateFunction(kind: .count, field: f.path("views"), distinct: true)),
                (name: "sum", function: AggregateFunction(kind: .sum, field: f.path("likes"))),
                (name: "avg", function: AggregateFunction(kind: .avg, field: f.path("views"))),
                (name: "min", function: AggregateFunction(kind: .min, field: f.path("likes"))),
                (name: "max", function: AggregateFunction(kind: .max, field: f.path("views"))),
            ]
            #expect(try await backend.aggregate(AggregateQuery(model: f.model, filter: .all, groupBy: [], aggregates: overall)).isEmpty)
            _ = try await backend.insert([
                ["title": "a", "slug": "1", "views": 2],
                ["title": "a", "slug": "2", "views": 2, "author": .string(f.keyA)],
                ["title": "b", "slug": "3", "views": 5, "author": .string(f.keyA)],
                ["title": "c", "slug": "4"],
            ], into: f.model)
            let rows = try await backend.aggregate(AggregateQuery(model: f.model, filter: .all, groupBy: [], aggregates: overall))
            #expect(rows == [["n": 4, "likes": 0, "distinct": 2, "sum": nil, "avg": 3.0, "min": nil, "max": 5]])
            let grouped = try await backend.aggregate(AggregateQuery(
                model: f.model, filter: .all, groupBy: [(name: "author", field: f.path("author"))],
                aggregates: [(name: "posts", function: AggregateFunction(kind: .count, field: nil)),
                             (name: "views", function: AggregateFunction(kind: .sum, field: f.path("views")))],
                ordering: [(name: "views", descending: true)]))
            #expect(grouped == [["author": .string(f.keyA), "posts": 2, "views": 7], ["author": nil, "posts": 2, "views": 2]])
        }
    }
}
