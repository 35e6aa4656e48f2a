@_exported import Nonrel
import Foundation

/// The backend conformance suite: every case written once against the public ORM API and run
/// against every backend. Any difference between backends is a bug in one of them.
///
/// ```swift
/// @Test(arguments: ConformanceSuite.cases)
/// func memory(_ c: ConformanceCase) async throws {
///     try await ConformanceSuite.run(c, on: MemoryBackend())
/// }
/// ```
public enum ConformanceSuite {
    /// Every case, grouped by area (the first component of the name).
    public static var cases: [ConformanceCase] { all }

    private static let all: [ConformanceCase] = {
        let groups: [[ConformanceCase]] = [
            StringLookupCases.cases,
            NumberLookupCases.cases,
            OtherTypeLookupCases.cases,
            DateLookupCases.cases,
            NullCases.cases,
            NegationCases.cases,
            CollectionCases.cases,
            EmbeddedCases.cases,
            RelationCases.cases,
            ReverseRelationCases.cases,
            JoinCases.cases,
            KeyPathQueryCases.cases,
            OrderingCases.cases,
            SlicingCases.cases,
            UpdateCases.cases,
            AggregateCases.cases,
            WriteCases.cases,
            ErrorCases.cases,
            HookCases.cases,
        ]
        let cases = groups.flatMap { $0 }
        var seen = Set<String>()
        for c in cases where !seen.insert(c.name).inserted {
            preconditionFailure("duplicate conformance case name \(c.name)")
        }
        return cases
    }()

    /// Case counts per area.
    public static var areas: [(area: String, count: Int)] {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for c in cases {
            if counts[c.area] == nil { order.append(c.area) }
            counts[c.area, default: 0] += 1
        }
        return order.map { ($0, counts[$0]!) }
    }

    /// Runs one case against `backend` (which must be fresh and empty), bound as the default
    /// database under a unique alias for the duration of the case.
    public static func run(_ conformanceCase: ConformanceCase, on backend: any DatabaseBackend) async throws {
        let alias = "conformance-\(UUID().uuidString.lowercased())"
        Databases.register(alias: alias, backend: backend)
        try await Databases.$defaultAlias.withValue(alias) {
            try await conformanceCase.run()
        }
    }

    /// Runs one case against a backend made for it; `cleanUp` runs afterwards whether the
    /// case passed or not (drop the database there).
    public static func run(
        _ conformanceCase: ConformanceCase,
        makeBackend: @Sendable () async throws -> any DatabaseBackend,
        cleanUp: @Sendable (any DatabaseBackend) async -> Void = { _ in }
    ) async throws {
        let backend = try await makeBackend()
        do {
            try await run(conformanceCase, on: backend)
        } catch {
            await cleanUp(backend)
            throw error
        }
        await cleanUp(backend)
    }
}

extension ConformanceSuite {
    /// The models the cases use, for an indexer that registers emulated lookups on them (the
    /// cases must return the same results with lookups emulated).
    public static var models: (post: any Model.Type, author: any Model.Type, tag: any Model.Type) {
        (Post.self, Author.self, Tag.self)
    }
}
