import Foundation
import Testing
import NonrelBSON
import NonrelDriver
@testable import NonrelMongo

@Suite(.enabled(if: MongoServer.available, "set NONREL_TEST_MONGO_URI to run against a server"))
struct MongoBackendIndexTests {
    let f = Fixture.self

    @Test func duplicateKeysAreIntegrityErrors() async throws {
        try await MongoServer.withBackend { backend, _ in
            let model = f.post(uniqueTogether: [["title", "code"]])
            let report = try await backend.ensureIndexes(for: model)
            #expect(report.created == ["slug_1", "code_1", "views_1", "title_1_code_1"])
            _ = try await backend.insert([["title": "a", "slug": "hello"]], into: model)
            let error = await #expect(throws: NonrelError.self) {
                _ = try await backend.insert([["title": "b", "slug": "hello"], ["title": "c", "slug": "c"]], into: model)
            }
            #expect(error?.kind == .integrity)
            #expect(error?.field == "slug")
            #expect(error?.model == "Post")
            #expect(error?.message == "duplicate key: Post with slug \"hello\" already exists (unique index slug_1)")
            // Ordered insert: nothing after the failing row was written.
            #expect(try await backend.count(SelectQuery(model: model)) == 1)
            // Nil unique fields are not stored, so any number may coexist (sparse / partial).
            _ = try await backend.insert([["title": "x", "slug": "x1"], ["title": "x", "slug": "x2"]], into: model)
            _ = try await backend.insert([["title": "y", "slug": "y1", "code": "K"]], into: model)
            let compound = await #expect(throws: NonrelError.self) {
                _ = try await backend.insert([["title": "y", "slug": "y2", "code": "K"]], into: model)
            }
            #expect(compound?.kind == .integrity)
            // A save over another document's unique value fails too.
            let id = try await backend.insert([["title": "z", "slug": "z"]], into: model)[0]
            await #expect(throws: NonrelError.self) {
                try await backend.save(["_id": .string(id), "title": "z", "slug": "hello"], into: model)
            }
        }
    }

    @Test func indexDriftIsReported() async throws {
        try await MongoServer.withBackend { backend, database in
            let model = f.post(indexes: [IndexDescriptor(["author", "-created"]), IndexDescriptor(["title"], name: "by_title")])
            let collection = database.collection("posts")
            try await collection.createIndex(IndexModel(keys: ["likes": 1]))
            try await collection.createIndex(IndexModel(keys: ["slug": 1]))
            let report = try await backend.ensureIndexes(for: model)
            #expect(report.existing == [])
            #expect(report.conflicting == ["slug_1"])
            #expect(report.created == ["code_1", "views_1", "author_1_created_-1", "by_title"])
            #expect(report.undeclared == ["likes_1"])
            #expect(report.hasDrift)
            let again = try await backend.ensureIndexes(for: model)
            #expect(again.existing == ["code_1", "views_1", "author_1_created_-1", "by_title"])
            #expect(again.created == [])
            let indexes = try await collection.listIndexes()
            let code = try #require(indexes.first { $0["name"] == "code_1" })
            #expect(code["sparse"] == .bool(true) && code["unique"] == .bool(true))
        }
    }

    @Test func unreachableServerIsADatabaseError() async throws {
        let client = try MongoClient("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=200")
        let backend = MongoBackend(client: client, database: "nowhere")
        let error = await #expect(throws: NonrelError.self) {
            _ = try await backend.count(SelectQuery(model: f.model))
        }
        #expect(error?.kind == .database)
        #expect(error?.underlying is MongoError)
        #expect(error?.message.contains("could not be reached") == true)
    }
}
