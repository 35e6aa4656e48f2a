import Foundation
@testable import NonrelIndexer
import NonrelBSON
import NonrelDriver
import NonrelMongo
import Testing

/// The rewritten queries use the hidden fields' indexes: `explain` (query planner) of the
/// filter the MongoDB compiler emits must win with an `IXSCAN` on the hidden field's index.
///
/// On mongod every rewrite does. The local test server (SecantusDB, `serverInfo.host` is
/// `"secantus"`) plans only filters of one field with equality or `$gt`/`$gte`/`$lt`/`$lte`
/// operators: for an anchored `$regex` prefix (`istartswith`, `endswith`, `iendswith`) and for
/// any top-level `$and` (the trigram `$all` joined with the verifying native condition) its
/// winning plan is `COLLSCAN`. There the test asserts `IXSCAN` for equality and range rewrites
/// (`iexact`, date parts, registered regexes) and, for the others, the filter's shape: a
/// case-sensitive anchored regex, or `$all`, on the hidden field.
@Suite struct EmulatedLookupExplainTests {
    @Test func rewrittenQueriesScanTheHiddenFieldIndexes() async throws {
        try await onEachLookupBackend { databases in
            guard let mongo = databases.mongo else { return }
            try registerNoteLookups(databases.indexer)
            try await Note.objects.bulkCreate(sampleNotes())
            _ = try await Note.objects.ensureIndexes()
            let regexIndex = HiddenField(source: Note.descriptor.field(named: "title")!, kind: .regex(pattern: "^[A-Z]", caseInsensitive: false)).column + "_1"
            // (field, transform, lookup, value, index, shape of the rewritten filter, planned by SecantusDB)
            let cases: [(String, Transform?, LookupOperator, Value, String, String, Bool)] = [
                ("title", nil, .iexact, "ÉCLAIR", "_idx_title_folded_1", #"{"_idx_title_folded":{"$eq":"éclair"}}"#, true),
                ("title", nil, .istartswith, "Écl", "_idx_title_folded_1", #"{"_idx_title_folded":{"$regex":"^écl"}}"#, false),
                ("title", nil, .endswith, "air", "_idx_title_reversed_1", #"{"_idx_title_reversed":{"$regex":"^ria"}}"#, false),
                ("title", nil, .iendswith, "AIR", "_idx_title_ifolded_reversed_1", #"{"_idx_title_ifolded_reversed":{"$regex":"^ria"}}"#, false),
                ("title", nil, .icontains, "CLAI", "_idx_title_trigrams_1", #"{"$and":[{"_idx_title_trigrams":{"$all":["cla","lai"]}},{"title":{"$regex":"CLAI","$options":"i"}}]}"#, false),
                ("title", nil, .contains, "a.b*c", "_idx_title_trigrams_1", #"{"$and":[{"_idx_title_trigrams":{"$all":["a.b",".b*","b*c"]}},{"title":{"$regex":"a\\.b\\*c"}}]}"#, false),
                ("created", .month, .exact, .int(2), "_idx_created_month_1", #"{"_idx_created_month":{"$eq":2}}"#, true),
                ("created", .year, .range, .array([.int(2000), .int(2024)]), "_idx_created_year_1", #"{"_idx_created_year":{"$gte":2000,"$lte":2024}}"#, true),
                ("title", nil, .regex, "^[A-Z]", regexIndex, "{\"\(regexIndex.dropLast(2))\":{\"$eq\":true}}", true),
            ]
            for (column, transform, op, value, index, shape, plannedBySecantus) in cases {
                let field = Note.descriptor.field(column: column)!
                let condition = Condition(field: FieldPath(columns: [column], type: field.type, field: field), transform: transform, op: op, operand: .value(value))
                let filter = try MongoQueryCompiler.filter(try await databases.backend.rewrite(.condition(condition), model: Note.descriptor))
                let explained = try await mongo.runCommand([
                    "explain": ["find": .string(Note.descriptor.collection), "filter": .document(filter)],
                    "verbosity": "queryPlanner",
                ])
                let label = "\(column) \(transform?.rawValue ?? "") \(op.rawValue) \(value)"
                #expect(Self.json(filter) == shape, "\(label)")
                let scans = explained[path: "queryPlanner.winningPlan"]?.documentValue.map(Self.indexScans) ?? []
                let secantus = explained[path: "serverInfo.host"]?.stringValue == "secantus"
                if !secantus || plannedBySecantus {
                    #expect(scans.contains(index), "\(label): \(explained)")
                }
                // Hinted, every hidden index serves its rewrite (SecantusDB included).
                let hinted = try await mongo.runCommand([
                    "explain": ["find": .string(Note.descriptor.collection), "filter": .document(filter), "hint": .string(index)],
                    "verbosity": "queryPlanner",
                ])
                let hintedScans = hinted[path: "queryPlanner.winningPlan"]?.documentValue.map(Self.indexScans) ?? []
                #expect(hintedScans.contains(index), "\(label) hinted")
                // And the query returns what the native lookup returns.
                let collection = mongo.collection(Note.descriptor.collection)
                let native = try await collection.countDocuments(try MongoQueryCompiler.filter(.condition(condition)))
                #expect(try await collection.countDocuments(filter) == native, "\(label) count")
            }
        }
    }

    /// Relaxed extended JSON without whitespace.
    static func json(_ document: BSONDocument) -> String {
        document.relaxedExtendedJSON.filter { $0 != " " && $0 != "\n" }
    }

    /// The index names of every `IXSCAN` stage in a plan.
    static func indexScans(_ plan: BSONDocument) -> [String] {
        var names: [String] = []
        if plan["stage"]?.stringValue == "IXSCAN", let name = plan["indexName"]?.stringValue { names.append(name) }
        for value in plan.values {
            if let child = value.documentValue { names += indexScans(child) }
            for item in value.arrayValue ?? [] { if let child = item.documentValue { names += indexScans(child) } }
        }
        return names
    }
}
