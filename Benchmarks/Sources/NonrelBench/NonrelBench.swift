import Foundation
import NonrelDriver
import Synchronization

/// `nonrel-bench`: MongoDB's driver benchmark tasks run with Nonrel's BSON layer and driver.
///
/// What each task measures (per operation; the C floor does the same work with libbson and
/// libmongoc, see Benchmarks/c/nonrel_c_bench.c):
/// - `bson_*_encode`: `BSONDocument.bsonBytes()` of the document parsed once from the extended JSON file.
/// - `bson_*_decode`: `BSONDocument(bsonBytes:)` of those bytes (validating, UTF-8 included, and
///   materialising every value).
/// - `small_insert_one`: `insertOne(small_doc)` (the driver adds an ObjectId `_id`).
/// - `find_one_by_id`: `findOne(["_id": i])` over tweets stored with int32 `_id`s 1...n.
/// - `small_bulk_insert` / `large_bulk_insert`: one `insertMany` of `--docs` small_doc / 10 large_doc copies.
/// - `find_many`: `find([:])` over `--docs` tweets, iterating every document.
/// - `empty_cursor`: `find([:])` on an empty collection and `next()` (nil).
@main
struct NonrelBench {
    /// Synchronous on purpose: the BSON tasks run on the main thread before any Swift
    /// concurrency starts, and the driver tasks in a detached task the main thread waits for.
    /// (valgrind 3.19 crashes in an `async` main, which parks the main thread in libdispatch;
    /// this way `valgrind --tool=callgrind` can profile the release binary.)
    static func main() {
        do {
            try run(Options.parse(Array(CommandLine.arguments.dropFirst())))
        } catch {
            fail(error)
        }
    }

    static func fail(_ error: any Error) -> Never {
        FileHandle.standardError.write(Data("nonrel-bench: error: \(error)\n".utf8))
        exit(1)
    }

    static func run(_ options: Options) throws {
        let root = try options.resolvedDataDirectory()
        let data = root.appendingPathComponent("driver-benchmark")
        let odmData = root.appendingPathComponent("odm-benchmark")
        let baseline = try options.baseline.map { (path) throws(BenchError) in try loadBaseline(path) } ?? [:]
        let reporter = Reporter(baseline: baseline, options: options)
        print("Nonrel benchmarks (data: \(root.path))")
        reporter.header()

        for name in ["flat", "deep", "full"] {
            let encodeTask = "bson_\(name)_encode", decodeTask = "bson_\(name)_decode"
            guard options.wants(encodeTask) || options.wants(decodeTask) else { continue }
            let document = try loadDocument(data, "extended_bson/\(name)_bson.json")
            let bytes = try document.bsonBytes()
            let iterations = options.iterations(bson: true)
            let n = options.bsonN
            if options.wants(encodeTask) {
                reporter.add(try measureSync(encodeTask, ops: n, docBytes: bytes.count, iterations: iterations, warmup: options.warmup) {
                    for _ in 0..<n { blackHole(try document.bsonBytes()) }
                })
            }
            if options.wants(decodeTask) {
                reporter.add(try measureSync(decodeTask, ops: n, docBytes: bytes.count, iterations: iterations, warmup: options.warmup) {
                    for _ in 0..<n { blackHole(try BSONDocument(bsonBytes: bytes)) }
                })
            }
        }

        let wantsODM = odmTaskNames.contains(where: options.wants), wantsIndexer = indexerTaskNames.contains(where: options.wants)
        if wantsODM && !FileManager.default.fileExists(atPath: odmData.appendingPathComponent("flat-models/small_doc.json").path) {
            throw BenchError("ODM benchmark data not found: \(odmData.path)/flat-models/small_doc.json does not exist (pass --data DIR, where DIR holds odm-benchmark/ and driver-benchmark/)")
        }
        if driverTaskNames.contains(where: options.wants) || wantsODM || wantsIndexer {
            guard let uri = options.uri ?? ProcessInfo.processInfo.environment["NONREL_MONGO_URI"] else {
                throw BenchError("no server: pass --uri or set NONREL_MONGO_URI (make bench starts one)")
            }
            let done = DispatchSemaphore(value: 0)
            let failure = Mutex<(any Error)?>(nil)
            Task.detached {
                do {
                    if driverTaskNames.contains(where: options.wants) {
                        let tasks = try DriverTasks(options: options, uri: uri, data: data, reporter: reporter)
                        try await onExecutor(of: tasks.client, options) { try await tasks.runAll() }
                    }
                    if wantsODM || wantsIndexer {
                        let client = try MongoClient(uri, appName: "nonrel-bench-orm")
                        try await onExecutor(of: client, options) {
                            if wantsODM {
                                try await ODMTasks(options: options, client: client, odmData: odmData, reporter: reporter).runAll()
                            }
                            if wantsIndexer {
                                try await IndexerTasks(options: options, client: client, reporter: reporter).runAll()
                            }
                        }
                    }
                } catch {
                    failure.withLock { $0 = error }
                }
                done.signal()
            }
            done.wait()
            if let error = failure.withLock({ $0 }) { throw error }
        }

        if let out = options.out {
            let text = reporter.jsonLines.map { $0 + "\n" }.joined()
            try text.write(toFile: out, atomically: true, encoding: .utf8)
            print("results: \(out)")
        }
        if !reporter.missed.isEmpty {
            print("targets missed (client CPU vs C): \(reporter.missed.joined(separator: ", "))")
        }
    }
}

