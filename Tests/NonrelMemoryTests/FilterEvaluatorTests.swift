import Foundation
import Testing
@testable import NonrelMemory

@Suite struct ArrayAndNullMatching {
    let rows: [Row] = [
        ["name": "a", "tags": ["swift", "mongo"], "scores": [1, 9], "views": 3],
        ["name": "b", "tags": ["python"], "scores": [], "views": .null],
        ["name": "c", "tags": [], "views": 7.5],
        ["name": "d", "items": [["name": "pen", "price": 2], ["name": "ink"]]],
        ["name": "e", "tags": [["swift", "x"]], "views": .decimal(7)],
    ]

    @Test func exactMatchesAnyElementOrWholeArray() async throws {
        let db = try await seeded(rows)
        #expect(try await db.matching(cond("tags", .exact, "swift")) == ["a"])
        #expect(try await db.matching(cond("tags", .exact, ["swift", "mongo"])) == ["a"])
        #expect(try await db.matching(cond("tags", .exact, ["mongo", "swift"])) == [])
        // An array element that is itself an array matches whole.
        #expect(try await db.matching(cond("tags", .exact, ["swift", "x"])) == ["e"])
    }

    @Test func comparisonsMatchAnyElement() async throws {
        let db = try await seeded(rows)
        #expect(try await db.matching(cond("scores", .gt, 5)) == ["a"])
        #expect(try await db.matching(cond("scores", .lt, 5)) == ["a"])
        #expect(try await db.matching(cond("tags", .icontains, "SW")) == ["a"])
        // Range holds for one element, not across elements.
        #expect(try await db.matching(cond("scores", .range, [2, 8])) == [])
        #expect(try await db.matching(cond("scores", .range, [9, 10])) == ["a"])
    }

    @Test func pathThroughListOfDocuments() async throws {
        let db = try await seeded(rows)
        #expect(try await db.matching(cond(Fixture.path("items", "name"), .exact, "ink")) == ["d"])
        #expect(try await db.matching(cond(Fixture.path("items", "price"), .gte, 2)) == ["d"])
        // One element lacks the price: the path is null there.
        #expect(try await db.matching(cond(Fixture.path("items", "price"), .isnull, true)).contains("d"))
        // Positional paths index the list.
        let first = FieldPath(columns: ["items", "0", "name"], type: .string(maxLength: nil), field: Fixture.post.field(named: "items")!)
        #expect(try await db.matching(cond(first, .exact, "pen")) == ["d"])
        #expect(try await db.matching(cond(first, .exact, "ink")) == [])
    }

    @Test func isnullTreatsNullAndMissingAlike() async throws {
        let db = try await seeded(rows)
        #expect(try await db.matching(cond("views", .isnull, true)) == ["b", "d"])
        #expect(try await db.matching(cond("views", .isnull, false)) == ["a", "c", "e"])
        // An empty list is present and not null.
        #expect(try await db.matching(cond("tags", .isnull, true)) == ["d"])
    }

    @Test func orderComparisonsNeverMatchNull() async throws {
        let db = try await seeded(rows)
        #expect(try await db.matching(cond("views", .gte, 0)) == ["a", "c", "e"])
        #expect(try await db.matching(cond("views", .lt, 100)) == ["a", "c", "e"])
        #expect(try await db.matching(cond("views", .gt, .null)) == [])
        #expect(try await db.matching(cond("views", .range, [3, 7])) == ["a", "e"])
    }

    @Test func numbersCompareAcrossIntDoubleDecimal() async throws {
        let db = try await seeded(rows)
        #expect(try await db.matching(cond("views", .exact, 7)) == ["e"])
        #expect(try await db.matching(cond("views", .exact, 7.0)) == ["e"])
        #expect(try await db.matching(cond("views", .gt, .decimal(7))) == ["c"])
        #expect(try await db.matching(cond("views", .in, [3.0, .decimal(Decimal(string: "7.5")!)])) == ["a", "c"])
    }

