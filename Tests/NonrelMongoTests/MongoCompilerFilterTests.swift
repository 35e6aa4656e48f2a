import Foundation
import Testing
import NonrelBSON
@testable import NonrelMongo

@Suite struct MongoCompilerFilterTests {
    typealias C = MongoQueryCompiler
    let f = Fixture.self

    @Test func exactAndComparisons() throws {
        #expect(try C.filter(f.when(.exact, "title", "a")) == ["title": ["$eq": "a"]])
        #expect(try C.filter(f.when(.gt, "views", 5)) == ["views": ["$gt": 5]])
        #expect(try C.filter(f.when(.gte, "views", 5)) == ["views": ["$gte": 5]])
        #expect(try C.filter(f.when(.lt, "rating", 1.5)) == ["rating": ["$lt": 1.5]])
        #expect(try C.filter(f.when(.lte, "price", .decimal(Decimal(string: "2.50")!))) == ["price": ["$lte": .decimal128(try Decimal128("2.5"))]])
        #expect(try C.filter(f.when(.exact, f.city, "Paris")) == ["address.city": ["$eq": "Paris"]])
        #expect(try C.filter(f.when(.exact, "data", ["k": "$set"])) == ["data": ["$eq": ["k": "$set"]]])
    }

    @Test func nullOperandsOfOrderingLookupsMatchNothing() throws {
        #expect(try C.filter(f.when(.lte, "views", nil)) == C.matchNothing)
        #expect(try C.filter(f.when(.range, "views", [1, nil])) == C.matchNothing)
        #expect(try C.filter(.not(f.when(.lt, "views", nil))) == [:])
    }

    @Test func isnull() throws {
        #expect(try C.filter(f.when(.isnull, "views", true)) == ["views": .null])
        #expect(try C.filter(f.when(.isnull, "views", false)) == ["views": ["$ne": .null]])
    }

    @Test func keysAreObjectIds() throws {
        #expect(try C.filter(f.when(.exact, "id", .string(f.keyA))) == ["_id": ["$eq": f.oidA]])
        #expect(try C.filter(f.when(.in, "id", [.string(f.keyA), .string(f.keyB)])) == ["_id": ["$in": [f.oidA, f.oidB]]])
        #expect(try C.filter(f.when(.exact, "author", .string(f.keyA))) == ["author": ["$eq": f.oidA]])
        #expect(try C.filter(f.when(.exact, "editors", .string(f.keyA))) == ["editors": ["$eq": f.oidA]])
        #expect(try C.filter(f.when(.hasAll, "editors", [.string(f.keyA), .string(f.keyB)])) == ["editors": ["$all": [f.oidA, f.oidB]]])
        #expect(throws: NonrelError.self) { try C.filter(f.when(.exact, "author", "nope")) }
    }

    @Test func inRangeAndLists() throws {
        #expect(try C.filter(f.when(.in, "views", [1, 2])) == ["views": ["$in": [1, 2]]])
        #expect(try C.filter(f.when(.in, "views", [])) == ["views": ["$in": []]])
        #expect(try C.filter(f.when(.range, "views", [1, 5])) == ["views": ["$gte": 1, "$lte": 5]])
        #expect(try C.filter(f.when(.range, "scores", [1, 5])) == ["scores": ["$elemMatch": ["$gte": 1, "$lte": 5]]])
        #expect(try C.filter(f.when(.contains, "tags", "swift")) == ["tags": ["$eq": "swift"]])
        #expect(try C.filter(f.when(.exact, "tags", ["a", "b"])) == ["tags": ["$eq": ["a", "b"]]])
        #expect(try C.filter(f.when(.hasAll, "tags", ["a", "b"])) == ["tags": ["$all": ["a", "b"]]])
        #expect(try C.filter(f.when(.hasAll, "tags", [])) == ["tags": ["$type": "array"]])
        #expect(try C.filter(f.when(.overlap, "tags", ["a", "b"])) == ["tags": ["$in": ["a", "b"]]])
        #expect(try C.filter(f.when(.exact, f.itemName, "pen")) == ["items.name": ["$eq": "pen"]])
    }

