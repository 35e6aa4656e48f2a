import Foundation
import NonrelConformance
import NonrelDriver
import NonrelMongo
import Testing

/// The server the conformance suite runs against: `NONREL_TEST_MONGO_URI` (skipped without it).
enum ConformanceServer {
    static let uri = ProcessInfo.processInfo.environment["NONREL_TEST_MONGO_URI"].flatMap { $0.isEmpty ? nil : $0 }
    static let client: MongoClient? = uri.flatMap { try? MongoClient($0, appName: "nonrel-conformance") }
}

/// The backend conformance suite on MongoDB: each case gets its own database, dropped after.
@Suite struct MongoConformanceTests {
    @Test(.enabled(if: ConformanceServer.client != nil, "needs a MongoDB server: set NONREL_TEST_MONGO_URI"),
          arguments: ConformanceSuite.cases)
    func mongo(_ conformanceCase: ConformanceCase) async throws {
        let client = try #require(ConformanceServer.client)
        let name = "nonrel_conf_" + UUID().uuidString.prefix(12).lowercased()
        try await ConformanceSuite.run(
            conformanceCase,
            makeBackend: { MongoBackend(client: client, database: name) },
            cleanUp: { _ in try? await client.database(name).drop() })
    }
}

@Suite struct ConformanceSuiteInventory {
    /// Prints the number of cases per area (and checks the suite is not empty).
    @Test func areas() {
        let areas = ConformanceSuite.areas
        print("conformance cases: \(ConformanceSuite.cases.count) — " + areas.map { "\($0.area) \($0.count)" }.joined(separator: ", "))
        #expect(ConformanceSuite.cases.count >= 200)
    }
}