/// Runs `body` on the client's executor (`--executor client`, the default) or where it is.
func onExecutor(of client: MongoClient, _ options: Options, _ body: () async throws -> Void) async throws {
    if options.clientExecutor {
        try await withTaskExecutorPreference(client.executor) { try await body() }
    } else {
        try await body()
    }
}

func loadDocument(_ data: URL, _ relative: String) throws -> BSONDocument {
    let url = data.appendingPathComponent(relative)
    let text: String
    do { text = try String(contentsOf: url, encoding: .utf8) } catch {
        throw BenchError("cannot read benchmark data \(url.path): \(error.localizedDescription)")
    }
    do { return try BSONDocument(extendedJSON: text) } catch {
        throw BenchError("\(url.path) is not valid extended JSON: \(error)")
    }
}

/// The server-backed tasks, against `perftest.corpus`.
struct DriverTasks {
    let options: Options
    let client: MongoClient
    let database: MongoDatabase
    let collection: MongoCollection<BSONDocument>
    let data: URL
    let reporter: Reporter

    init(options: Options, uri: String, data: URL, reporter: Reporter) throws {
        self.options = options
        client = try MongoClient(uri, appName: "nonrel-bench")
        database = client.database("perftest")
        collection = database.collection("corpus")
        self.data = data
        self.reporter = reporter
    }

    func dropAndCreate() async throws {
        try await collection.drop()
        try await database.createCollection("corpus")
    }

    /// Untimed load: `count` tweets, with int32 `_id`s 1...count when `intIds`.
    func loadTweets(_ tweet: BSONDocument, count: Int, intIds: Bool) async throws {
        try await dropAndCreate()
        var start = 0
        while start < count {
            let end = min(start + 1000, count)
            let chunk = (start..<end).map { i -> BSONDocument in
                guard intIds else { return tweet }
                return BSONDocument([("_id", BSONValue.int32(Int32(i + 1)))] + tweet.map { ($0.key, $0.value) })
            }
            try await collection.insertMany(chunk)
            start = end
        }
    }

    func runAll() async throws {
        let collection = self.collection
        let n = options.n, docs = options.docs
        let iterations = options.iterations(bson: false), warmup = options.warmup
        let small = try loadDocument(data, "single_and_multi_document/small_doc.json")
        let tweet = try loadDocument(data, "single_and_multi_document/tweet.json")
        let smallBytes = try small.bsonBytes().count, tweetBytes = try tweet.bsonBytes().count

        if options.wants("small_insert_one") {
            reporter.add(try await measure("small_insert_one", ops: n, docBytes: smallBytes, iterations: iterations, warmup: warmup,
                                           setup: dropAndCreate) {
                for _ in 0..<n { try await collection.insertOne(small) }
            })
        }
        if options.wants("find_one_by_id") {
            try await loadTweets(tweet, count: n, intIds: true)
            reporter.add(try await measure("find_one_by_id", ops: n, docBytes: tweetBytes, iterations: iterations, warmup: warmup) {
                for i in 1...n {
                    guard let found = try await collection.findOne(["_id": .int32(Int32(i))]) else {
                        throw BenchError("find_one_by_id: no document with _id \(i)")
                    }
                    blackHole(found)
                }
            })
        }
        if options.wants("small_bulk_insert") {
            let batch = Array(repeating: small, count: docs)
            reporter.add(try await measure("small_bulk_insert", ops: docs, docBytes: smallBytes, iterations: iterations, warmup: warmup,
                                           setup: dropAndCreate) {
                try await collection.insertMany(batch)
            })
        }
        if options.wants("large_bulk_insert") {
            let large = try loadDocument(data, "single_and_multi_document/large_doc.json")
            let batch = Array(repeating: large, count: 10)
            reporter.add(try await measure("large_bulk_insert", ops: 10, docBytes: try large.bsonBytes().count,
                                           iterations: iterations, warmup: warmup, setup: dropAndCreate) {
                try await collection.insertMany(batch)
            })
        }
        if options.wants("find_many") {
            try await loadTweets(tweet, count: docs, intIds: false)
            reporter.add(try await measure("find_many", ops: docs, docBytes: tweetBytes, iterations: iterations, warmup: warmup) {
                var count = 0
                for try await document in try await collection.find([:]) {
                    blackHole(document)
                    count += 1
                }
                guard count == docs else { throw BenchError("find_many: expected \(docs) documents, got \(count)") }
            })
        }
        if options.wants("empty_cursor") {
            try await collection.drop()
            reporter.add(try await measure("empty_cursor", ops: n, docBytes: 0, iterations: iterations, warmup: warmup) {
                for _ in 0..<n {
                    let cursor = try await collection.find([:])
                    if try await cursor.next() != nil { throw BenchError("empty_cursor: the collection is not empty") }
                }
            })
        }
        try await collection.drop()
    }
}
