import Foundation

/// Command-line options, shared in spelling with the C floor (`Benchmarks/c/nonrel_c_bench.c`).
struct Options {
    var dataDirectory: String?
    var uri: String?
    /// nil: 15 iterations for BSON tasks, 5 for driver tasks.
    var iterations: Int?
    var warmup = 1
    /// Operations per iteration of the single-operation driver tasks.
    var n = 2000
    /// Operations per iteration of the BSON tasks.
    var bsonN = 10000
    /// Documents of small_bulk_insert and find_many.
    var docs = 10000
    var tasks: Set<String>?
    /// Only this group's tasks (bson, driver, odm, indexer): `make bench` runs one group per server.
    var group: String?
    /// Objects per iteration of the small-model ODM tasks.
    var odmN = 1000
    /// Objects per iteration of the large flat model tasks (the document is 2.4 MB).
    var odmLargeN = 10
    /// Objects per iteration of the nested model tasks.
    var odmNestedN = 1000
    /// Posts of the indexer rows (the issue's size is 100,000).
    var indexerDocs = 12000
    /// Queries per iteration of the indexer rows.
    var indexerQueries = 2
    /// Timed iterations of the indexer rows (N+1: always one).
    var indexerIterations = 2
    /// JSON lines of the C run, to compute ratios.
    var baseline: String?
    /// Where the JSON lines of this run go (truncated first).
    var out: String?
    /// Whether server tasks run on the client's executor (`MongoClient.executor`), where
    /// driver calls run inline, or on Swift's default executor (one hand-off per call).
    var clientExecutor = true

    static let usage = """
        usage: nonrel-bench [--data DIR] [--uri URI] [--iterations K] [--warmup W] [--n N]
                            [--bson-n N] [--docs N] [--tasks a,b,...] [--group G] [--baseline C.jsonl] [--out FILE]
                            [--odm-n N] [--odm-large-n N] [--odm-nested-n N]
                            [--indexer-docs N] [--indexer-queries Q] [--indexer-iterations K]
                            [--executor client|default]

          --data DIR        directory holding driver-benchmark/ (default: ../shared/specs
                            relative to the repository root)
          --uri URI         server for the driver tasks (default: $NONREL_MONGO_URI)
          --iterations K    timed iterations per task (default 15 for BSON tasks, 5 for driver tasks)
          --warmup W        untimed iterations first (default 1)
          --n N             operations per iteration of insertOne/findOne/empty cursor (default 2000)
          --bson-n N        encodes/decodes per iteration of the BSON tasks (default 10000)
          --docs N          documents of small_bulk_insert and find_many (default 10000)
          --tasks LIST      comma-separated task names (default: all)
          --group G         only the tasks of group G: bson, driver, odm or indexer
          --odm-n N         objects per iteration of the small-model ODM tasks (default 1000; spec 10000)
          --odm-large-n N   objects per iteration of odm_large_* (default 10; spec 10000)
          --odm-nested-n N  objects per iteration of odm_nested_* (default 1000; spec 10000)
          --indexer-docs N  posts of the indexer rows (default 12000; the issue's size is 100000)
          --indexer-queries Q      queries per iteration of the indexer rows (default 2)
          --indexer-iterations K   timed iterations of the indexer rows (default 2, or --iterations; N+1 runs once)
          --baseline FILE   JSON lines of nonrel-c-bench for the same tasks: adds C ratios
          --out FILE        write this run's JSON lines (C baseline lines included) to FILE
          --executor E      where the server tasks run: `client` (default: a task preferring
                            MongoClient.executor, driver calls inline on the client's threads)
                            or `default` (Swift's executor: a thread hand-off per call)

        tasks: \(allTaskNames.joined(separator: " "))
        """

