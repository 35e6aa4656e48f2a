import NonrelDriver
import Testing

@Suite(requiresServer) struct ConcurrencyTests {
    /// More concurrent operations (and open cursors) than pooled connections: every operation
    /// waits its turn asynchronously, none deadlocks.
    @Test func smallPoolServesManyConcurrentOperations() async throws {
        let uri = try #require(TestServer.uri)
        let client = try MongoClient(uri + "&maxPoolSize=2")
        let items = client.database("nonrel_test_pool").collection("items")
        try await items.drop()
        try await items.insertMany((0..<50).map { ["n": .int64(Int64($0))] })
        try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<40 {
                group.addTask {
                    if i % 2 == 0 {
                        return try await items.countDocuments(["n": ["$lt": .int64(Int64(i))]])
                    }
                    return try await items.find([:], options: FindOptions(batchSize: 7)).toArray().count
                }
            }
            var results = 0
            for try await _ in group { results += 1 }
            #expect(results == 40)
        }
        try await items.drop()
    }

    /// Tasks preferring the client's executor run their calls inline on the client's threads:
    /// with more such tasks than connections (and threads), cursors and sessions included,
    /// every one completes.
    @Test func tasksOnTheClientExecutorShareItsThreads() async throws {
        let uri = try #require(TestServer.uri)
        let client = try MongoClient(uri + "&maxPoolSize=2")
        let items = client.database("nonrel_test_executor").collection("items")
        try await items.drop()
        try await withTaskExecutorPreference(client.executor) {
            try await items.insertMany((0..<30).map { ["n": .int64(Int64($0))] })
            try await withThrowingTaskGroup(of: Int.self) { group in
                for i in 0..<20 {
                    group.addTask {
                        switch i % 3 {
                        case 0: return try await items.find(["n": ["$exists": true]], options: FindOptions(batchSize: 4)).toArray().count
                        case 1:
                            try await items.insertOne(["task": .int64(Int64(i))])
                            return try await items.countDocuments(["task": .int64(Int64(i))]) == 1 ? 30 : -1
                        default:
                            let session = try await client.startSession()
                            return try await items.countDocuments([:], session: session) >= 30 ? 30 : -1
                        }
                    }
                }
                var results: [Int] = []
                for try await count in group { results.append(count) }
                #expect(results.count == 20)
                #expect(results.allSatisfy { $0 == 30 })
            }
        }
        try await items.drop()
    }

    /// Connections keep collection handles; more namespaces than they keep, and a pool with
    /// `minPoolSize` (where libmongoc may destroy returned clients, so nothing is kept), work.
    @Test func manyCollectionsOnFewConnections() async throws {
        let uri = try #require(TestServer.uri)
        for options in ["&maxPoolSize=2", "&minPoolSize=1&maxPoolSize=2"] {
            let client = try MongoClient(uri + options)
            let database = client.database("nonrel_test_handles")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<70 {
                    group.addTask {
                        let collection = database.collection("c\(i % 70)")
                        try await collection.insertOne(["i": .int64(Int64(i))])
                        #expect(try await collection.countDocuments(["i": .int64(Int64(i))]) >= 1)
                    }
                }
                try await group.waitForAll()
            }
            _ = try await database.runCommand(["dropDatabase": 1])
        }
    }

    @Test func cancelledIterationReleasesTheCursor() async throws {
        try await TestServer.withDatabase { db in
            let items = db.collection("items")
            try await items.insertMany((0..<300).map { ["n": .int64(Int64($0))] })
            let task = Task {
                var seen = 0
                for try await _ in try await items.find([:], options: FindOptions(batchSize: 10)) {
                    seen += 1
                    if seen == 5 { withUnsafeCurrentTask { $0?.cancel() } }
                }
                return seen
            }
            let error = await #expect(throws: MongoError.self) { try await task.value }
            #expect(error?.kind == .cancelled)
            #expect(try await items.countDocuments() == 300)
        }
    }
}
