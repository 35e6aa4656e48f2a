import NonrelDriver
import Testing

@Suite(requiresServer) struct CRUDTests {
    @Test func insertFindUpdateDelete() async throws {
        try await TestServer.withDatabase { db in
            let people = db.collection("people")
            let inserted = try await people.insertOne(["name": "Ada", "age": 36])
            #expect(inserted.insertedId.objectIdValue != nil)
            try await people.insertMany([["name": "Grace", "age": 45], ["name": "Linus", "age": 28]])

            #expect(try await people.countDocuments() == 3)
            #expect(try await people.countDocuments(["age": ["$gt": 30]]) == 2)
            let sorted = try await people.find([:], options: FindOptions(sort: ["age": -1])).toArray()
            #expect(sorted.map { $0["name"]?.stringValue } == ["Grace", "Ada", "Linus"])
            let page = try await people.find([:], options: FindOptions(sort: ["age": 1], projection: ["name": 1, "_id": 0], skip: 1, limit: 1)).toArray()
            #expect(page == [["name": "Ada"]])

            let updated = try await people.updateOne(filter: ["name": "Ada"], update: ["$inc": ["age": 1]])
            #expect(updated.matchedCount == 1 && updated.modifiedCount == 1)
            #expect(try await people.findOne(["name": "Ada"])?["age"]?.intValue == 37)

            let many = try await people.updateMany(filter: [:], update: ["$set": ["active": true]])
            #expect(many.modifiedCount == 3)

            let upsert = try await people.updateOne(filter: ["name": "Barbara"], update: ["$set": ["age": 80]], options: UpdateOptions(upsert: true))
            #expect(upsert.upsertedId != nil)

            let replaced = try await people.replaceOne(filter: ["name": "Linus"], replacement: ["name": "Linus", "age": 29])
            #expect(replaced.modifiedCount == 1)
            #expect(try await people.findOne(["name": "Linus"])?["active"] == nil)

            #expect(try await people.deleteOne(filter: ["name": "Linus"]).deletedCount == 1)
            #expect(try await people.deleteMany(filter: [:]).deletedCount == 3)
            #expect(try await people.estimatedDocumentCount() == 0)
        }
    }

    @Test func cursorStreamsManyBatches() async throws {
        try await TestServer.withDatabase { db in
            let numbers = db.collection("numbers")
            try await numbers.insertMany((0..<450).map { ["n": .int64(Int64($0))] })
            var seen = 0
            for try await document in try await numbers.find([:], options: FindOptions(sort: ["n": 1], batchSize: 100)) {
                #expect(document["n"]?.intValue == seen)
                seen += 1
            }
            #expect(seen == 450)
            // A cursor abandoned early releases its connection; the pool keeps working.
            for _ in 0..<20 {
                let cursor = try await numbers.find([:], options: FindOptions(batchSize: 10))
                _ = try await cursor.next()
            }
            #expect(try await numbers.countDocuments() == 450)
        }
    }

    @Test func distinctAggregateAndFindAndModify() async throws {
        try await TestServer.withDatabase { db in
            let posts = db.collection("posts")
            try await posts.insertMany([
                ["author": "ada", "views": 10], ["author": "ada", "views": 5], ["author": "bob", "views": 1],
            ])
            let authors = try await posts.distinct("author").compactMap(\.stringValue).sorted()
            #expect(authors == ["ada", "bob"])

            let totals = try await posts.aggregate([
                ["$group": ["_id": "$author", "total": ["$sum": "$views"]]],
                ["$sort": ["_id": 1]],
            ]).toArray()
            #expect(totals.map { $0["total"]?.intValue } == [15, 1])

            let before = try await posts.findOneAndUpdate(filter: ["author": "bob"], update: ["$inc": ["views": 1]])
            #expect(before?["views"]?.intValue == 1)
            let after = try await posts.findOneAndUpdate(
                filter: ["author": "bob"], update: ["$inc": ["views": 1]],
                options: FindOneAndModifyOptions(returnDocument: .after))
            #expect(after?["views"]?.intValue == 3)
            let deleted = try await posts.findOneAndDelete(filter: ["author": "bob"])
            #expect(deleted?["author"]?.stringValue == "bob")
            #expect(try await posts.findOneAndDelete(filter: ["author": "nobody"]) == nil)
        }
    }

    @Test func pipelineUpdatesAndArrayFilters() async throws {
        try await TestServer.withDatabase { db in
            let items = db.collection("items")
            try await items.insertOne(["_id": "x", "a": 2, "b": 3, "grades": [80, 95, 100]])
            try await items.updateOne(filter: ["_id": "x"], pipeline: [["$set": ["sum": ["$add": ["$a", "$b"]]]]])
            #expect(try await items.findOne(["_id": "x"])?["sum"]?.intValue == 5)
            try await items.updateOne(
                filter: ["_id": "x"], update: ["$set": ["grades.$[g]": 0]],
                options: UpdateOptions(arrayFilters: [["g": ["$gte": 95]]]))
            #expect(try await items.findOne(["_id": "x"])?["grades"] == [80, 0, 0])
        }
    }

    @Test func bulkWriteMixesOperations() async throws {
        try await TestServer.withDatabase { db in
            let things = db.collection("things")
            let result = try await things.bulkWrite([
                .insertOne(["_id": 1, "v": "a"]),
                .insertOne(["_id": 2, "v": "b"]),
                .updateOne(filter: ["_id": 1], update: ["$set": ["v": "A"]]),
                .replaceOne(filter: ["_id": 3], replacement: ["v": "c"], options: UpdateOptions(upsert: true)),
                .deleteOne(filter: ["_id": 2]),
            ])
            #expect(result.insertedCount == 2)
            #expect(result.modifiedCount == 1)
            #expect(result.deletedCount == 1)
            #expect(result.upsertedIds[3] == 3)
            #expect(try await things.countDocuments() == 2)
        }
    }

    @Test func listAndDropCollections() async throws {
        try await TestServer.withDatabase { db in
            try await db.collection("a").insertOne(["x": 1])
            try await db.createCollection("b")
            #expect(try await db.listCollectionNames().sorted() == ["a", "b"])
            try await db.collection("a").drop()
            try await db.collection("never_existed").drop()
            #expect(try await db.listCollectionNames() == ["b"])
            let reply = try await db.runCommand(["ping": 1])
            #expect(reply["ok"]?.numericDoubleValue == 1)
        }
    }
}