    @Test func comparisonsStayWithinTypeFamily() async throws {
        let db = try await seeded([
            ["name": "int", "data": 5], ["name": "string", "data": "5"], ["name": "bool", "data": true],
            ["name": "date", "data": date("2020-01-01T00:00:00Z")], ["name": "doc", "data": ["a": 1]],
        ])
        #expect(try await db.matching(cond(Fixture.json(), .gt, 1)) == ["int"])
        #expect(try await db.matching(cond(Fixture.json(), .gte, "")) == ["string"])
        #expect(try await db.matching(cond(Fixture.json(), .lt, date("2030-01-01T00:00:00Z"))) == ["date"])
        #expect(try await db.matching(cond(Fixture.json(), .exact, ["a": 1.0])) == ["doc"])
        #expect(try await db.matching(cond(Fixture.json(), .icontains, "5")) == ["string"])
    }

    @Test func negationIncludesNullAndMissing() async throws {
        let db = try await seeded(rows)
        #expect(try await db.matching(.not(cond("views", .gt, 5))) == ["a", "b", "d"])
        #expect(try await db.matching(.not(cond("tags", .exact, "swift"))) == ["b", "c", "d", "e"])
        #expect(try await db.matching(.not(cond("views", .isnull, true))) == ["a", "c", "e"])
    }

    @Test func andOrAllNone() async throws {
        let db = try await seeded(rows)
        #expect(try await db.matching(.or([cond("name", .exact, "a"), cond("name", .exact, "b")])) == ["a", "b"])
        #expect(try await db.matching(.and([cond("views", .gt, 1), cond("views", .lt, 7)])) == ["a"])
        #expect(try await db.matching(.all).count == 5)
        #expect(try await db.matching(.none) == [])
        #expect(try await db.matching(.and([])).count == 5)
        #expect(try await db.matching(.or([])) == [])
    }

    @Test func inLists() async throws {
        let db = try await seeded(rows)
        #expect(try await db.matching(cond("tags", .in, ["python", "mongo"])) == ["a", "b"])
        #expect(try await db.matching(cond("views", .in, [])) == [])
        // A nil in the list matches nothing, as in SQL.
        #expect(try await db.matching(cond("views", .in, [.null, 3])) == ["a"])
        #expect(try await db.matching(cond("views", .in, [.null])) == [])
    }

    @Test func listContainsAllAndOverlap() async throws {
        let db = try await seeded(rows)
        #expect(try await db.matching(cond("tags", .hasAll, ["mongo", "swift"])) == ["a"])
        #expect(try await db.matching(cond("tags", .hasAll, ["mongo", "rust"])) == [])
        #expect(try await db.matching(cond("tags", .hasAll, [])) == ["a", "b", "c", "e"])
        #expect(try await db.matching(cond("tags", .overlap, ["rust", "python"])) == ["b"])
        // `contains` on a list with one value is membership, not substring.
        #expect(try await db.matching(cond("tags", .contains, "swift")) == ["a"])
        #expect(try await db.matching(cond("tags", .contains, "swi")) == [])
    }
}

@Suite struct TextLookups {
    let rows: [Row] = [
        ["name": "plain", "title": "abc"],
        ["name": "newline", "title": "abc\n"],
        ["name": "upper", "title": "ABC"],
        ["name": "accent", "title": "Éclair"],
        ["name": "lower-accent", "title": "éclair"],
        ["name": "pattern", "title": "a.b*c"],
        ["name": "dots", "title": "axbbbc"],
        ["name": "number", "title": 42],
        ["name": "kelvin", "title": "\u{212A}elvin"],
        ["name": "eszett", "title": "STRASSE"],
        ["name": "decomposed", "title": "e\u{301}t\u{E9}"],
    ]

    @Test func caseSensitivity() async throws {
        let db = try await seeded(rows)
        #expect(try await db.matching(cond("title", .contains, "bc")) == ["dots", "newline", "plain"])
        #expect(try await db.matching(cond("title", .icontains, "bc")) == ["dots", "newline", "plain", "upper"])
        #expect(try await db.matching(cond("title", .startswith, "A")) == ["upper"])
        #expect(try await db.matching(cond("title", .istartswith, "A")).sorted() == ["dots", "newline", "pattern", "plain", "upper"])
        #expect(try await db.matching(cond("title", .endswith, "bc")) == ["dots", "plain"])
        #expect(try await db.matching(cond("title", .iendswith, "BC")) == ["dots", "plain", "upper"])
    }

