import NonrelDriver
import Testing

@Suite(requiresServer) struct ErrorTests {
    @Test func duplicateKeyNamesIndexAndKey() async throws {
        try await TestServer.withDatabase { db in
            let users = db.collection("users")
            try await users.createIndex(IndexModel(keys: ["email": 1], unique: true))
            try await users.insertOne(["email": "ada@example.com"])
            let error = await #expect(throws: MongoError.self) {
                try await users.insertOne(["email": "ada@example.com"])
            }
            #expect(error?.kind == .duplicateKey)
            #expect(error?.code == 11000)
            #expect(error?.duplicateKey?.index == "email_1")
            #expect(error?.message.contains("email_1") == true)
            #expect(try await users.countDocuments() == 1)
        }
    }

    @Test func dollarAndDottedKeysAreRejectedBeforeSending() async throws {
        try await TestServer.withDatabase { (db: MongoDatabase) async throws in
            let things = db.collection("things")
            let cases: [(BSONDocument, String)] = [
                (["$where": "1"], "\"$where\" starts with \"$\""),
                (["a.b": 1], "\"a.b\" contains \".\""),
                (["nested": ["$gt": ""]], "\"nested.$gt\" starts with \"$\""),
                (["list": [["x.y": 1]]], "\"list.0.x.y\" contains \".\""),
            ]
            for (bad, message) in cases {
                let error = await #expect(throws: MongoError.self) { try await things.insertOne(bad) }
                #expect(error?.kind == .invalidArgument)
                #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
                let many = await #expect(throws: MongoError.self) { try await things.insertMany([["ok": 1], bad]) }
                #expect(many?.message.contains(message) == true)
                let replace = await #expect(throws: MongoError.self) {
                    try await things.replaceOne(filter: ["ok": 1], replacement: bad, options: UpdateOptions(upsert: true))
                }
                #expect(replace?.message.contains(message) == true)
                let findAndReplace = await #expect(throws: MongoError.self) {
                    try await things.findOneAndReplace(filter: ["ok": 1], replacement: bad)
                }
                #expect(findAndReplace?.message.contains(message) == true)
                let bulk = await #expect(throws: MongoError.self) {
                    try await things.bulkWrite([.replaceOne(filter: ["ok": 1], replacement: bad)])
                }
                #expect(bulk?.message.contains(message) == true)
            }
            let nul = await #expect(throws: MongoError.self) { try await things.insertOne(["a\0b": 1]) }
            #expect(nul?.kind == .invalidArgument)
            #expect(nul?.message.contains("NUL") == true)
            #expect(try await things.countDocuments() == 0)
            // DBRef fields are the exception MongoDB itself makes.
            try await things.insertOne(["owner": ["$ref": "users", "$id": 1, "$db": "app"]])
            #expect(try await things.countDocuments() == 1)
        }
    }

    @Test func userStringsThatLookLikeOperatorsStayData() async throws {
        try await TestServer.withDatabase { db in
            let things = db.collection("things")
            try await things.insertOne(["name": "{\"$gt\": \"\"}"])
            try await things.insertOne(["name": "bob"])
            #expect(try await things.countDocuments(["name": "{\"$gt\": \"\"}"]) == 1)
        }
    }

    @Test func documentsOver16MBAreRejectedWithAClearError() async throws {
        try await TestServer.withDatabase { db in
            let blobs = db.collection("blobs")
            let big = BSONBinary(bytes: [UInt8](repeating: 7, count: 16 * 1024 * 1024 + 1))
            let error = await #expect(throws: MongoError.self) { try await blobs.insertOne(["data": .binary(big)]) }
            #expect(error?.kind == .documentTooLarge)
            #expect(error?.message.contains("16 MiB") == true)
        }
    }

    @Test func updateWithoutOperatorsIsAnArgumentError() async throws {
        try await TestServer.withDatabase { db in
            let error = await #expect(throws: MongoError.self) {
                try await db.collection("c").updateOne(filter: [:], update: ["name": "x"])
            }
            #expect(error?.kind == .invalidArgument)
            #expect(error?.message.contains("$set") == true)
        }
    }

    @Test func serverErrorsCarryCodeAndName() async throws {
        try await TestServer.withDatabase { db in
            let error = await #expect(throws: MongoError.self) {
                try await db.runCommand(["definitelyNotACommand": 1])
            }
            #expect(error?.kind == .server)
            #expect(error?.code != nil)
        }
    }

    @Test func unreachableServerIsAServerSelectionError() async throws {
        let client = try MongoClient("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=300&connectTimeoutMS=200")
        let error = await #expect(throws: MongoError.self) { try await client.ping() }
        #expect(error?.kind == .serverSelection)
    }
}

@Suite struct ClientArgumentTests {
    @Test func malformedURIIsATypedError() {
        for bad in ["mongo://x", "mongodb://", "mongodb://host:99999", "not a uri"] {
            let error = #expect(throws: MongoError.self) { try MongoClient(bad) }
            #expect(error?.kind == .invalidURI)
            #expect(error?.message.contains("invalid MongoDB URI") == true)
        }
    }

    @Test func passwordsAreRedactedInErrors() {
        let error = #expect(throws: MongoError.self) { try MongoClient("mongodb://ada:s3cret@host:99999") }
        #expect(error?.message.contains("s3cret") == false)
    }
}
