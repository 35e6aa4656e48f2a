import NonrelDriver
import Testing

@Suite(requiresServer) struct TransactionTests {
    @Test func committedTransactionIsVisible() async throws {
        try await TestServer.withDatabase { db in
            let accounts = db.collection("accounts")
            try await accounts.insertMany([["_id": "a", "balance": 100], ["_id": "b", "balance": 0]])
            let client = try #require(TestServer.client)
            try await client.withSession { session in
                try await session.withTransaction {
                    try await accounts.updateOne(filter: ["_id": "a"], update: ["$inc": ["balance": -30]], session: session)
                    try await accounts.updateOne(filter: ["_id": "b"], update: ["$inc": ["balance": 30]], session: session)
                }
            }
            #expect(try await accounts.findOne(["_id": "a"])?["balance"]?.intValue == 70)
            #expect(try await accounts.findOne(["_id": "b"])?["balance"]?.intValue == 30)
        }
    }

    @Test func failingBodyAbortsTheTransaction() async throws {
        struct Refused: Error {}
        try await TestServer.withDatabase { db in
            let accounts = db.collection("accounts")
            try await accounts.insertOne(["_id": "a", "balance": 100])
            let client = try #require(TestServer.client)
            await #expect(throws: Refused.self) {
                try await client.withSession { session in
                    try await session.withTransaction {
                        try await accounts.updateOne(filter: ["_id": "a"], update: ["$set": ["balance": 0]], session: session)
                        throw Refused()
                    }
                }
            }
            #expect(try await accounts.findOne(["_id": "a"])?["balance"]?.intValue == 100)
        }
    }

    @Test func transientErrorsAreRetried() async throws {
        try await TestServer.withDatabase { db in
            // A client of its own, so the failpoint (filtered by appname) hits no other test.
            let client = try MongoClient(try #require(TestServer.uri), appName: "nonrel-transient-test")
            let log = client.database(db.name).collection("log")
            try await log.insertOne(["_id": "seed"])
            // The server fails this client's next insert with a transient transaction error, once.
            try await client.database("admin").runCommand([
                "configureFailPoint": "failCommand", "mode": ["times": 1],
                "data": ["failCommands": ["insert"], "errorCode": 251, "errorLabels": ["TransientTransactionError"],
                         "appName": "nonrel-transient-test"],
            ])
            var attempts = 0
            try await client.withSession { session in
                try await session.withTransaction {
                    attempts += 1
                    try await log.insertOne(["attempt": .int64(Int64(attempts))], session: session)
                }
            }
            #expect(attempts == 2)
            #expect(try await log.countDocuments(["attempt": ["$exists": true]]) == 1)
        }
    }

    @Test func sessionCursorsAndReadsInTransaction() async throws {
        try await TestServer.withDatabase { db in
            let client = try #require(TestServer.client)
            let items = db.collection("items")
            try await items.insertMany((0..<5).map { ["n": .int64(Int64($0))] })
            try await client.withSession { session in
                try await session.startTransaction()
                try await items.insertOne(["n": 99], session: session)
                let inside = try await items.find([:], session: session).toArray()
                #expect(inside.count == 6)
                try await session.abortTransaction()
            }
            #expect(try await items.countDocuments() == 5)
        }
    }
}