    @Test func iexactDoesNotMatchTrailingNewline() async throws {
        let db = try await seeded(rows)
        #expect(try await db.matching(cond("title", .iexact, "abc")) == ["plain", "upper"])
        #expect(try await db.matching(cond("title", .iexact, "abc\n")) == ["newline"])
        #expect(try await db.matching(cond("title", .endswith, "c")).contains("newline") == false)
    }

    @Test func foldsNonASCIILetters() async throws {
        let db = try await seeded(rows)
        #expect(try await db.matching(cond("title", .iexact, "ÉCLAIR")) == ["accent", "lower-accent"])
        #expect(try await db.matching(cond("title", .istartswith, "é")) == ["accent", "lower-accent"])
        #expect(try await db.matching(cond("title", .contains, "é")) == ["decomposed", "lower-accent"])
        #expect(try await db.matching(cond("title", .iexact, "kelvin")) == ["kelvin"])
        // Simple folding: ß is not ss.
        #expect(try await db.matching(cond("title", .iexact, "straße")) == [])
    }

    @Test func matchesScalarsNotGraphemes() async throws {
        let db = try await seeded(rows)
        // "é" decomposed starts with a plain "e", byte-wise as MongoDB sees it.
        #expect(try await db.matching(cond("title", .startswith, "e")) == ["decomposed"])
        #expect(try await db.matching(cond("title", .endswith, "\u{E9}")) == ["decomposed"])
        #expect(try await db.matching(cond("title", .exact, "\u{E9}t\u{E9}")) == [])
    }

    @Test func userTextIsLiteral() async throws {
        let db = try await seeded(rows)
        #expect(try await db.matching(cond("title", .contains, "a.b*c")) == ["pattern"])
        #expect(try await db.matching(cond("title", .icontains, ".")) == ["pattern"])
        #expect(try await db.matching(cond("title", .regex, "a.b*c")) == ["dots", "newline", "plain"])
    }

    @Test func stringLookupsIgnoreNonStrings() async throws {
        let db = try await seeded(rows)
        #expect(try await db.matching(cond("title", .contains, "4")) == [])
        #expect(try await db.matching(cond("title", .regex, "4")) == [])
    }

    @Test func regularExpressions() async throws {
        let db = try await seeded(rows)
        #expect(try await db.matching(cond("title", .regex, "^ab")) == ["newline", "plain"])
        #expect(try await db.matching(cond("title", .iregex, "^ab")) == ["newline", "plain", "upper"])
        #expect(try await db.matching(cond("title", .iregex, "^éc")) == ["accent", "lower-accent"])
        await #expect(throws: NonrelError.self) { try await db.matching(cond("title", .regex, "(")) }
    }
}

@Suite struct Transforms {
    let rows: [Row] = [
        // A Sunday, late in the day: in UTC regardless of the local zone.
        ["name": "sunday", "created": date("2023-01-01T23:30:15Z"), "tags": ["a", "b"]],
        ["name": "monday", "created": date("2024-04-01T00:00:00Z"), "tags": []],
        ["name": "saturday", "created": date("1969-12-27T12:00:00Z")],
        ["name": "none", "created": .null, "data": "2023"],
        ["name": "missing"],
    ]

    @Test func dateParts() async throws {
        let db = try await seeded(rows)
        #expect(try await db.matching(cond("created", .exact, 2023, transform: .year)) == ["sunday"])
        #expect(try await db.matching(cond("created", .gte, 2000, transform: .year)) == ["monday", "sunday"])
        #expect(try await db.matching(cond("created", .exact, 12, transform: .month)) == ["saturday"])
        #expect(try await db.matching(cond("created", .exact, 27, transform: .day)) == ["saturday"])
        #expect(try await db.matching(cond("created", .exact, 23, transform: .hour)) == ["sunday"])
        #expect(try await db.matching(cond("created", .exact, 30, transform: .minute)) == ["sunday"])
        #expect(try await db.matching(cond("created", .exact, 15, transform: .second)) == ["sunday"])
        #expect(try await db.matching(cond("created", .exact, 2, transform: .quarter)) == ["monday"])
        #expect(try await db.matching(cond("created", .in, [1, 4], transform: .quarter)) == ["saturday", "sunday"])
    }