    static func parse(_ arguments: [String]) throws(BenchError) -> Options {
        var options = Options()
        var index = 0
        func value(_ flag: String) throws(BenchError) -> String {
            index += 1
            guard index < arguments.count else { throw BenchError("\(flag) needs a value") }
            return arguments[index]
        }
        func positive(_ flag: String, allowZero: Bool = false) throws(BenchError) -> Int {
            let text = try value(flag)
            guard let v = Int(text), v > 0 || (allowZero && v == 0), v <= 100_000_000 else {
                throw BenchError("\(flag) needs a positive integer, not \"\(text)\"")
            }
            return v
        }
        while index < arguments.count {
            let flag = arguments[index]
            switch flag {
            case "--data": options.dataDirectory = try value(flag)
            case "--uri": options.uri = try value(flag)
            case "--iterations": options.iterations = try positive(flag)
            case "--warmup": options.warmup = try positive(flag, allowZero: true)
            case "--n": options.n = try positive(flag)
            case "--bson-n": options.bsonN = try positive(flag)
            case "--docs": options.docs = try positive(flag)
            case "--baseline": options.baseline = try value(flag)
            case "--group":
                let g = try value(flag)
                guard taskGroups[g] != nil else { throw BenchError("unknown group \"\(g)\"; groups are bson, driver, odm, indexer") }
                options.group = g
            case "--odm-n": options.odmN = try positive(flag)
            case "--odm-large-n": options.odmLargeN = try positive(flag)
            case "--odm-nested-n": options.odmNestedN = try positive(flag)
            case "--indexer-docs": options.indexerDocs = try positive(flag)
            case "--indexer-queries": options.indexerQueries = try positive(flag)
            case "--indexer-iterations": options.indexerIterations = try positive(flag)
            case "--out": options.out = try value(flag)
            case "--executor":
                switch try value(flag) {
                case "client": options.clientExecutor = true
                case "default": options.clientExecutor = false
                case let other: throw BenchError("--executor takes client or default, not \(other)")
                }
            case "--tasks":
                let names = try value(flag).split(separator: ",").map(String.init)
                for name in names where !allTaskNames.contains(name) {
                    throw BenchError("unknown task \"\(name)\"; tasks are: \(allTaskNames.joined(separator: ", "))")
                }
                options.tasks = Set(names)
            case "--help", "-h":
                print(usage)
                exit(0)
            default:
                throw BenchError("unknown argument \(flag) (see --help)")
            }
            index += 1
        }
        return options
    }

    func wants(_ task: String) -> Bool {
        if let group, !(taskGroups[group]?.contains(task) ?? false) { return false }
        return tasks?.contains(task) ?? true
    }

    func iterations(bson: Bool) -> Int { iterations ?? (bson ? 15 : 5) }

    /// The directory holding `driver-benchmark/`, checked, with an error that says what to pass.
    func resolvedDataDirectory() throws(BenchError) -> URL {
        let fm = FileManager.default
        let candidate: URL
        if let dataDirectory {
            candidate = URL(fileURLWithPath: dataDirectory)
        } else {
            guard let root = Self.repositoryRoot() else {
                throw BenchError("cannot find the repository root (a directory with Benchmarks/Package.swift) from \(fm.currentDirectoryPath); pass --data DIR, where DIR holds driver-benchmark/")
            }
            candidate = root.deletingLastPathComponent().appendingPathComponent("shared/specs")
        }
        // Accept the driver-benchmark directory itself as well as its parent.
        for dir in [candidate, candidate.deletingLastPathComponent()] {
            let probe = dir.appendingPathComponent("driver-benchmark/extended_bson/flat_bson.json").path
            if fm.fileExists(atPath: probe) { return dir }
        }
        throw BenchError("""
            benchmark data not found: \(candidate.path)/driver-benchmark/extended_bson/flat_bson.json does not exist.
            Pass --data DIR, where DIR holds driver-benchmark/ (MongoDB's driver benchmark data sets: \
            extended_bson/{flat,deep,full}_bson.json and single_and_multi_document/{small_doc,large_doc,tweet}.json); \
            by default it is ../shared/specs next to the repository.
            """)
    }

    /// Walks up from the working directory, then from this source file, to the directory that
    /// holds `Benchmarks/Package.swift`.
    static func repositoryRoot() -> URL? {
        let fm = FileManager.default
        let starts = [
            URL(fileURLWithPath: fm.currentDirectoryPath),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent(),
        ]
        for start in starts {
            var dir = start.standardizedFileURL
            while true {
                if fm.fileExists(atPath: dir.appendingPathComponent("Benchmarks/Package.swift").path) { return dir }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        return nil
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

let bsonTaskNames = ["flat", "deep", "full"].flatMap { ["bson_\($0)_encode", "bson_\($0)_decode"] }
let driverTaskNames = ["small_insert_one", "find_one_by_id", "small_bulk_insert", "large_bulk_insert", "find_many", "empty_cursor"]
let odmTaskNames = ["odm_small_create", "odm_small_update", "odm_small_find_by_id", "odm_small_find_fk",
                    "odm_large_create", "odm_large_update",
                    "odm_nested_create", "odm_nested_update", "odm_nested_find_field", "odm_nested_find_array"]
let indexerTaskNames = ["indexer_icontains_native", "indexer_icontains_registered", "indexer_month_native", "indexer_month_registered",
                        "indexer_join_inmemory", "indexer_join_pushdown", "indexer_join_denormalized", "indexer_join_n_plus_1"]
let allTaskNames = bsonTaskNames + driverTaskNames + odmTaskNames + indexerTaskNames
let taskGroups: [String: [String]] = ["bson": bsonTaskNames, "driver": driverTaskNames, "odm": odmTaskNames, "indexer": indexerTaskNames]
