import Foundation
import Nonrel
import NonrelDriver
import NonrelIndexer
import NonrelMongo

/// The indexer rows: `title__icontains` and `created__month` natively and through registered
/// lookups (trigrams, month field), and a JOIN on `author__username` by each strategy and by
/// N+1 queries. The data set (shared with the C floor, Benchmarks/c/nonrel_c_bench.c) is
/// `--indexer-docs` posts by `docs / 20` authors; see `IndexerData`.
struct IndexerTasks {
    let options: Options
    let client: MongoClient
    let database: MongoDatabase
    let reporter: Reporter

    static let databaseName = "idxbench"
    static let native = "idx_native"
    static let registered = "idx_registered"

    init(options: Options, client: MongoClient, reporter: Reporter) {
        self.options = options
        self.client = client
        database = client.database(Self.databaseName)
        self.reporter = reporter
    }

    func runAll() async throws {
        let base = MongoBackend(client: client, database: Self.databaseName)
        let indexer = Indexer()
        try indexer.register(BenchPost.self, ["title": [.icontains], "created": [.month]])
        try indexer.denormalize(BenchPost.self, "author__username")
        Databases.register(alias: Self.native, backend: IndexedBackend(wrapping: base, indexer: Indexer()))
        Databases.register(alias: Self.registered, backend: IndexedBackend(wrapping: base, indexer: indexer))

        // Untimed load through the registered alias: hidden trigram and month fields and the
        // denormalized username are written with each post.
        let docs = options.indexerDocs
        let loadStart = wallSeconds()
        try await database.drop()
        _ = try await BenchAuthor.objects.ensureIndexes(using: Self.registered)
        _ = try await BenchPost.objects.ensureIndexes(using: Self.registered)
        let authors = try await BenchAuthor.objects.bulkCreate(
            (0..<IndexerData.authorCount(docs)).map { BenchAuthor(username: IndexerData.username($0)) }, using: Self.registered)
        var start = 0
        while start < docs {
            let end = min(start + 1000, docs)
            let posts = try (start..<end).map { i in
                BenchPost(title: IndexerData.title(i), author: try ForeignKey(authors[IndexerData.author(i, docs)]),
                          created: IndexerData.created(i), views: i % 1000)
            }
            _ = try await BenchPost.objects.bulkCreate(posts, using: Self.registered)
            start = end
        }
        print(String(format: "  (indexer data: %d posts, %d authors, loaded in %.1f s through the indexer)",
                     docs, authors.count, wallSeconds() - loadStart))

        let q = options.indexerQueries
        let iterations = options.iterations ?? options.indexerIterations, warmup = options.warmup

        func queryRow(_ task: String, alias: String, expected: (Int) -> Int,
                      _ query: @escaping (Int, String) async throws -> Int) async throws {
            guard options.wants(task) else { return }
            var rows = 0
            let result = try await measure(task, ops: q, docBytes: 0, iterations: iterations, warmup: warmup) {
                rows = 0
                for k in 0..<q {
                    let count = try await query(k, alias)
                    guard count == expected(k) else { throw BenchError("\(task): query \(k) returned \(count) objects, expected \(expected(k))") }
                    rows += count
                }
            }
            reporter.add(result, note: "\(rows / q) objects per query")
        }

        let icontains: (Int, String) async throws -> Int = { k, alias in
            try await BenchPost.objects.using(alias).filter("title__icontains", IndexerData.needle(k)).fetch().count
        }
        try await queryRow("indexer_icontains_native", alias: Self.native, expected: { IndexerData.needleMatches($0, docs) }, icontains)
        try await queryRow("indexer_icontains_registered", alias: Self.registered, expected: { IndexerData.needleMatches($0, docs) }, icontains)

        let month: (Int, String) async throws -> Int = { k, alias in
            try await BenchPost.objects.using(alias).filter("created__month", IndexerData.month(k)).fetch().count
        }
        try await queryRow("indexer_month_native", alias: Self.native, expected: { IndexerData.monthMatches($0, docs) }, month)
        try await queryRow("indexer_month_registered", alias: Self.registered, expected: { IndexerData.monthMatches($0, docs) }, month)

        for (task, strategy) in [("indexer_join_inmemory", JoinStrategy.inMemory), ("indexer_join_pushdown", .lookupPushdown),
                                 ("indexer_join_denormalized", .denormalized)] {
            try await queryRow(task, alias: Self.registered, expected: { IndexerData.authorMatches($0, docs) }) { k, alias in
                try await BenchPost.objects.using(alias).filter("author__username", IndexerData.username(IndexerData.joinAuthor(k, docs)))
                    .joinStrategy(strategy).fetch().count
            }
        }

        // N+1: every post, then each post's author (one query per post), keeping the posts whose
        // author has the username. One query per iteration (it is thousands of round trips).
        if options.wants("indexer_join_n_plus_1") {
            var rows = 0
            let username = IndexerData.username(IndexerData.joinAuthor(0, docs))
            let result = try await measure("indexer_join_n_plus_1", ops: 1, docBytes: 0, iterations: 1, warmup: 0) {
                rows = 0
                for post in try await BenchPost.objects.using(Self.native).fetch() {
                    let author = try await post.author.get(using: Self.native)
                    if author.username == username { rows += 1 }
                }
                guard rows == IndexerData.authorMatches(0, docs) else { throw BenchError("indexer_join_n_plus_1: \(rows) objects") }
            }
            reporter.add(result, note: "\(rows) objects, \(docs + 1) queries")
        }
        try await database.drop()
        Databases.unregister(alias: Self.native)
        Databases.unregister(alias: Self.registered)
    }
}

