import Foundation
import Nonrel
import NonrelIndexer
import NonrelMemory
import NonrelMongo
import NonrelDriver
import Synchronization
import Testing

struct Topic: Model {
    var id: String?
    var name: String
    static let schema = Schema<Topic>("topics", ordering: ["name"]) { Field("name", \.name) }
}

struct Story: Model {
    var id: String?
    var title: String
    var writer: ForeignKey<Writer>?
    var topics: ManyToMany<Topic>
    var views: Int
    static let schema = Schema<Story>("stories", ordering: ["title"]) {
        Field("title", \.title)
        Field("writer", \.writer, relatedName: "stories")
        Field("topics", \.topics, blank: true)
        Field("views", \.views)
    }
}

/// A test backend counting the calls (round trips) that reach the wrapped backend.
final class CountingBackend: JoinPushdownBackend {
    let base: any DatabaseBackend
    private let calls = Mutex(0)

    init(_ base: any DatabaseBackend) { self.base = base }

    var count: Int { calls.withLock { $0 } }
    func reset() { calls.withLock { $0 = 0 } }
    private func tick() { calls.withLock { $0 += 1 } }

    var features: BackendFeatures { base.features }
    var supportsJoinPushdown: Bool { (base as? any JoinPushdownBackend)?.supportsJoinPushdown ?? false }

    func insert(_ rows: [Row], into model: ModelDescriptor) async throws -> [String] { tick(); return try await base.insert(rows, into: model) }
    func save(_ row: Row, into model: ModelDescriptor) async throws { tick(); try await base.save(row, into: model) }
    func select(_ query: SelectQuery) async throws -> [Row] { tick(); return try await base.select(query) }
    func count(_ query: SelectQuery) async throws -> Int { tick(); return try await base.count(query) }
    func update(_ query: UpdateQuery) async throws -> Int { tick(); return try await base.update(query) }
    func delete(_ query: DeleteQuery) async throws -> Int { tick(); return try await base.delete(query) }
    func aggregate(_ query: AggregateQuery) async throws -> [Row] { tick(); return try await base.aggregate(query) }
    func ensureIndexes(for model: ModelDescriptor) async throws -> IndexReport { tick(); return try await base.ensureIndexes(for: model) }
    func drop(_ model: ModelDescriptor) async throws { tick(); try await base.drop(model) }
    func selectJoined(_ query: SelectQuery, including inclusions: [RelatedInclusion]) async throws -> [JoinedRow] {
        tick(); return try await (base as! any JoinPushdownBackend).selectJoined(query, including: inclusions)
    }
    func countJoined(_ query: SelectQuery) async throws -> Int { tick(); return try await (base as! any JoinPushdownBackend).countJoined(query) }
    func aggregateJoined(_ query: AggregateQuery) async throws -> [Row] { tick(); return try await (base as! any JoinPushdownBackend).aggregateJoined(query) }
}

/// One backend under test: its label, the counter in front of the stored data, the indexer.
struct JoinHarness {
    let label: String
    let counter: CountingBackend
    let indexer: Indexer
    var isMongo: Bool { label == "mongodb" }

    /// How many round trips `body` makes.
    func roundTrips(_ body: () async throws -> Void) async throws -> Int {
        counter.reset()
        try await body()
        return counter.count
    }
}

/// Runs `body` on a fresh indexed database of each backend, with a round-trip counter.
func onEachCountedBackend(_ body: (JoinHarness) async throws -> Void) async throws {
    ModelRegistry.register(Country.self, Writer.self, Article.self, Topic.self, Story.self)
    var backends: [(String, any DatabaseBackend, () async throws -> Void)] = [("memory", MemoryBackend(), {})]
    if let uri = ProcessInfo.processInfo.environment["NONREL_TEST_MONGO_URI"] {
        let client = try MongoClient(uri)
        let name = "nonrel_joins_\(UUID().uuidString.prefix(8).lowercased())"
        backends.append(("mongodb", MongoBackend(client: client, database: name), { try await client.database(name).drop() }))
    }
    for (label, backend, cleanup) in backends {
        let alias = "joins-\(label)-\(UUID())"
        let counter = CountingBackend(backend)
        let indexer = Indexer()
        Databases.register(alias: alias, backend: IndexedBackend(wrapping: counter, indexer: indexer))
        defer { Databases.unregister(alias: alias) }
        try await Databases.$defaultAlias.withValue(alias) { try await body(JoinHarness(label: label, counter: counter, indexer: indexer)) }
        try await cleanup()
    }
}

/// Countries, writers (one without a country), topics and stories (one without a writer).
@discardableResult
func makeStories() async throws -> (countries: [Country], writers: [Writer], topics: [Topic], stories: [Story]) {
    let countries = try await Country.objects.bulkCreate([Country(name: "France"), Country(name: "Peru")])
    let writers = try await Writer.objects.bulkCreate([
        Writer(username: "émile", country: try ForeignKey(countries[0])),
        Writer(username: "rosa", country: try ForeignKey(countries[1])),
        Writer(username: "nobody", country: nil),
    ])
    let topics = try await Topic.objects.bulkCreate([Topic(name: "travel"), Topic(name: "food"), Topic(name: "art")])
    func tags(_ indexes: Int...) -> ManyToMany<Topic> { ManyToMany(ids: indexes.map { topics[$0].id! }) }
    let stories = try await Story.objects.bulkCreate([
        Story(title: "Paris", writer: try ForeignKey(writers[0]), topics: tags(0, 2), views: 10),
        Story(title: "Lima", writer: try ForeignKey(writers[1]), topics: tags(0, 1), views: 30),
        Story(title: "Cusco", writer: try ForeignKey(writers[1]), topics: tags(1), views: 5),
        Story(title: "Orphan", writer: nil, topics: tags(), views: 50),
        Story(title: "Blank", writer: try ForeignKey(writers[2]), topics: tags(2), views: 1),
    ])
    return (countries, writers, topics, stories)
}
