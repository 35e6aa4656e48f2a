import Foundation
import NonrelConformance
import NonrelDriver
import NonrelIndexer
import NonrelMemory
import NonrelMongo
import Testing

/// The whole conformance suite with the indexer on: every case must still pass, and the JOIN
/// cases now run their queries instead of expecting `needsIndexer`.
@Suite struct IndexedConformanceTests {
    @Test(arguments: ConformanceSuite.cases)
    func indexedMemory(_ conformanceCase: ConformanceCase) async throws {
        try await ConformanceSuite.run(conformanceCase, on: IndexedBackend(wrapping: MemoryBackend(), indexer: Indexer()))
    }

    static let client: MongoClient? = ProcessInfo.processInfo.environment["NONREL_TEST_MONGO_URI"].flatMap { try? MongoClient($0) }

    @Test(.enabled(if: client != nil, "needs NONREL_TEST_MONGO_URI"), arguments: ConformanceSuite.cases)
    func indexedMongo(_ conformanceCase: ConformanceCase) async throws {
        let client = try #require(Self.client)
        let name = "nonrel_iconf_\(UUID().uuidString.prefix(12).lowercased())"
        try await ConformanceSuite.run(
            conformanceCase,
            makeBackend: { IndexedBackend(wrapping: MongoBackend(client: client, database: name), indexer: Indexer()) },
            cleanUp: { _ in try? await client.database(name).drop() })
    }
}