    @Test func textLookupsEscapeAndAnchor() throws {
        let end = "(?![\\s\\S])"
        #expect(try C.filter(f.when(.contains, "title", "a.b*c")) == ["title": ["$regex": "a\\.b\\*c"]])
        #expect(try C.filter(f.when(.icontains, "title", "(x)")) == ["title": ["$regex": "\\(x\\)", "$options": "i"]])
        #expect(try C.filter(f.when(.iexact, "title", "abc")) == ["title": ["$regex": .string("^abc" + end), "$options": "i"]])
        #expect(try C.filter(f.when(.startswith, "title", "^$")) == ["title": ["$regex": "^\\^\\$"]])
        #expect(try C.filter(f.when(.istartswith, "title", "a|b")) == ["title": ["$regex": "^a\\|b", "$options": "i"]])
        #expect(try C.filter(f.when(.endswith, "title", "[1]")) == ["title": ["$regex": .string("\\[1\\]" + end)]])
        #expect(try C.filter(f.when(.iendswith, "title", "a\\b")) == ["title": ["$regex": .string("a\\\\b" + end), "$options": "i"]])
        #expect(try C.filter(f.when(.regex, "title", "^a.c$")) == ["title": ["$regex": "^a.c$"]])
        #expect(try C.filter(f.when(.iregex, "title", "^a")) == ["title": ["$regex": "^a", "$options": "i"]])
        #expect(RegexPatterns.escape("{1,2}+?") == "\\{1,2\\}\\+\\?")
        #expect(RegexPatterns.escape("a\nb") == "a\\nb")
    }

