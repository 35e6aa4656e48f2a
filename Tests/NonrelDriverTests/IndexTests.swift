import NonrelDriver
import Testing

@Suite(requiresServer) struct IndexTests {
    @Test func createsListsAndDropsIndexes() async throws {
        try await TestServer.withDatabase { db in
            let events = db.collection("events")
            try await events.insertOne(["kind": "a"])
            let names = try await events.createIndexes([
                IndexModel(keys: ["kind": 1, "at": -1]),
                IndexModel(keys: ["code": 1], unique: true, sparse: true),
                IndexModel(keys: ["at": 1], name: "ttl", expireAfterSeconds: 3600),
                IndexModel(keys: ["score": 1], partialFilterExpression: ["score": ["$gt": 5]]),
            ])
            #expect(names == ["kind_1_at_-1", "code_1", "ttl", "score_1"])
            let indexes = try await events.listIndexes()
            #expect(Set(indexes.compactMap { $0["name"]?.stringValue }) == ["_id_", "kind_1_at_-1", "code_1", "ttl", "score_1"])
            let code = indexes.first { $0["name"] == "code_1" }
            #expect(code?["unique"] == true)
            #expect(indexes.first { $0["name"] == "ttl" }?["expireAfterSeconds"]?.intValue == 3600)

            try await events.dropIndex("ttl")
            #expect(!(try await events.listIndexNames()).contains("ttl"))
            try await events.dropIndexes()
            #expect(try await events.listIndexNames() == ["_id_"])
        }
    }

    @Test func hintSelectsAnIndex() async throws {
        try await TestServer.withDatabase { db in
            let items = db.collection("items")
            try await items.createIndex(IndexModel(keys: ["k": 1]))
            try await items.insertMany((0..<10).map { ["k": .int64(Int64($0))] })
            let found = try await items.find(["k": ["$gte": 5]], options: FindOptions(hint: "k_1")).toArray()
            #expect(found.count == 5)
        }
    }
}
