import Foundation
import Nonrel
import NonrelIndexer
import NonrelMemory
import Testing

/// `selectRelated` and `prefetchRelated`: what they cache and how many round trips they make.
@Suite struct SelectRelatedTests {
    @Test func selectRelatedCachesForeignKeysInOneOrTwoRoundTrips() async throws {
        try await onEachCountedBackend { harness in
            try await makeStories()
            var stories: [Story] = []
            let trips = try await harness.roundTrips {
                stories = try await Story.objects.selectRelated("writer").filter("views__gte", 5).orderBy("-views")[0..<3].fetch()
            }
            #expect(trips == (harness.isMongo ? 1 : 2), "\(harness.label)")
            #expect(stories.map(\.title) == ["Orphan", "Lima", "Paris"])
            #expect(stories.map { $0.writer?.cached?.username } == [nil, "rosa", "émile"])
            var name: String?
            let noQuery = try await harness.roundTrips { name = try await stories[1].writer?.get().username }
            #expect(noQuery == 0 && name == "rosa")
            // Without selectRelated nothing is cached and get() queries.
            let plain = try await Story.objects.get("title", "Lima")
            #expect(plain.writer?.cached == nil)
            #expect(try await harness.roundTrips { _ = try await plain.writer?.get() } == 1)
        }
    }

    @Test func selectRelatedFollowsSeveralLevelsAndCombinesWithJoinFilters() async throws {
        try await onEachCountedBackend { harness in
            try await makeStories()
            for strategy in [JoinStrategy.automatic, .inMemory] {
                var stories: [Story] = []
                let trips = try await harness.roundTrips {
                    stories = try await Story.objects.selectRelated("writer__country").joinStrategy(strategy).fetch()
                }
                #expect(trips == (harness.isMongo && strategy == .automatic ? 1 : 3), "\(harness.label) \(strategy)")
                #expect(stories.map(\.title) == ["Blank", "Cusco", "Lima", "Orphan", "Paris"])
                #expect(stories.map { $0.writer?.cached?.country?.cached?.name } == [nil, "Peru", "Peru", nil, "France"])
                #expect(stories.map { $0.writer?.cached?.username } == ["nobody", "rosa", "rosa", nil, "émile"])

                let filtered = try await Story.objects.selectRelated("writer").filter("writer__country__name", "Peru").joinStrategy(strategy).fetch()
                #expect(filtered.map { "\($0.title)/\($0.writer?.cached?.username ?? "-")" } == ["Cusco/rosa", "Lima/rosa"])
            }
            let error = await #expect(throws: NonrelError.self) { try await Story.objects.selectRelated("topics").fetch() }
            #expect(error?.message.contains("prefetchRelated") == true)
        }
    }

    @Test func prefetchRelatedMakesOneQueryPerRelation() async throws {
        try await onEachCountedBackend { harness in
            let fixture = try await makeStories()
            var stories: [Story] = []
            let trips = try await harness.roundTrips {
                stories = try await Story.objects.prefetchRelated("topics", "writer").fetch()
            }
            #expect(trips == 3, "\(harness.label)")
            #expect(stories.map { $0.topics.cached?.map(\.name) ?? ["?"] } == [["art"], ["food"], ["travel", "food"], [], ["travel", "art"]])
            #expect(stories.map { $0.writer?.cached?.username } == ["nobody", "rosa", "rosa", nil, "émile"])
            #expect(try await harness.roundTrips { _ = try await stories[4].topics.all() } == 0)

            var writers: [WithRelated<Writer>] = []
            let reverseTrips = try await harness.roundTrips {
                writers = try await Writer.objects.prefetchRelated("stories", "country").fetchWithRelated()
            }
            #expect(reverseTrips == 3, "\(harness.label)")
            let byName = Dictionary(uniqueKeysWithValues: try writers.map { ($0.username, try $0.related("stories", as: Story.self).map(\.title)) })
            #expect(byName == ["émile": ["Paris"], "rosa": ["Cusco", "Lima"], "nobody": ["Blank"]])
            #expect(writers.first { $0.username == "rosa" }?.country?.cached?.name == "Peru")

            let topics = try await Topic.objects.prefetchRelated("story").fetchWithRelated()
            #expect(try topics.map { "\($0.name):\(try $0.related("story", as: Story.self).count)" } == ["art:2", "food:2", "travel:2"])
            #expect(throws: NonrelError.self) { try topics[0].related("stories", as: Story.self) }
            _ = fixture
        }
    }

    @Test func selectAndPrefetchNeedNoIndexer() async throws {
        ModelRegistry.register(Country.self, Writer.self, Topic.self, Story.self)
        let alias = "plain-\(UUID())"
        Databases.register(alias: alias, backend: MemoryBackend())
        defer { Databases.unregister(alias: alias) }
        try await Databases.$defaultAlias.withValue(alias) {
            try await makeStories()
            let stories = try await Story.objects.selectRelated("writer__country").prefetchRelated("topics").filter("views__gt", 20).fetch()
            #expect(stories.map { "\($0.title)/\($0.writer?.cached?.country?.cached?.name ?? "-")/\($0.topics.cached?.count ?? -1)" } == ["Lima/Peru/2", "Orphan/-/0"])
            await #expect(throws: NonrelError.self) { try await Story.objects.filter("writer__username", "rosa").fetch() }
        }
    }
}
