import Foundation
import NonrelConformance
import NonrelDriver
import NonrelIndexer
import NonrelMemory
import NonrelMongo
import Testing

/// The whole conformance suite with the indexer on: every case must still pass, with the text
/// lookups and date transforms of the posts' text and date fields emulated on hidden fields,
/// and the JOIN cases running their queries instead of expecting `needsIndexer`.
@Suite struct IndexedConformanceTests {
    /// An indexer emulating every lookup it can on the conformance models' text and date fields.
    static func makeIndexer() throws -> Indexer {
        let indexer = Indexer()
        let text: [EmulatedLookup] = [.iexact, .istartswith, .endswith, .iendswith, .contains, .icontains]
        let dates: [EmulatedLookup] = [.year, .month, .day, .weekDay, .isoWeekDay, .quarter]
        let models = ConformanceSuite.models
        try indexer.register(models.post, ["title": text, "body": text, "created": dates + [.hour, .minute, .second, .date], "day": dates])
        try indexer.register(models.author, ["name": text])
        try indexer.register(models.tag, ["name": text])
        return indexer
    }

    @Test(arguments: ConformanceSuite.cases)
    func indexedMemory(_ conformanceCase: ConformanceCase) async throws {
        try await ConformanceSuite.run(conformanceCase, on: IndexedBackend(wrapping: MemoryBackend(), indexer: try Self.makeIndexer()))
    }

    static let client: MongoClient? = ProcessInfo.processInfo.environment["NONREL_TEST_MONGO_URI"].flatMap { try? MongoClient($0) }

    @Test(.enabled(if: client != nil, "needs NONREL_TEST_MONGO_URI"), arguments: ConformanceSuite.cases)
    func indexedMongo(_ conformanceCase: ConformanceCase) async throws {
        let client = try #require(Self.client)
        let name = "nonrel_iconf_\(UUID().uuidString.prefix(12).lowercased())"
        try await ConformanceSuite.run(
            conformanceCase,
            makeBackend: { IndexedBackend(wrapping: MongoBackend(client: client, database: name), indexer: try Self.makeIndexer()) },
            cleanUp: { _ in try? await client.database(name).drop() })
    }
}

@Suite struct IndexedConformanceSetupTests {
    /// The indexed runs really store (and so query) hidden fields for the registered lookups.
    @Test func registeredLookupsAreStoredAsHiddenFields() async throws {
        let memory = MemoryBackend()
        let indexed = IndexedBackend(wrapping: memory, indexer: try IndexedConformanceTests.makeIndexer())
        let loading = try #require(ConformanceSuite.cases.first { $0.name.hasPrefix("lookups.") })
        try await ConformanceSuite.run(loading, on: indexed)
        let rows = try await memory.select(SelectQuery(model: ConformanceSuite.models.post.descriptor))
        #expect(!rows.isEmpty)
        let keys = Set(rows.flatMap(\.keys))
        #expect(keys.contains("_idx_title_folded") && keys.contains("_idx_title_trigrams") && keys.contains("_idx_created_month"))
    }
}