    @Test func weekDayNumbering() async throws {
        let db = try await seeded(rows)
        #expect(try await db.matching(cond("created", .exact, 1, transform: .weekDay)) == ["sunday"])
        #expect(try await db.matching(cond("created", .exact, 2, transform: .weekDay)) == ["monday"])
        #expect(try await db.matching(cond("created", .exact, 7, transform: .weekDay)) == ["saturday"])
        #expect(try await db.matching(cond("created", .exact, 7, transform: .isoWeekDay)) == ["sunday"])
        #expect(try await db.matching(cond("created", .exact, 1, transform: .isoWeekDay)) == ["monday"])
        #expect(try await db.matching(cond("created", .exact, 6, transform: .isoWeekDay)) == ["saturday"])
    }

    @Test func dateAndLength() async throws {
        let db = try await seeded(rows)
        #expect(try await db.matching(cond("created", .exact, date("2023-01-01T00:00:00Z"), transform: .date)) == ["sunday"])
        #expect(try await db.matching(cond("tags", .exact, 2, transform: .length)) == ["sunday"])
        #expect(try await db.matching(cond("tags", .lt, 5, transform: .length)) == ["monday", "sunday"])
    }

    @Test func transformOfNullOrWrongTypeMatchesNothing() async throws {
        let db = try await seeded(rows)
        #expect(try await db.matching(cond("created", .lt, 3000, transform: .year)) == ["monday", "saturday", "sunday"])
        #expect(try await db.matching(cond(Fixture.json(), .exact, 2023, transform: .year)) == [])
        // Negation still includes them.
        #expect(try await db.matching(.not(cond("created", .exact, 2023, transform: .year))) == ["missing", "monday", "none", "saturday"])
    }
}

@Suite struct FieldComparisons {
    @Test func comparesFieldsPerDocument() async throws {
        let db = try await seeded([
            ["name": "more", "likes": 10, "views": 5],
            ["name": "less", "likes": 1, "views": 5.5],
            ["name": "equal", "likes": 5, "views": 5.0],
            ["name": "null", "likes": .null, "views": 1],
            ["name": "missing", "likes": 3],
        ])
        let views = QueryExpression.field(Fixture.path("views"))
        func compare(_ op: LookupOperator, _ operand: QueryExpression) -> FilterNode {
            .condition(Condition(field: Fixture.path("likes"), op: op, operand: operand))
        }
        #expect(try await db.matching(compare(.gt, views)) == ["more"])
        #expect(try await db.matching(compare(.exact, views)) == ["equal"])
        #expect(try await db.matching(compare(.lte, views)) == ["equal", "less"])
        #expect(try await db.matching(compare(.gte, .add(views, .value(5)))) == ["more"])
        // Null or missing on either side never matches, and negation includes those rows.
        #expect(try await db.matching(.not(compare(.lt, views))) == ["equal", "missing", "more", "null"])
    }

    @Test func comparesWholeValuesAsExpressionsDo() async throws {
        let db = try await seeded([
            ["name": "list", "scores": [1, 9], "views": 5],
            ["name": "same", "scores": [5], "likes": 5, "views": .null, "data": [5]],
            ["name": "text", "title": "b", "data": "a"],
        ])
        func compare(_ field: FieldPath, _ op: LookupOperator, _ other: FieldPath) -> FilterNode {
            .condition(Condition(field: field, op: op, operand: .field(other)))
        }
        // A list is one value: it neither equals nor exceeds a number.
        #expect(try await db.matching(compare(Fixture.path("scores"), .gt, Fixture.path("views"))) == [])
        #expect(try await db.matching(compare(Fixture.path("scores"), .exact, Fixture.json())) == ["same"])
        // Ordering comparisons need one type family.
        #expect(try await db.matching(compare(Fixture.path("title"), .gt, Fixture.json())) == ["text"])
        #expect(try await db.matching(compare(Fixture.path("likes"), .lt, Fixture.json())) == [])
    }
}