/// The indexer data set, generated identically by the C floor.
enum IndexerData {
    static let syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "zu", "pi"]
    /// 100 words: "Kalotron" ... each matched by exactly one needle.
    static func word(_ w: Int) -> String {
        let s = syllables[w / 10] + syllables[w % 10] + "tron"
        return s.prefix(1).uppercased() + s.dropFirst()
    }
    static func firstWord(_ i: Int) -> Int { i % 100 }
    static func secondWord(_ i: Int) -> Int { (i / 100 * 7 + i * 3 + 11) % 100 }
    static func title(_ i: Int) -> String { "Post \(i): notes on \(word(firstWord(i))) and \(word(secondWord(i)))" }
    /// 2022-01-01T00:00:00Z plus i × 3917 s (about 1.1 h).
    static func created(_ i: Int) -> Date { Date(timeIntervalSince1970: 1_640_995_200 + Double(i) * 3917) }
    static func authorCount(_ docs: Int) -> Int { max(1, docs / 20) }
    static func author(_ i: Int, _ docs: Int) -> Int { i % authorCount(docs) }
    static func username(_ a: Int) -> String { "user\(a)" }

    /// Query k's parameters: mixed-case needles, months 3, 4, 5..., authors 7, 8, 9...
    static func needleWord(_ k: Int) -> Int { (k * 37 + 5) % 100 }
    static func needle(_ k: Int) -> String {
        let w = word(needleWord(k)).lowercased()
        return w.enumerated().map { $0.offset % 2 == 1 ? $0.element.uppercased() : String($0.element) }.joined()
    }
    static func month(_ k: Int) -> Int { (k + 2) % 12 + 1 }
    static func joinAuthor(_ k: Int, _ docs: Int) -> Int { (7 + k) % authorCount(docs) }

    static func needleMatches(_ k: Int, _ docs: Int) -> Int {
        let w = needleWord(k)
        return (0..<docs).count { firstWord($0) == w || secondWord($0) == w }
    }
    static func monthMatches(_ k: Int, _ docs: Int) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let m = month(k)
        return (0..<docs).count { calendar.component(.month, from: created($0)) == m }
    }
    static func authorMatches(_ k: Int, _ docs: Int) -> Int {
        let a = joinAuthor(k, docs)
        return (0..<docs).count { author($0, docs) == a }
    }
}
