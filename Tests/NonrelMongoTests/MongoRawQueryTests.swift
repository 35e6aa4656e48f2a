import Foundation
import NonrelDriver
import NonrelMemory
import NonrelMongo
import Testing

private struct Note: Model {
    var id: String?
    var text: String
    var score: Int

    static let schema = Schema<Note>("notes") {
        Field("text", \.text)
        Field("score", \.score)
    }
}

@Suite(.enabled(if: ProcessInfo.processInfo.environment["NONREL_TEST_MONGO_URI"] != nil, "needs NONREL_TEST_MONGO_URI"))
struct MongoRawQueryTests {
    @Test func rawFiltersAndPipelinesAreEscapeHatches() async throws {
        let uri = try #require(ProcessInfo.processInfo.environment["NONREL_TEST_MONGO_URI"])
        let client = try MongoClient(uri)
        let name = "nonrel_raw_\(UUID().uuidString.prefix(8).lowercased())"
        let alias = "raw-\(name)"
        Databases.register(alias: alias, backend: MongoBackend(client: client, database: name))
        defer { Databases.unregister(alias: alias) }
        try await Databases.$defaultAlias.withValue(alias) {
            try await Note.objects.bulkCreate((1...6).map { Note(text: "n\($0)", score: $0) })
            let even = try await Note.objects.raw(["score": ["$mod": [2, 0]]], sort: ["score": -1])
            #expect(even.map(\.score) == [6, 4, 2])
            #expect(even.allSatisfy { $0.id.map(PrimaryKey.isValid) == true })
            let total = try await Note.objects.rawAggregate([["$group": ["_id": nil, "sum": ["$sum": "$score"]]]])
            #expect(total.first?["sum"]?.intValue == 21)
        }
        try await client.database(name).drop()
    }

    @Test func rawQueriesNeedAMongoDatabase() async throws {
        let alias = "raw-memory-\(UUID())"
        Databases.register(alias: alias, backend: MemoryBackend())
        defer { Databases.unregister(alias: alias) }
        let error = await #expect(throws: NonrelError.self) { try await Note.objects.raw([:], using: alias) }
        #expect(error?.kind == .unsupported)
    }
}
