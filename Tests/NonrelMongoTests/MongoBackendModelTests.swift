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

/// What model-level writes leave in MongoDB (the query behaviour itself is the conformance
/// suite's, run on every backend): keys and foreign keys as ObjectIds, nil fields left out.
@Suite(.enabled(if: MongoServer.available, "set NONREL_TEST_MONGO_URI to run against a server"))
struct MongoBackendModelTests {
    @Test func modelsAreStoredInMongoDBForm() async throws {
        try await MongoServer.withBackend { backend, database in
            let alias = "mongo-" + database.name
            Databases.register(alias: alias, backend: backend)
            defer { Databases.unregister(alias: alias) }
            let ada = try await MongoWriter.objects.create(MongoWriter(name: "Ada"), using: alias)
            let adaKey = try #require(ada.id)
            let created = Date(timeIntervalSince1970: 1_709_510_400)
            let article = try await MongoArticle.objects.create(MongoArticle(
                title: "Hello", slug: "s0", writer: ForeignKey(id: adaKey), tags: ["swift"], views: 3, created: created), using: alias)
            let raw = try #require(try await database.collection("articles").findOne(["slug": "s0"]))
            #expect(raw["_id"] == .objectId(try ObjectId(try #require(article.id))))
            #expect(raw.keys.first == "_id")
            #expect(raw["writer"] == .objectId(try ObjectId(adaKey)))
            #expect(raw["created"] == .datetime(BSONDateTime(created)))
            #expect(raw["tags"] == ["swift"])
            #expect(!raw.contains(key: "code"))
            let read = try await MongoArticle.objects.using(alias).get("writer", adaKey)
            #expect(read.writer?.id == adaKey && read.created == created && read.code == nil)
        }
    }
}
