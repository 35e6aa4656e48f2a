import Foundation
import Testing
import NonrelBSON
import NonrelDriver
@testable import NonrelMongo

struct MongoWriter: Model {
    var id: String?
    var name: String

    static let schema = Schema<MongoWriter>("writers") {
        Field("name", \.name, unique: true)
    }
}

struct MongoArticle: Model {
    var id: String?
    var title: String
    var slug: String
    var code: String?
    var writer: ForeignKey<MongoWriter>?
    var tags: [String]
    var views: Int?
    var created: Date?

    static let schema = Schema<MongoArticle>("articles") {
        Field("title", \.title)
        Field("slug", \.slug, unique: true)
        Field("code", \.code, unique: true)
        Field("writer", \.writer, relatedName: "articles")
        Field("tags", \.tags, blank: true)
        Field("views", \.views)
        Field("created", \.created)
    }
}

/// The public QuerySet API over the MongoDB backend, with an alias per test.
@Suite(.enabled(if: MongoServer.available, "set NONREL_TEST_MONGO_URI to run against a server"))
struct MongoBackendModelTests {
    @Test func modelsRoundTripThroughQuerySets() async throws {
        try await MongoServer.withBackend { backend, database in
            let alias = "mongo-" + database.name
            Databases.register(alias: alias, backend: backend)
            defer { Databases.unregister(alias: alias) }
            _ = try await MongoArticle.objects.ensureIndexes(using: alias)
            _ = try await MongoWriter.objects.ensureIndexes(using: alias)

            let ada = try await MongoWriter.objects.create(MongoWriter(name: "Ada"), using: alias)
            let adaKey = try #require(ada.id)
            let created = Date(timeIntervalSince1970: 1_709_510_400) // 2024-03-04 (a Monday)
            for (index, title) in ["Hello.World", "hello world", "Other"].enumerated() {
                try await MongoArticle.objects.create(MongoArticle(
                    title: title, slug: "s\(index)", writer: index < 2 ? ForeignKey(id: adaKey) : nil,
                    tags: index == 0 ? ["swift", "db"] : [], views: index == 2 ? nil : index * 10,
                    created: index == 1 ? nil : created), using: alias)
            }
            let articles = MongoArticle.objects.using(alias)
            #expect(try await articles.filter("title__icontains", "o.w").count() == 1)
            #expect(try await articles.filter("writer", adaKey).count() == 2)
            #expect(try await articles.filter("writer__isnull", true).fetch().map(\.title) == ["Other"])
            #expect(try await articles.exclude("views__gt", 5).orderBy("slug").fetch().map(\.slug) == ["s0", "s2"])
            #expect(try await articles.filter("created__week_day", 2).count() == 2)
            #expect(try await articles.filter("tags", "swift").fetch().map(\.slug) == ["s0"])
            #expect(try await articles.filter(Q("views__gte", 10) | Q("code__isnull", false)).count() == 1)
            let raw = try #require(try await database.collection("articles").findOne(["slug": "s0"]))
            #expect(raw["writer"] == .objectId(try ObjectId(adaKey)))
            #expect(!raw.contains(key: "code"))

            #expect(try await articles.update(["views": F("views") + 1]) == 3)
            #expect(try await articles.orderBy("slug").valuesList(flat: "views") == [1, 11, nil])
            let totals = try await articles.aggregate(Count(), Sum("views"), Avg("views"), Max("views"))
            #expect(totals == ["pk__count": 3, "views__sum": 12, "views__avg": 6.0, "views__max": 11])
            let perWriter = try await articles.values("writer").annotate(["n": Count()]).orderBy("-n").fetch()
            #expect(perWriter == [["writer": .string(adaKey), "n": 2], ["writer": nil, "n": 1]])

            var duplicate = MongoArticle(title: "Dup", slug: "s1", tags: [])
            let error = await #expect(throws: NonrelError.self) { try await duplicate.save(using: alias) }
            #expect(error?.kind == .integrity)
            #expect(error?.message == "duplicate key: MongoArticle with slug \"s1\" already exists (unique index slug_1)")
            #expect(try await articles.count() == 3)
        }
    }
}
