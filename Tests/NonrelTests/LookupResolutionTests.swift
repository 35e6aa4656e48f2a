import Foundation
@testable import Nonrel
import Testing

@Suite struct LookupResolutionTests {
    let posts = QuerySet<SamplePost>()

    @Test func lookupPartsSplitAsFoundationDoes() {
        let lookups = ["", "_", "__", "___", "____", "title", "author__name", "author___name", "a____b",
                       "__title", "title__", "x__y__z__icontains", "caf\u{E9}__name", "a_\u{301}_b", "_\u{301}__b"]
        for lookup in lookups {
            #expect(lookup.lookupParts == lookup.components(separatedBy: "__"), "\(lookup)")
        }
    }

    private func condition(_ query: QuerySet<SamplePost>) throws -> Condition {
        guard case .condition(let condition) = try query.compileFilter() else {
            Issue.record("expected a single condition")
            throw NonrelError(.invalidValue, "not a condition")
        }
        return condition
    }

    @Test func plainFieldIsExact() throws {
        let c = try condition(posts.filter("title", "Hello"))
        #expect(c.field.columns == ["title"])
        #expect(c.op == .exact)
    }

    @Test func lookupsTransformsAndPaths() throws {
        #expect(try condition(posts.filter("title__icontains", "swift")).op == .icontains)
        let year = try condition(posts.filter("created__year__gte", 2024))
        #expect(year.transform == .year && year.op == .gte)
        let city = try condition(posts.filter("address__city__iexact", "paris"))
        #expect(city.field.columns == ["address", "city"])
        let meta = try condition(posts.filter("meta__likes__gt", 3))
        #expect(meta.field.columns == ["m", "likes"])
        let author = try condition(posts.filter("author__id", "507f1f77bcf86cd799439011"))
        #expect(author.field.columns == ["author"])
        let pk = try condition(posts.filter("pk", "507F1F77BCF86CD799439011"))
        #expect(pk.field.columns == ["_id"])
        if case .value(let key) = pk.operand { #expect(key == "507f1f77bcf86cd799439011") }
    }

    @Test func listContainsMeansMembershipOrAll() throws {
        #expect(try condition(posts.filter("tags__contains", "swift")).op == .contains)
        #expect(try condition(posts.filter("tags__contains", ["a", "b"])).op == .hasAll)
        #expect(try condition(posts.filter("tags__len", 2)).transform == .length)
    }

    @Test func nilIsIsNull() throws {
        let c = try condition(posts.filter("address", Value.null))
        #expect(c.op == .isnull)
    }

    @Test func emptyInMatchesNothing() throws {
        guard case .none = try posts.filter("views__in", [Int]()).compileFilter() else {
            Issue.record("expected .none")
            return
        }
    }

    @Test func unknownFieldNamesModelAndCloseMatches() {
        let error = #expect(throws: NonrelError.self) { try posts.filter("titel", "x").compileFilter() }
        #expect(error?.kind == .fieldDoesNotExist)
        #expect(error?.message.contains("SamplePost has no field \"titel\"") == true)
        #expect(error?.message.contains("did you mean \"title\"") == true)
    }

    @Test func unknownLookupSuggestsOne() {
        let error = #expect(throws: NonrelError.self) { try posts.filter("title__icontain", "x").compileFilter() }
        #expect(error?.kind == .lookupDoesNotExist)
        #expect(error?.message.contains("did you mean \"icontains\"") == true)
    }

    @Test func lookupMustFitTheFieldType() {
        let error = #expect(throws: NonrelError.self) { try posts.filter("views__icontains", "1").compileFilter() }
        #expect(error?.kind == .lookupDoesNotExist)
        #expect(throws: NonrelError.self) { try posts.filter("title__year", 2020).compileFilter() }
    }

    @Test func wrongValueTypeIsAnError() {
        let error = #expect(throws: NonrelError.self) { try posts.filter("views__gt", "5").compileFilter() }
        #expect(error?.kind == .invalidValue)
        #expect(error?.message.contains("expected an integer") == true)
    }

    @Test func invalidKeyStringIsAnError() {
        let error = #expect(throws: NonrelError.self) { try posts.filter("pk", "not-a-key").compileFilter() }
        #expect(error?.kind == .invalidValue)
        #expect(error?.message.contains("24 hexadecimal characters") == true)
    }

    @Test func crossRelationLookupsNeedTheIndexer() {
        let error = #expect(throws: NonrelError.self) { try posts.filter("author__username", "bob").compileFilter() }
        #expect(error?.kind == .needsIndexer)
        #expect(error?.message.contains("author__in") == true)
    }

    @Test func operatorLookingStringsStayValues() throws {
        let c = try condition(posts.filter("title", "{\"$gt\": \"\"}"))
        if case .value(let v) = c.operand { #expect(v == .string("{\"$gt\": \"\"}")) } else { Issue.record("not a value") }
    }

    @Test func qTreesNestAtAnyDepth() throws {
        let q = (Q("title", "a") | ~(Q("views__gt", 5) & Q("tags", "x"))) & ~Q("status", "draft")
        guard case .and(let parts) = try posts.filter(q).compileFilter(), parts.count == 2,
              case .or(let either) = parts[0], either.count == 2, case .not(.and) = either[1],
              case .not(.condition) = parts[1] else {
            Issue.record("unexpected tree")
            return
        }
    }

    @Test func fExpressionsResolveFields() throws {
        let c = try condition(posts.filter("views__gt", F("views") * 2))
        guard case .multiply(.field(let path), .value(2)) = c.operand else {
            Issue.record("unexpected operand \(c.operand)")
            return
        }
        #expect(path.columns == ["views"])
    }

    @Test func orderingDefaultsToMeta() throws {
        let keys = try posts.compileOrdering()
        #expect(keys.map(\.field.dotted) == ["created"] && keys[0].descending)
        let reversed = try posts.orderBy("title", "-views").reverse().compileOrdering()
        #expect(reversed.map(\.descending) == [true, false])
    }

    @Test func slicesCompose() throws {
        let q = try posts[10..<30][5..<10].compileSelect()
        #expect(q.offset == 15 && q.limit == 5)
        let open = try posts[5...].compileSelect()
        #expect(open.offset == 5 && open.limit == nil)
    }
}

@Suite struct KeyPathQueryTests {
    @Test func keyPathsBuildTheSameConditionsAsStrings() throws {
        let typed = try QuerySet<SamplePost>().filter(\.title, .icontains, "swift").compileFilter()
        guard case .condition(let c) = typed else { Issue.record("not a condition"); return }
        #expect(c.field.columns == ["title"] && c.op == .icontains)
        let q = try QuerySet<SamplePost>().filter(\SamplePost.views > 10 || \SamplePost.status == "draft").compileFilter()
        guard case .or(let parts) = q, parts.count == 2 else { Issue.record("not an OR"); return }
        let keys = try QuerySet<SamplePost>().orderBy(\.views, descending: true).compileOrdering()
        #expect(keys.first?.field.columns == ["views"] && keys.first?.descending == true)
        let byId = try QuerySet<SamplePost>().filter(\.id, .exact, "507f1f77bcf86cd799439011").compileFilter()
        guard case .condition(let idCondition) = byId else { Issue.record("not a condition"); return }
        #expect(idCondition.field.columns == ["_id"])
    }

    @Test func reverseAccessorsNeedASavedObject() {
        let unsaved = SampleAuthor(id: nil, username: "x")
        #expect(throws: NonrelError.self) { try unsaved.related(SamplePost.self, via: "author").compileFilter() }
        let saved = SampleAuthor(id: "507f1f77bcf86cd799439011", username: "x")
        #expect(throws: Never.self) { try saved.related(SamplePost.self, via: "author").compileFilter() }
    }
}

@Suite struct RelationLookupTests {
    @Test func joinsAreRelationNodesWhenTheBackendResolvesThem() throws {
        ModelRegistry.register(SampleAuthor.self, SamplePost.self)
        guard case .relation(let forward) = try QuerySet<SamplePost>().filter("author__username__iexact", "bob").compileFilter(joins: true) else {
            Issue.record("expected a relation node")
            return
        }
        #expect(forward.direction == .forward && forward.related.name == "SampleAuthor" && forward.field.name == "author")
        guard case .relation(let reverse) = try QuerySet<SampleAuthor>().filter("posts__views__gt", 10).compileFilter(joins: true) else {
            Issue.record("expected a reverse relation node")
            return
        }
        #expect(reverse.direction == .reverse && reverse.related.name == "SamplePost")
    }

    @Test func withoutJoinsTheyNeedTheIndexer() {
        ModelRegistry.register(SampleAuthor.self, SamplePost.self)
        let error = #expect(throws: NonrelError.self) { try QuerySet<SampleAuthor>().filter("posts__title", "x").compileFilter() }
        #expect(error?.kind == .needsIndexer)
        #expect(error?.message.contains("reverse relation posts") == true)
        // Keys of the relation itself need no JOIN.
        #expect(throws: Never.self) { try QuerySet<SamplePost>().filter("author__id", "507f1f77bcf86cd799439011").compileFilter() }
    }
}
