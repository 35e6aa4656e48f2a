import Foundation
import Nonrel
import NonrelIndexer
import Testing

/// The same JOIN queries under every strategy, on every backend, against the plain semantics.
@Suite struct JoinStrategyTests {
    /// A query and its expected result (hand-computed from `makeStories()`); `forward` marks
    /// the ones a denormalized copy can answer.
    struct Case: Sendable {
        let name: String
        let forward: Bool
        let expected: [String]
        let run: @Sendable (JoinStrategy) async throws -> [String]
    }

    static let cases: [Case] = [
        Case(name: "forward", forward: true, expected: ["Cusco", "Lima"]) {
            try await Story.objects.filter("writer__username", "rosa").joinStrategy($0).fetch().map(\.title)
        },
        Case(name: "two levels", forward: true, expected: ["Paris"]) {
            try await Story.objects.filter("writer__country__name__iexact", "FRANCE").joinStrategy($0).fetch().map(\.title)
        },
        Case(name: "many-to-many", forward: false, expected: ["Cusco", "Lima"]) {
            try await Story.objects.filter("topics__name", "food").joinStrategy($0).fetch().map(\.title)
        },
        Case(name: "or", forward: true, expected: ["Blank", "Cusco", "Paris"]) {
            try await Story.objects.filter(Q("writer__username", "émile") | Q("views__lt", 6)).joinStrategy($0).fetch().map(\.title)
        },
        Case(name: "exclude", forward: true, expected: ["Blank", "Orphan", "Paris"]) {
            try await Story.objects.exclude("writer__country__name", "Peru").joinStrategy($0).fetch().map(\.title)
        },
        Case(name: "not and", forward: true, expected: ["Orphan", "Paris"]) {
            try await Story.objects.filter(~Q("writer__username__startswith", "r") & Q("views__gte", 5)).joinStrategy($0).fetch().map(\.title)
        },
        Case(name: "ordering and slicing", forward: true, expected: ["Paris", "Cusco"]) {
            try await Story.objects.filter("writer__country__name__in", ["France", "Peru"]).orderBy("-views")[1..<3].joinStrategy($0).fetch().map(\.title)
        },
        Case(name: "count", forward: true, expected: ["2"]) {
            [String(try await Story.objects.filter("writer__country__name", "Peru").joinStrategy($0).count())]
        },
        Case(name: "isnull", forward: false, expected: ["Cusco", "Lima", "Paris"]) {
            try await Story.objects.filter("writer__country__name__isnull", false).joinStrategy($0).fetch().map(\.title)
        },
        Case(name: "reverse", forward: false, expected: ["rosa"]) {
            try await Writer.objects.filter("stories__views__gt", 20).joinStrategy($0).fetch().map(\.username)
        },
        Case(name: "reverse two levels", forward: false, expected: ["Peru"]) {
            try await Country.objects.filter("writers__stories__title", "Cusco").joinStrategy($0).fetch().map(\.name)
        },
        Case(name: "reverse many-to-many", forward: false, expected: ["art", "travel"]) {
            try await Topic.objects.filter("story__writer__username", "émile").joinStrategy($0).fetch().map(\.name)
        },
        Case(name: "exclude reverse", forward: false, expected: ["nobody", "émile"]) {
            try await Writer.objects.exclude("stories__topics__name", "food").joinStrategy($0).fetch().map(\.username).sorted()
        },
        Case(name: "aggregate", forward: true, expected: ["35"]) {
            let row = try await Story.objects.filter("writer__username", "rosa").joinStrategy($0).aggregate(Sum("views"))
            return [row["views__sum"].map(\.description) ?? "nil"]
        },
    ]

    @Test func everyStrategyGivesThePlainResults() async throws {
        try await onEachCountedBackend { harness in
            try harness.indexer.denormalize(Story.self, "writer__username")
            try harness.indexer.denormalize(Story.self, "writer__country__name")
            try await makeStories()
            for strategy in JoinStrategy.allCases {
                for test in Self.cases {
                    let applies = switch strategy {
                    case .lookupPushdown: harness.isMongo
                    case .denormalized: test.forward
                    default: true
                    }
                    if applies {
                        let result = try await test.run(strategy)
                        #expect(result == test.expected, "\(harness.label) \(strategy) \(test.name)")
                    } else {
                        await #expect(throws: NonrelError.self, "\(harness.label) \(strategy) \(test.name)") { try await test.run(strategy) }
                    }
                }
            }
        }
    }

    @Test func joinFiltersRoundTrips() async throws {
        try await onEachCountedBackend { harness in
            try harness.indexer.denormalize(Story.self, "writer__username")
            try await makeStories()
            let oneLevel = try await harness.roundTrips { _ = try await Story.objects.filter("writer__username", "rosa").joinStrategy(.inMemory).fetch() }
            let twoLevels = try await harness.roundTrips { _ = try await Story.objects.filter("writer__country__name", "Peru").joinStrategy(.inMemory).fetch() }
            #expect(oneLevel == 2 && twoLevels == 3, "\(harness.label): in-memory is one query per level plus the main one")
            let denormalized = try await harness.roundTrips { _ = try await Story.objects.filter("writer__username", "rosa").fetch() }
            #expect(denormalized == 1, "\(harness.label): automatic uses the registered copy")
            let automatic = try await harness.roundTrips { _ = try await Story.objects.filter("writer__country__name", "Peru").fetch() }
            #expect(automatic == (harness.isMongo ? 1 : 3), "\(harness.label): automatic pushes down on MongoDB")
            if harness.isMongo {
                let deep = try await harness.roundTrips { _ = try await Country.objects.filter("writers__stories__topics__name", "food").joinStrategy(.lookupPushdown).count() }
                #expect(deep == 1)
            }
        }
    }

    @Test func lookupPushdownNeedsABackendThatJoins() async throws {
        try await onEachCountedBackend { harness in
            guard !harness.isMongo else { return }
            let error = await #expect(throws: NonrelError.self) {
                try await Story.objects.filter("writer__username", "rosa").joinStrategy(.lookupPushdown).fetch()
            }
            #expect(error?.kind == .unsupported && error?.message.contains("$lookup") == true)
            let denormalized = await #expect(throws: NonrelError.self) {
                try await Story.objects.filter("writer__username", "rosa").joinStrategy(.denormalized).fetch()
            }
            #expect(denormalized?.message.contains("indexer.denormalize(Story.self, \"writer__username\")") == true)
        }
    }

    @Test func writesAcrossRelations() async throws {
        try await onEachCountedBackend { harness in
            try await makeStories()
            for strategy in [JoinStrategy.automatic, .inMemory] {
                let updated = try await Story.objects.filter("writer__country__name", "Peru").joinStrategy(strategy).update(["views": F("views") + 1])
                #expect(updated == 2)
            }
            #expect(try await Story.objects.filter("views__in", [32, 7]).count() == 2)
            #expect(try await Story.objects.filter("writer__username", "nobody").delete() == 1)
            #expect(try await Story.objects.count() == 4)
        }
    }
}
