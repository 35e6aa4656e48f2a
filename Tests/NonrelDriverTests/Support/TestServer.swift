import Foundation
import NonrelDriver
import Testing

/// The server the tests run against: `NONREL_TEST_MONGO_URI`. Without it the server-backed
/// tests are reported as skipped, and `ServerRequirementTests` fails the run when
/// `NONREL_REQUIRE_SERVER=1` (as CI sets it).
enum TestServer {
    static let uri: String? = {
        let value = ProcessInfo.processInfo.environment["NONREL_TEST_MONGO_URI"]
        return value?.isEmpty == false ? value : nil
    }()

    static var isAvailable: Bool { uri != nil }

    static var isRequired: Bool {
        ProcessInfo.processInfo.environment["NONREL_REQUIRE_SERVER"] == "1"
    }

    /// One client shared by the tests of the process, as an application would share one.
    static let client: MongoClient? = uri.flatMap { try? MongoClient($0, appName: "nonrel-tests") }

    /// A database with a unique name, dropped after `body`.
    static func withDatabase<R>(_ body: (MongoDatabase) async throws -> R) async throws -> R {
        let client = try #require(client, "NONREL_TEST_MONGO_URI is not set")
        let database = client.database("nonrel_test_\(UUID().uuidString.prefix(8).lowercased())")
        do {
            let result = try await body(database)
            try? await database.drop()
            return result
        } catch {
            try? await database.drop()
            throw error
        }
    }
}

/// Trait for tests that need the real server.
let requiresServer = Testing.ConditionTrait.enabled(
    if: TestServer.isAvailable,
    "needs a MongoDB server: set NONREL_TEST_MONGO_URI (make test starts one)")

@Suite struct ServerRequirementTests {
    @Test func serverIsConfiguredWhenRequired() {
        if TestServer.isRequired {
            #expect(TestServer.isAvailable, "NONREL_REQUIRE_SERVER=1 but NONREL_TEST_MONGO_URI is not set: the server-backed tests did not run")
        } else if !TestServer.isAvailable {
            print("⚠️  NONREL_TEST_MONGO_URI is not set: every server-backed test is SKIPPED. Run `make test` to start a server.")
        }
    }
}
