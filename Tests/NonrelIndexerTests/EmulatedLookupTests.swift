import Foundation
@testable import NonrelIndexer
import NonrelMemory
import Synchronization
import Testing

@Suite struct EmulatedLookupTests {
    @Test func everyRegisteredLookupReturnsWhatTheNativeLookupReturns() async throws {
        try await onEachLookupBackend { databases in
            try registerNoteLookups(databases.indexer)
            _ = try await Note.objects.ensureIndexes()
            try await Note.objects.bulkCreate(sampleNotes())
            var single = Note(title: "Single SAVE", body: "saved alone", created: date("2022-05-05T05:05:05Z"), day: nil, views: 0)
            try await single.save()
            try await expectAllLookupsMatchNative(databases)
            try await expectSameResults("title__iexact", "single save", databases)
            #expect(try await Note.objects.filter("title__icontains", "GLE sa").count() == 1)
        }
    }

    @Test func registeredConditionsAreRewrittenOntoHiddenFields() throws {
        let indexer = Indexer()
        try registerNoteLookups(indexer)
        let backend = IndexedBackend(wrapping: MemoryBackend(), indexer: indexer)
        let model = Note.descriptor
        func rewritten(_ column: String, _ op: LookupOperator, _ text: String) -> String {
            rewritten(column, nil, op, .string(text))
        }
        func rewritten(_ column: String, _ transform: Transform?, _ op: LookupOperator, _ value: Value) -> String {
            let field = model.field(column: column)!
            let condition = Condition(field: FieldPath(columns: [column], type: field.type, field: field), transform: transform, op: op, operand: .value(value))
            return "\(backend.emulatedLookup(condition, model: model))"
        }
        #expect(rewritten("title", .iexact, "ÉCLAIR").contains("_idx_title_folded"))
        #expect(rewritten("title", .iexact, "ÉCLAIR").contains("\"éclair\""))
        #expect(rewritten("title", .istartswith, "Éc").contains("_idx_title_folded"))
        #expect(rewritten("title", .endswith, "ir").contains("_idx_title_reversed"))
        #expect(rewritten("title", .iendswith, "IR").contains("_idx_title_ifolded_reversed"))
        #expect(rewritten("title", .icontains, "CLAi").contains("_idx_title_trigrams"))
        // Shorter than three characters: the native condition alone.
        #expect(!rewritten("title", .icontains, "CL").contains("_idx_"))
        #expect(rewritten("created", .month, .exact, .int(2)).contains("_idx_created_month"))
        #expect(rewritten("title", .regex, "^[A-Z]").contains("_idx_title_regex_"))
        // Not registered: left native.
        #expect(!rewritten("title", .regex, "^[a-z]").contains("_idx_"))
        #expect(!rewritten("title", .startswith, "É").contains("_idx_"))
        #expect(!rewritten("created", .quarter, .exact, .int(1)).contains("_idx_"))
    }

    @Test func hiddenFieldsNeverReachModelsOrValues() async throws {
        try await onEachLookupBackend { databases in
            try registerNoteLookups(databases.indexer)
            try await Note.objects.create(Note(title: "Éclair", body: "b", created: date("2024-02-29T10:00:00Z"), day: nil, views: 1))
            let rows = try await databases.backend.select(SelectQuery(model: Note.descriptor))
            #expect(rows.count == 1)
            #expect(!rows[0].keys.contains { $0.hasPrefix("_idx_") })
            let stored = try await databases.backend.base.select(SelectQuery(model: Note.descriptor))
            #expect(stored[0]["_idx_title_folded"] == .string("éclair"))
            #expect(stored[0]["_idx_title_reversed"] == .string("rialcÉ"))
            #expect(stored[0]["_idx_created_month"] == .int(2))
            #expect(stored[0]["_idx_created_week_day"] == .int(5))
            #expect(stored[0]["_idx_day_month"] == nil)
            let values = try await Note.objects.values().fetch()
            #expect(Set(values[0].keys) == ["id", "title", "body", "created", "day", "views"])
            #expect(!values[0].keys.contains { $0.hasPrefix("_idx_") })
            let note = try await Note.objects.get("title__iexact", "ÉCLAIR")
            #expect(note.title == "Éclair")
        }
    }

    @Test func updatesAndSavesKeepHiddenFieldsCurrent() async throws {
        try await onEachLookupBackend { databases in
            try registerNoteLookups(databases.indexer)
            try await Note.objects.bulkCreate(sampleNotes())
            // Constant assignments.
            try await Note.objects.filter("title__iexact", "éclair").update(["title": "Mille-feuille", "created": date("2010-10-10T10:10:10Z")])
            #expect(try await Note.objects.filter("title__icontains", "LLE-FEU").count() == 2)
            #expect(try await Note.objects.filter("title__iexact", "éclair").count() == 0)
            try await Note.objects.filter("title", "abc").update(["title": Value.null])
            // F() assignments: hidden fields are refreshed after the update.
            try await Note.objects.filter("views__lt", 3).update(["title": F("body")])
            #expect(try await Note.objects.filter("title__istartswith", "BODY É").count() == 2) // "body Éclair 0", "body éclair 1"
            // save() of a fetched model.
            var note = try await Note.objects.get("title__iexact", "straße")
            note.title = "Torte"
            note.created = nil
            try await note.save()
            #expect(try await Note.objects.filter("title__iendswith", "ORTE").count() == 1)
            try await expectAllLookupsMatchNative(databases)
        }
    }

