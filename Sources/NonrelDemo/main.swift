import Foundation
import Nonrel
import NonrelIndexer
import NonrelMemory
import NonrelMongo

// `make run`: a small blog on the ORM, against the local server `make run` starts (or
// NONREL_MONGO_URI), with a memory database beside it. It prints what each step did.

func step(_ text: String) { print("• \(text)") }
func show(_ label: String, _ posts: [Post]) {
    print("    \(label): " + (posts.isEmpty ? "none" : posts.map { "“\($0.title)”" }.joined(separator: ", ")))
}

let uri = ProcessInfo.processInfo.environment["NONREL_MONGO_URI"] ?? "mongodb://127.0.0.1:27017/nonrel_demo?retryWrites=false"

func runBlog() async throws {
    MongoBackend.register()
    MemoryBackend.register()
    Databases.configure(Databases.applyingEnvironment([
        "default": DatabaseSettings(engine: "mongodb", uri: uri, name: "nonrel_demo"),
        "scratch": DatabaseSettings(engine: "memory"),
    ]))
    print("Nonrel demo: a blog on \(uri.replacingOccurrences(of: #"//[^@/]*@"#, with: "//***@", options: .regularExpression)) and a memory database\n")

    for model in [Author.descriptor, Tag.descriptor, Post.descriptor] {
        try await Databases.backend("default").drop(model)
    }
    let reports = [try await Author.objects.ensureIndexes(), try await Tag.objects.ensureIndexes(), try await Post.objects.ensureIndexes()]
    step("created indexes (Django's syncdb): \(reports.flatMap(\.created).joined(separator: ", "))")

    // Authors, tags and posts.
    let day: TimeInterval = 86_400
    let start = Date(timeIntervalSince1970: 1_704_067_200) // 2024-01-01 UTC
    let authors = try await Author.objects.bulkCreate([
        Author(username: "ada", email: "ada@example.com", joined: start),
        Author(username: "émile", email: "emile@example.fr", joined: start.addingTimeInterval(40 * day)),
        Author(username: "grace", email: "grace@example.com", joined: start.addingTimeInterval(90 * day)),
    ])
    let (ada, emile, grace) = (authors[0], authors[1], authors[2])
    let tags = try await Tag.objects.bulkCreate(["swift", "mongodb", "django"].map { Tag(name: $0) })
    step("bulk-created \(authors.count) authors and \(tags.count) tags; keys look like \(ada.id!)")

    var posts: [Post] = []
    let drafts: [(String, Author, [Int], [String], Int, TimeInterval, Location?, [Comment])] = [
        ("Hello, Swift", ada, [0], ["intro", "swift"], 120, 3, Location(city: "London", country: "UK"),
         [Comment(author: "grace", text: "Welcome!", likes: 4)]),
        ("Async sequences in practice", ada, [0], ["concurrency"], 340, 35, nil, []),
        ("MongoDB from Swift", grace, [0, 1], ["mongodb", "driver"], 90, 60, Location(city: "Arlington", country: "US"),
         [Comment(author: "ada", text: "Nice benchmarks", likes: 2), Comment(author: "émile", text: "Merci", likes: 7)]),
        ("Django habits, Swift types", emile, [2, 0], ["django", "orm"], 45, 95, Location(city: "Paris", country: "FR"), []),
        ("Émile's notes on ORMs", emile, [2], ["orm"], 12, 120, Location(city: "Lyon", country: "FR"),
         [Comment(author: "ada", text: "Great read", likes: 1)]),
    ]
    for (title, author, tagIndexes, keywords, views, offset, location, comments) in drafts {
        var post = Post(title: title, author: try ForeignKey(author), keywords: keywords, body: "…", views: views,
                        created: start.addingTimeInterval(offset * day), location: location, comments: comments)
        for index in tagIndexes { try post.tags.add(tags[index]) }
        post = try await Post.objects.create(post)
        posts.append(post)
    }
    step("saved \(posts.count) posts one by one; a pre-save hook made slugs like \"\(posts[0].slug)\"")

    // Lookups.
    step("lookups")
    show("title__icontains \"swift\"", try await Post.objects.filter("title__icontains", "swift").fetch())
    show("title__istartswith \"émile\" (Unicode case folding)", try await Post.objects.filter("title__istartswith", "ÉMILE").fetch())
    show("created__month 2 (February)", try await Post.objects.filter("created__month", 2).fetch())
    show("created__week_day 6 (Fridays; Sunday is 1)", try await Post.objects.filter("created__week_day", 6).fetch())
    show("views__range [50, 200]", try await Post.objects.filter("views__range", [50, 200]).orderBy("views").fetch())
    show("location__country \"FR\" (embedded)", try await Post.objects.filter("location__country", "FR").fetch())
    show("location__isnull true", try await Post.objects.filter("location__isnull", true).fetch())
    show("comments__likes__gte 5 (list of embedded)", try await Post.objects.filter("comments__likes__gte", 5).fetch())
    show("keywords \"orm\" (list element)", try await Post.objects.filter("keywords", "orm").fetch())
    show("author = ada (foreign key)", try await Post.objects.filter("author", ada.id!).fetch())
    show("tags contains mongodb (many-to-many)", try await Post.objects.filter("tags", tags[1].id!).fetch())

    // Q and F.
    step("Q objects and F expressions")
    let popularOrFrench = Q("views__gte", 300) | (Q("location__country", "FR") & ~Q("title__contains", "notes"))
    show("views >= 300 OR (FR AND NOT notes)", try await Post.objects.filter(popularOrFrench).fetch())
    try await Post.objects.filter("author", ada.id!).update(["views": F("views") + 1, "likes": F("views") / 10])
    let adaPosts = try await Post.objects.filter("author", ada.id!).orderBy("title").fetch()
    step("update views = F(views) + 1, likes = F(views) / 10 on ada's posts: \(adaPosts.map { "\($0.views)/\($0.likes)" })")
    show("likes__gt F(views) / 20", try await Post.objects.filter("likes__gt", F("views") / 20).fetch())

    // Aggregates.
    let totals = try await Post.objects.aggregate(Count(), Sum("views"), Avg("views"), Max("created"))
    step("aggregate: \(totals)")
    let perAuthor = try await Post.objects.values("author").annotate(["posts": Count(), "views": Sum("views")]).orderBy("-views").fetch()
    let names = Dictionary(uniqueKeysWithValues: authors.map { ($0.id!, $0.username) })
    step("views per author: " + perAuthor.map { "\(names[$0["author"]?.stringValue ?? ""] ?? "?") \($0["views"] ?? nil) in \($0["posts"] ?? nil) posts" }.joined(separator: ", "))

    // Relations.
    let first = try await Post.objects.get("slug", "mongodb-from-swift")
    step("\"\(first.title)\" is by \(try await first.author.get().username), tagged \(try await first.tags.all().map(\.name).sorted())")

    // Bad input gets clear errors.
    step("bad input")
    for attempt in [
        { _ = try await Post.objects.filter("titel__icontains", "x").fetch() },
        { _ = try await Post.objects.filter("views__gt", "many").fetch() },
        { _ = try await Post.objects.filter("pk", "not-a-key").fetch() },
        { _ = try await Post.objects.filter("author__username", "ada").fetch() },
        { _ = try await Author.objects.create(Author(username: "ada", email: "again@example.com", joined: Date())) },
    ] as [() async throws -> Void] {
        do { try await attempt() } catch let error as NonrelError { print("    \(error.kind): \(error.message)") }
    }

    // The same code on the memory backend.
    for post in try await Post.objects.orderBy("created").fetch() {
        var copy = post
        try await copy.save(using: "scratch")
    }
    let scratch = try await Post.objects.using("scratch").filter("title__icontains", "swift").count()
    let mongo = try await Post.objects.filter("title__icontains", "swift").count()
    step("copied the posts into the memory database: title__icontains \"swift\" counts \(scratch) there, \(mongo) on MongoDB")

    // The indexer: JOINs and emulated lookups.
    step("the indexer (django-dbindexer's job)")
    let indexer = Indexer()
    try Indexer.install(indexer, on: "default")
    try indexer.register(Post.self, ["title": [.icontains, .iexact], "created": [.month]])
    let backfill = try await indexer.backfill(Post.self)
    step("registered title__icontains/iexact and created__month; backfilled \(backfill.written) of \(backfill.scanned) posts, indexes \(backfill.indexes.created.joined(separator: ", "))")
    show("title__icontains \"swift\" (trigram index, verified)", try await Post.objects.filter("title__icontains", "swift").fetch())
    show("created__month 4 (hidden month field)", try await Post.objects.filter("created__month", 4).fetch())
    show("author__username \"ada\" (JOIN, $lookup pushdown)", try await Post.objects.filter("author__username", "ada").fetch())
    show("author__email__endswith \".fr\" (JOIN, in memory)", try await Post.objects.filter("author__email__endswith", ".fr").joinStrategy(.inMemory).fetch())
    let busy = try await Author.objects.filter("posts__views__gt", 100).fetch().map(\.username)
    step("authors with a post over 100 views (reverse JOIN): \(busy)")
    let withAuthors = try await Post.objects.selectRelated("author").orderBy("title").fetch()
    step("selectRelated(\"author\"): " + withAuthors.map { "\($0.slug) by \($0.author.cached?.username ?? "?")" }.joined(separator: ", "))

    let deleted = try await Post.objects.filter("views__lt", 50).delete()
    step("deleted \(deleted) posts with fewer than 50 views (no cascade); \(try await Post.objects.count()) remain")
}

do {
    try await runBlog()
    print("\nThe driver underneath:")
    try await driverTour(uri: uri)
    print("\nDone.")
} catch {
    print("demo failed: \(error)")
    exit(1)
}
