import Foundation
import NonrelIndexer
import NonrelMemory
import NonrelMongo
import NonrelDriver
import Testing

struct Country: Model {
    var id: String?
    var name: String
    static let schema = Schema<Country>("countries") { Field("name", \.name) }
}

struct Writer: Model {
    var id: String?
    var username: String
    var country: ForeignKey<Country>?
    static let schema = Schema<Writer>("writers") {
        Field("username", \.username)
        Field("country", \.country, relatedName: "writers")
    }
}

struct Article: Model {
    var id: String?
    var title: String
    var writer: ForeignKey<Writer>
    var views: Int
    static let schema = Schema<Article>("articles") {
        Field("title", \.title)
        Field("writer", \.writer, relatedName: "articles")
        Field("views", \.views)
    }
}

/// Runs `body` on a fresh indexed database of each backend (MongoDB when a server is configured).
func onEachBackend(_ body: () async throws -> Void) async throws {
    ModelRegistry.register(Country.self, Writer.self, Article.self)
    var backends: [(String, any DatabaseBackend, () async throws -> Void)] = [("memory", MemoryBackend(), {})]
    if let uri = ProcessInfo.processInfo.environment["NONREL_TEST_MONGO_URI"] {
        let client = try MongoClient(uri)
        let name = "nonrel_join_\(UUID().uuidString.prefix(8).lowercased())"
        backends.append(("mongodb", MongoBackend(client: client, database: name), { try await client.database(name).drop() }))
    }
    for (label, backend, cleanup) in backends {
        let alias = "join-\(label)-\(UUID())"
        Databases.register(alias: alias, backend: IndexedBackend(wrapping: backend, indexer: Indexer()))
        defer { Databases.unregister(alias: alias) }
        try await Databases.$defaultAlias.withValue(alias) { try await body() }
        try await cleanup()
    }
}

@Suite struct JoinTests {
    @Test func filtersFollowRelationsAtAnyDepthAndBothDirections() async throws {
        try await onEachBackend {
            let countries = try await Country.objects.bulkCreate([Country(name: "France"), Country(name: "Peru")])
            let writers = try await Writer.objects.bulkCreate([
                Writer(username: "émile", country: try ForeignKey(countries[0])),
                Writer(username: "rosa", country: try ForeignKey(countries[1])),
                Writer(username: "nobody", country: nil),
            ])
            try await Article.objects.bulkCreate([
                Article(title: "Paris", writer: try ForeignKey(writers[0]), views: 10),
                Article(title: "Lima", writer: try ForeignKey(writers[1]), views: 30),
                Article(title: "Cusco", writer: try ForeignKey(writers[1]), views: 5),
            ])
            let byUsername = try await Article.objects.filter("writer__username", "rosa").orderBy("title").fetch()
            #expect(byUsername.map(\.title) == ["Cusco", "Lima"])
            let twoLevels = try await Article.objects.filter("writer__country__name__iexact", "FRANCE").fetch()
            #expect(twoLevels.map(\.title) == ["Paris"])
            let reverse = try await Writer.objects.filter("articles__views__gt", 20).fetch()
            #expect(reverse.map(\.username) == ["rosa"])
            let withOr = try await Article.objects.filter(Q("writer__username", "émile") | Q("views__lt", 6)).orderBy("title").fetch()
            #expect(withOr.map(\.title) == ["Cusco", "Paris"])
            let excluded = try await Article.objects.exclude("writer__country__name", "Peru").fetch()
            #expect(excluded.map(\.title) == ["Paris"])
            #expect(try await Article.objects.filter("writer__username", "ghost").count() == 0)
            let reverseTwo = try await Country.objects.filter("writers__articles__title", "Lima").fetch()
            #expect(reverseTwo.map(\.name) == ["Peru"])
        }
    }

    @Test func theKeyListIsBounded() async throws {
        try await onEachBackend {
            let country = try await Country.objects.create(Country(name: "Chile"))
            try await Writer.objects.bulkCreate((0..<5).map { Writer(username: "w\($0)", country: try! ForeignKey(country)) })
            let backend = try Databases.backend(Databases.defaultAlias) as! IndexedBackend
            backend.indexer.joinKeyLimit = 3
            let error = await #expect(throws: NonrelError.self) {
                try await Article.objects.filter("writer__username__startswith", "w").joinStrategy(.inMemory).fetch()
            }
            #expect(error?.message.contains("more than 3") == true)
        }
    }
}