    @Test func negationAtDepth() throws {
        let a = f.when(.exact, "title", "a")
        let b = f.when(.gt, "views", 1)
        #expect(try C.filter(.not(a)) == ["$nor": [["title": ["$eq": "a"]]]])
        #expect(try C.filter(.not(.not(a))) == ["$nor": [["$nor": [["title": ["$eq": "a"]]]]]])
        #expect(try C.filter(.and([.not(.or([a, b])), b])) == ["$and": [
            ["$nor": [["$or": [["title": ["$eq": "a"]], ["views": ["$gt": 1]]]]]],
            ["views": ["$gt": 1]],
        ]])
        #expect(try C.filter(.not(.all)) == C.matchNothing)
        #expect(try C.filter(.not(.none)) == [:])
    }

    @Test func andOrNesting() throws {
        let a = f.when(.exact, "title", "a")
        let b = f.when(.exact, "title", "b")
        let c = f.when(.lt, "views", 3)
        #expect(try C.filter(.all) == [:])
        #expect(try C.filter(.none) == C.matchNothing)
        #expect(try C.filter(.and([a])) == ["title": ["$eq": "a"]])
        #expect(try C.filter(.and([.or([a, b]), .or([c, .not(c)])])) == ["$and": [
            ["$or": [["title": ["$eq": "a"]], ["title": ["$eq": "b"]]]],
            ["$or": [["views": ["$lt": 3]], ["$nor": [["views": ["$lt": 3]]]]]],
        ]])
        #expect(try C.filter(.or([a, .or([b, c])])) == ["$or": [
            ["title": ["$eq": "a"]], ["$or": [["title": ["$eq": "b"]], ["views": ["$lt": 3]]]],
        ]])
        #expect(try C.filter(.or([a, .all])) == [:])
        #expect(try C.filter(.or([a, .none])) == ["title": ["$eq": "a"]])
        #expect(try C.filter(.and([a, .none])) == C.matchNothing)
        #expect(try C.filter(.or([])) == C.matchNothing)
    }

    @Test func transformsUseGuardedExpr() throws {
        let guarded: (BSONValue) -> BSONDocument = { test in
            ["$expr": ["$cond": [["$eq": [["$type": "$created"], "date"]], test, false]]]
        }
        #expect(try C.filter(f.when(.exact, "created", 2024, transform: .year)) == guarded(["$eq": [["$year": "$created"], 2024]]))
        #expect(try C.filter(f.when(.gt, "created", 6, transform: .month)) == guarded(["$gt": [["$month": "$created"], 6]]))
        #expect(try C.filter(f.when(.exact, "created", 3, transform: .day)) == guarded(["$eq": [["$dayOfMonth": "$created"], 3]]))
        #expect(try C.filter(f.when(.lt, "created", 12, transform: .hour)) == guarded(["$lt": [["$hour": "$created"], 12]]))
        #expect(try C.filter(f.when(.gte, "created", 30, transform: .minute)) == guarded(["$gte": [["$minute": "$created"], 30]]))
        #expect(try C.filter(f.when(.lte, "created", 5, transform: .second)) == guarded(["$lte": [["$second": "$created"], 5]]))
        #expect(try C.filter(f.when(.exact, "created", 1, transform: .weekDay)) == guarded(["$eq": [["$dayOfWeek": "$created"], 1]]))
        #expect(try C.filter(f.when(.exact, "created", 7, transform: .isoWeekDay)) == guarded(["$eq": [["$isoDayOfWeek": "$created"], 7]]))
        #expect(try C.filter(f.when(.in, "created", [1, 2], transform: .quarter)) == guarded(["$in": [["$ceil": ["$divide": [["$month": "$created"], 3]]], ["$literal": [1, 2]]]]))
        #expect(try C.filter(f.when(.range, "created", [2020, 2021], transform: .year)) == guarded(["$and": [["$gte": [["$year": "$created"], 2020]], ["$lte": [["$year": "$created"], 2021]]]]))
        #expect(try C.filter(f.when(.lt, "created", nil, transform: .year)) == guarded(["$literal": false]))
    }

    @Test func lengthTransformGuardsArrays() throws {
        #expect(try C.filter(f.when(.gt, "tags", 2, transform: .length)) == ["$expr": ["$cond": [["$isArray": "$tags"], ["$gt": [["$size": "$tags"], 2]], false]]])
        #expect(try C.filter(f.when(.isnull, "tags", true, transform: .length)) == ["$nor": [["tags": ["$type": "array"]]]])
    }

    @Test func transformsOnListsAndJSONMatchAnyElement() throws {
        let test: BSONDocument = ["$cond": [["$eq": [["$type": "$$v"], "date"]], ["$eq": [["$year": "$$v"], 2024]], false]]
        let expected: BSONDocument = ["$expr": ["$anyElementTrue": [["$map": [
            "input": ["$cond": [["$isArray": "$items.at"], "$items.at", ["$items.at"]]], "as": "v", "in": .document(test),
        ]]]]]
        #expect(try C.filter(f.when(.exact, f.itemAt, 2024, transform: .year)) == expected)
    }

    @Test func dateTransformIsADayRange() throws {
        let day = Value.date(f.date("2024-03-05T00:00:00Z"))
        let start = f.bsonDate("2024-03-05T00:00:00Z")
        let next = f.bsonDate("2024-03-06T00:00:00Z")
        #expect(try C.filter(f.when(.exact, "created", day, transform: .date)) == ["created": ["$gte": start, "$lt": next]])
        #expect(try C.filter(f.when(.gt, "created", day, transform: .date)) == ["created": ["$gte": next]])
        #expect(try C.filter(f.when(.gte, "created", day, transform: .date)) == ["created": ["$gte": start]])
        #expect(try C.filter(f.when(.lt, "created", day, transform: .date)) == ["created": ["$lt": start]])
        #expect(try C.filter(f.when(.lte, "created", day, transform: .date)) == ["created": ["$lt": next]])
        #expect(try C.filter(f.when(.range, "created", [day, day], transform: .date)) == ["created": ["$gte": start, "$lt": next]])
        #expect(try C.filter(f.when(.in, "created", [day], transform: .date)) == ["created": ["$gte": start, "$lt": next]])
        #expect(try C.filter(f.when(.isnull, "created", false, transform: .date)) == ["created": ["$type": "date"]])
        // Before 1970 the day still starts at midnight.
        let old = Value.date(f.date("1969-12-31T15:00:00Z"))
        #expect(try C.filter(f.when(.gte, "created", old, transform: .date)) == ["created": ["$gte": f.bsonDate("1969-12-31T00:00:00Z")]])
    }

    @Test func fieldComparisons() throws {
        let present: (BSONValue) -> BSONValue = { x in ["$not": [["$in": [["$type": x], ["missing", "null"]]]]] }
        let family: BSONValue = ["$or": [
            ["$eq": [["$type": "$likes"], ["$type": "$views"]]],
            ["$and": [["$in": [["$type": "$likes"], C.numericTypes]], ["$in": [["$type": "$views"], C.numericTypes]]]],
        ]]
        let gt = FilterNode.condition(Condition(field: f.path("likes"), op: .gt, operand: .field(f.path("views"))))
        #expect(try C.filter(gt) == ["$expr": ["$and": [present("$likes"), present("$views"), family, ["$gt": ["$likes", "$views"]]]]])
        let plusOne = FilterNode.condition(Condition(field: f.path("likes"), op: .exact, operand: .add(.field(f.path("views")), .value(1))))
        let rhs: BSONValue = ["$add": ["$views", 1]]
        #expect(try C.filter(plusOne) == ["$expr": ["$and": [present("$likes"), present(rhs), ["$eq": ["$likes", rhs]]]]])
        let titled = FilterNode.condition(Condition(field: f.path("title"), op: .exact, operand: .add(.field(f.path("slug")), .value("$x"))))
        let concat: BSONValue = ["$add": ["$slug", ["$literal": "$x"]]]
        #expect(try C.filter(titled) == ["$expr": ["$and": [present("$title"), present(concat), ["$eq": ["$title", concat]]]]])
    }

    @Test func sortsAndProjections() {
        #expect(C.sort([]) == nil)
        #expect(C.sort([SortKey(field: f.path("views"), descending: true), SortKey(field: f.city, descending: false)])
            == ["views": .int32(-1), "address.city": .int32(1), "_id": .int32(1)])
        #expect(C.sort([SortKey(field: f.path("id"), descending: true)]) == ["_id": .int32(-1)])
        #expect(C.projection(nil) == nil)
        #expect(C.projection([f.path("title"), f.path("address"), f.city]) == ["_id": 1, "title": 1, "address": 1])
        #expect(C.projection([]) == ["_id": 1])
    }
}
