import Foundation
import Testing
import NonrelBSON
@testable import NonrelMongo

@Suite struct MongoCompilerWriteTests {
    typealias C = MongoQueryCompiler
    let f = Fixture.self

    @Test func constantUpdatesSetAndUnset() throws {
        let update = try C.update([
            Assignment(field: f.path("title"), value: .value("$notAnOperator")),
            Assignment(field: f.path("author"), value: .value(.string(f.keyA))),
            Assignment(field: f.city, value: .value("Oslo")),
            Assignment(field: f.path("views"), value: .value(nil)),
        ])
        #expect(update == .document([
            "$set": ["title": "$notAnOperator", "author": f.oidA, "address.city": "Oslo"],
            "$unset": ["views": ""],
        ]))
    }

    @Test func expressionUpdatesArePipelines() throws {
        let update = try C.update([
            Assignment(field: f.path("views"), value: .add(.field(f.path("views")), .value(1))),
            Assignment(field: f.path("title"), value: .value("$views")),
            Assignment(field: f.path("likes"), value: .value(nil)),
            Assignment(field: f.path("rating"), value: .divide(.field(f.path("likes")), .field(f.path("views")))),
        ])
        #expect(update == .pipeline([["$set": [
            "views": ["$ifNull": [["$add": ["$views", 1]], "$$REMOVE"]],
            "title": ["$literal": "$views"],
            "likes": "$$REMOVE",
            "rating": ["$ifNull": [["$divide": ["$likes", "$views"]], "$$REMOVE"]],
        ]]]))
    }

    @Test func positionalAssignmentWithExpressionsIsRefused() {
        let path = FieldPath(columns: ["scores", "0"], type: .int, field: f.model.field(named: "scores")!)
        #expect(throws: NonrelError.self) {
            try C.update([Assignment(field: path, value: .add(.field(f.path("views")), .value(1)))])
        }
    }

    @Test func overallAggregates() throws {
        let query = AggregateQuery(model: f.model, filter: f.when(.gt, "views", 0), groupBy: [], aggregates: [
            (name: "n", function: AggregateFunction(kind: .count, field: nil)),
            (name: "likes__count", function: AggregateFunction(kind: .count, field: f.path("likes"))),
            (name: "distinct", function: AggregateFunction(kind: .count, field: f.path("likes"), distinct: true)),
            (name: "total", function: AggregateFunction(kind: .sum, field: f.path("views"))),
            (name: "mean", function: AggregateFunction(kind: .avg, field: f.path("views"))),
            (name: "low", function: AggregateFunction(kind: .min, field: f.path("views"))),
            (name: "high", function: AggregateFunction(kind: .max, field: f.path("views"))),
        ])
        let present: (BSONValue) -> BSONValue = { x in ["$not": [["$in": [["$type": x], ["missing", "null"]]]]] }
        #expect(try C.aggregatePipeline(query) == [
            ["$match": ["views": ["$gt": 0]]],
            ["$group": [
                "_id": .null,
                "a0": ["$sum": 1],
                "a1": ["$sum": ["$cond": [present("$likes"), 1, 0]]],
                "a2": ["$addToSet": "$likes"],
                "a3": ["$sum": "$views"],
                "n3": ["$sum": ["$cond": [["$in": [["$type": "$views"], C.numericTypes]], 1, 0]]],
                "a4": ["$avg": "$views"],
                "a5": ["$min": "$views"],
                "a6": ["$max": "$views"],
            ]],
            ["$project": [
                "_id": 0,
                "n": "$a0",
                "likes__count": "$a1",
                "distinct": ["$size": ["$filter": ["input": "$a2", "as": "v", "cond": present("$$v")]]],
                "total": ["$cond": [["$gt": ["$n3", 0]], "$a3", .null]],
                "mean": "$a4",
                "low": "$a5",
                "high": "$a6",
            ]],
        ])
    }

    @Test func groupedAggregatesFoldMissingIntoNullAndSort() throws {
        let query = AggregateQuery(model: f.model, filter: .all, groupBy: [(name: "author", field: f.path("author")), (name: "address__city", field: f.city)],
                                   aggregates: [(name: "posts", function: AggregateFunction(kind: .count, field: nil))],
                                   ordering: [(name: "posts", descending: true)])
        #expect(try C.aggregatePipeline(query) == [
            ["$group": [
                "_id": ["k0": ["$ifNull": ["$author", .null]], "k1": ["$ifNull": ["$address.city", .null]]],
                "a0": ["$sum": 1],
            ]],
            ["$project": ["_id": 0, "author": "$_id.k0", "address__city": "$_id.k1", "posts": "$a0"]],
            ["$sort": ["posts": .int32(-1), "author": .int32(1), "address__city": .int32(1)]],
        ])
        let row = C.aggregateRow(["author": f.oidA, "address__city": .null, "posts": .int32(3)], query: query)
        #expect(row == ["author": .string(f.keyA), "address__city": nil, "posts": 3])
    }
}
