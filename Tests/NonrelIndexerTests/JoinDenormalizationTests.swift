import Foundation
import Nonrel
import NonrelIndexer
import Testing

/// Denormalized copies: filled on writes, kept current when the related objects change.
@Suite struct JoinDenormalizationTests {
    /// The titles matching `lookup` through the copy, checked against the in-memory JOIN.
    func titles(_ lookup: String, _ value: String) async throws -> [String] {
        let copied = try await Story.objects.filter(lookup, value).joinStrategy(.denormalized).fetch().map(\.title)
        let joined = try await Story.objects.filter(lookup, value).joinStrategy(.inMemory).fetch().map(\.title)
        #expect(copied == joined, "\(lookup) = \(value): the copy disagrees with the join")
        return copied
    }

    @Test func copiesFollowEveryChange() async throws {
        try await onEachCountedBackend { harness in
            try harness.indexer.denormalize(Story.self, "writer__username")
            try harness.indexer.denormalize(Story.self, "writer__country__name")
            let fixture = try await makeStories()
            #expect(try await titles("writer__username", "rosa") == ["Cusco", "Lima"])

            // Saving the related object rewrites the copies.
            var rosa = fixture.writers[1]
            rosa.username = "rosa2"
            try await rosa.save()
            #expect(try await titles("writer__username", "rosa") == [])
            #expect(try await titles("writer__username", "rosa2") == ["Cusco", "Lima"])

            // update() on the related model, and on the second level of a path.
            try await Writer.objects.filter("username", "émile").update(["username": "emil"])
            #expect(try await titles("writer__username", "emil") == ["Paris"])
            try await Country.objects.filter("name", "Peru").update(["name": "Perú"])
            #expect(try await titles("writer__country__name", "Perú") == ["Cusco", "Lima"])

            // A writer moving country, a story changing writer, a new story, a save of a story.
            try await Writer.objects.filter("username", "emil").update(["country": fixture.countries[1].id!])
            #expect(try await titles("writer__country__name", "Perú") == ["Cusco", "Lima", "Paris"])
            try await Story.objects.filter("title", "Orphan").update(["writer": rosa.id!])
            #expect(try await titles("writer__username", "rosa2") == ["Cusco", "Lima", "Orphan"])
            var fresh = try await Story.objects.create(Story(title: "Arequipa", writer: try ForeignKey(rosa), topics: ManyToMany(), views: 2))
            #expect(try await titles("writer__country__name", "Perú") == ["Arequipa", "Cusco", "Lima", "Orphan", "Paris"])
            fresh.writer = try ForeignKey(fixture.writers[2])
            try await fresh.save()
            #expect(try await titles("writer__username", "nobody") == ["Arequipa", "Blank"])

            // Deleting the related object clears the copies, as the join would not match.
            try await Writer.objects.filter("username", "nobody").delete()
            #expect(try await titles("writer__username", "nobody") == [])

            let trips = try await harness.roundTrips { _ = try await Story.objects.filter("writer__country__name", "Perú").fetch() }
            #expect(trips == 1, "\(harness.label): one query through the copy")
        }
    }

    @Test func onlyForeignKeyPathsToPlainFields() async throws {
        let indexer = Indexer()
        #expect(throws: NonrelError.self) { try indexer.denormalize(Story.self, "title") }
        #expect(throws: NonrelError.self) { try indexer.denormalize(Story.self, "topics__name") }
        #expect(throws: NonrelError.self) { try indexer.denormalize(Story.self, "writer__country") }
        #expect(throws: NonrelError.self) { try indexer.denormalize(Story.self, "writer__nickname") }
        let copy = try indexer.denormalize(Story.self, "writer__country__name")
        #expect(copy.column == "_denorm_writer__country__name" && indexer.denormalizations.count == 1)
    }

    @Test func rebuildFillsRowsWrittenBeforeRegistration() async throws {
        try await onEachCountedBackend { harness in
            try await makeStories()
            try harness.indexer.denormalize(Story.self, "writer__username")
            let backend = try Databases.backend(Databases.defaultAlias) as! IndexedBackend
            #expect(try await Story.objects.filter("writer__username", "rosa").joinStrategy(.denormalized).count() == 0)
            try await backend.rebuildDenormalized(Story.descriptor)
            #expect(try await titles("writer__username", "rosa") == ["Cusco", "Lima"])
        }
    }
}