    @Test func backfillComputesHiddenFieldsOfEarlierDocuments() async throws {
        try await onEachLookupBackend { databases in
            // Written before registration (and straight to the wrapped backend).
            try await Databases.$defaultAlias.withValue(databases.raw) { _ = try await Note.objects.bulkCreate(sampleNotes()) }
            try registerNoteLookups(databases.indexer)
            #expect(try await Note.objects.filter("title__iexact", "eclair").count() == 0) // not backfilled yet
            let calls = Calls()
            let report = try await databases.indexer.backfill(Note.self, using: databases.emulated, batchSize: 7) { done, total in
                calls.append(done, total)
            }
            #expect(report.scanned == noteTitles.count)
            #expect(report.written == noteTitles.count)
            #expect(report.indexes.created.contains("_idx_title_folded_1"))
            #expect(calls.values.map(\.0) == [7, 14, 21, noteTitles.count])
            #expect(calls.values.allSatisfy { $0.1 == noteTitles.count })
            try await expectAllLookupsMatchNative(databases)
            // Rerunning is safe and writes nothing; resuming after the last key reads nothing.
            let again = try await databases.indexer.backfill(Note.self, using: databases.emulated, batchSize: 500)
            #expect(again.scanned == noteTitles.count && again.written == 0)
            #expect(again.indexes.existing.contains("_idx_title_folded_1"))
            let resumed = try await databases.indexer.backfill(Note.self, using: databases.emulated, after: again.lastKey)
            #expect(resumed.scanned == 0)
            // A document changed behind the indexer's back is repaired by the next backfill.
            try await Note.objects.using(databases.raw).filter("title", "cba").update(["title": "Zabaglione"])
            #expect(try await databases.indexer.backfill(Note.self, using: databases.emulated).written == 1)
            #expect(try await Note.objects.filter("title__iexact", "ZABAGLIONE").count() == 1)
        }
    }

    @Test func registrationRejectsUnknownFieldsAndUnfitLookups() throws {
        let indexer = Indexer()
        #expect(throws: NonrelError.self) { try indexer.register(Note.self, ["titel": [.iexact]]) }
        do {
            try indexer.register(Note.self, ["titel": [.iexact]])
        } catch let error as NonrelError {
            #expect(error.kind == .fieldDoesNotExist)
            #expect(error.message.contains("\"title\""))
        }
        let unfit: [(String, EmulatedLookup)] = [
            ("title", .month), ("created", .iexact), ("views", .icontains), ("day", .date), ("day", .hour),
            ("title", .lookup(.gt)), ("created", .transform(.length)),
        ]
        for (field, lookup) in unfit {
            do {
                try indexer.register(Note.self, [field: [lookup]])
                Issue.record("\(field) \(lookup) was accepted")
            } catch let error as NonrelError {
                #expect(error.kind == .lookupDoesNotExist, "\(field) \(lookup)")
            }
        }
        #expect(throws: NonrelError.self) { try indexer.register(Note.self, field: "views", regex: "^1") }
        #expect(throws: NonrelError.self) { try indexer.register(Note.self, field: "title", regex: "(") }
        #expect(indexer.lookupRegistry.lookups(for: Note.descriptor) == nil)
    }

    @Test func textKeysFoldReverseAndSplitByScalar() {
        #expect(TextKeys.folded("ÉCLAIR Straße ẞ \u{212A}") == "éclair straße ß k")
        #expect(TextKeys.reversed("abé") == "éba")
        #expect(TextKeys.trigrams("abcabc") == ["abc", "bca", "cab"])
        #expect(TextKeys.trigrams("ab").isEmpty)
        let parts = UTCDateParts(date("1969-12-31T23:59:59.500Z"))
        #expect((parts.year, parts.month, parts.day, parts.weekdayFromSunday) == (1969, 12, 31, 3))
        let old = UTCDateParts(Date(timeIntervalSince1970: -14_826_648_600)) // proleptic Gregorian
        #expect((old.year, old.month, old.day) == (1500, 3, 1))
    }
}

/// Progress callbacks, recorded.
final class Calls: Sendable {
    private let storage = Mutex<[(Int, Int)]>([])
    func append(_ done: Int, _ total: Int) { storage.withLock { $0.append((done, total)) } }
    var values: [(Int, Int)] { storage.withLock { $0 } }
}
