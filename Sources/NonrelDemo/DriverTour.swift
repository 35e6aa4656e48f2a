import Foundation
import NonrelDriver

/// The driver underneath the ORM: raw collections, BSON documents, aggregation, a transaction.
func driverTour(uri uriString: String) async throws {
    let client = try MongoClient(uriString, appName: "nonrel-demo")
    try await client.ping()
    step("ping: the server answered")

    let database = client.database("nonrel_demo_driver")
    try await database.drop()
    let posts = database.collection("posts")

    let names = try await posts.createIndexes([
        IndexModel(keys: ["slug": 1], unique: true),
        IndexModel(keys: ["author": 1, "views": -1]),
    ])
    step("created indexes \(names.joined(separator: ", "))")

    let first = try await posts.insertOne(["slug": "hello", "title": "Hello, Mongo", "author": "ada", "views": 10, "tags": ["intro", "swift"]])
    step("inserted one post, _id \(first.insertedId.objectIdValue?.hex ?? "?")")
    let more = try await posts.insertMany([
        ["slug": "cursors", "title": "Cursors are async sequences", "author": "ada", "views": 42, "tags": ["swift"]],
        ["slug": "bson", "title": "BSON all the way down", "author": "grace", "views": 7, "tags": ["bson"]],
        ["slug": "pools", "title": "Connection pools", "author": "linus", "views": 19, "tags": ["swift", "c"]],
    ])
    step("inserted \(more.insertedCount) more posts")

    do {
        try await posts.insertOne(["slug": "hello", "title": "A duplicate"])
    } catch {
        guard error.kind == .duplicateKey else { throw error }
        step("a second \"hello\" was refused: duplicate key on index \(error.duplicateKey?.index ?? "?")")
    }

    let swiftPosts = try await posts.find(["tags": "swift"], options: FindOptions(sort: ["views": -1], projection: ["title": 1, "views": 1, "_id": 0])).toArray()
    step("posts tagged swift, most viewed first:")
    for post in swiftPosts {
        print("    \(post["views"]?.intValue ?? 0) views  \(post["title"]?.stringValue ?? "")")
    }

    let updated = try await posts.updateMany(filter: ["author": "ada"], update: ["$inc": ["views": 1]])
    step("gave ada's \(updated.modifiedCount) posts one more view each")

    let perAuthor = try await posts.aggregate([
        ["$group": ["_id": "$author", "posts": ["$sum": 1], "views": ["$sum": "$views"]]],
        ["$sort": ["views": -1]],
    ]).toArray()
    step("views per author (aggregation):")
    for row in perAuthor {
        print("    \(row["_id"]?.stringValue ?? "?"): \(row["posts"]?.intValue ?? 0) posts, \(row["views"]?.intValue ?? 0) views")
    }

    let accounts = database.collection("accounts")
    try await accounts.insertMany([["_id": "ada", "credits": 100], ["_id": "grace", "credits": 20]])
    try await client.withSession { session in
        try await session.withTransaction {
            try await accounts.updateOne(filter: ["_id": "ada"], update: ["$inc": ["credits": -30]], session: session)
            try await accounts.updateOne(filter: ["_id": "grace"], update: ["$inc": ["credits": 30]], session: session)
        }
    }
    let balances = try await accounts.find([:], options: FindOptions(sort: ["_id": 1])).toArray()
        .map { "\($0["_id"]?.stringValue ?? "?")=\($0["credits"]?.intValue ?? 0)" }
    step("transaction moved 30 credits: \(balances.joined(separator: ", "))")

    step("posts as extended JSON: \(try await posts.findOne(["slug": "bson"], options: FindOptions(projection: ["_id": 0]))?.relaxedExtendedJSON ?? "")")
    try await database.drop()
    step("dropped the demo database. Done.")
}

