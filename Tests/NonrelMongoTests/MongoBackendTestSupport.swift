import Foundation
import Testing
import NonrelBSON
import NonrelDriver
@testable import NonrelMongo

/// Server-backed tests run when `NONREL_TEST_MONGO_URI` is set; each uses its own database and
/// drops it afterwards.
enum MongoServer {
    static let uri = ProcessInfo.processInfo.environment["NONREL_TEST_MONGO_URI"].flatMap { $0.isEmpty ? nil : $0 }
    static var available: Bool { uri != nil }
    static let client: MongoClient? = uri.flatMap { try? MongoClient($0) }

    static func withBackend(_ body: (MongoBackend, MongoDatabase) async throws -> Void) async throws {
        let client = try #require(client)
        let name = "nonrel_mongo_" + UUID().uuidString.prefix(8).lowercased()
        let backend = MongoBackend(client: client, database: name)
        do {
            try await body(backend, client.database(name))
        } catch {
            try? await client.database(name).drop()
            throw error
        }
        try await client.database(name).drop()
    }
}

extension MongoBackend {
    /// The values of `column` of the rows a filter selects, ordered by `_id`.
    func values(_ column: String, _ filter: FilterNode, model: ModelDescriptor = Fixture.model) async throws -> [Value] {
        let rows = try await select(SelectQuery(model: model, filter: filter, ordering: [SortKey(field: Fixture.path("id", in: model), descending: false)]))
        return rows.map { $0[column] ?? .null }
    }
}
