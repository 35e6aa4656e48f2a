import Foundation
@testable import NonrelIndexer
import NonrelDriver
import NonrelMemory
import NonrelMongo
import Testing

struct Note: Model {
    var id: String?
    var title: String?
    var body: String
    var created: Date?
    var day: Date?
    var views: Int
    static let schema = Schema<Note>("notes") {
        Field("title", \.title, blank: true)
        Field("body", \.body, type: .text, column: "body_text")
        Field("created", \.created)
        Field("day", \.day, type: .date)
        Field("views", \.views)
    }
}

/// Three aliases on one database: `emulated` goes through an indexer with registered lookups,
/// `native` through an indexer without any (so every lookup runs natively), `raw` straight to
/// the wrapped backend (writes that bypass the indexer).
struct LookupDatabases {
    let emulated: String
    let native: String
    let raw: String
    let indexer: Indexer
    let backend: IndexedBackend
    /// The MongoDB database, when the backend is MongoDB.
    let mongo: MongoDatabase?
    let label: String
}

/// Runs `body` on a fresh database of each backend (MongoDB when a server is configured).
func onEachLookupBackend(_ body: (LookupDatabases) async throws -> Void) async throws {
    var backends: [(String, any DatabaseBackend, MongoDatabase?, () async throws -> Void)] = [("memory", MemoryBackend(), nil, {})]
    if let uri = ProcessInfo.processInfo.environment["NONREL_TEST_MONGO_URI"] {
        let client = try MongoClient(uri)
        let name = "nonrel_lookups_\(UUID().uuidString.prefix(8).lowercased())"
        backends.append(("mongodb", MongoBackend(client: client, database: name), client.database(name), { try await client.database(name).drop() }))
    }
    for (label, base, mongo, cleanup) in backends {
        let suffix = "\(label)-\(UUID())"
        let indexer = Indexer()
        let backend = IndexedBackend(wrapping: base, indexer: indexer)
        let databases = LookupDatabases(
            emulated: "emulated-\(suffix)", native: "native-\(suffix)", raw: "raw-\(suffix)",
            indexer: indexer, backend: backend, mongo: mongo, label: label)
        Databases.register(alias: databases.emulated, backend: backend)
        Databases.register(alias: databases.native, backend: IndexedBackend(wrapping: base, indexer: Indexer()))
        Databases.register(alias: databases.raw, backend: base)
        defer {
            for alias in [databases.emulated, databases.native, databases.raw] { Databases.unregister(alias: alias) }
        }
        try await Databases.$defaultAlias.withValue(databases.emulated) { try await body(databases) }
        try await cleanup()
    }
}

/// Titles covering case, non-ASCII letters, metacharacters, short and empty text, nil.
let noteTitles: [String?] = [
    "Éclair", "éclair", "ECLAIR", "eclair au café", "Crème brûlée", "CRÈME BRÛLÉE", "a.b*c", "A.B*C", "x(a.b*c)",
    "(x)[y]{z}^$|?+\\", "abc\n", "abc", "ABC", "ab", "Straße", "STRASSE", "naïve CAFÉ", "", "  spaced  ", "x", nil, nil,
    "bcabcabc", "ÉÉÉ", "Kelvin", "cba",
]

/// Needles for the text lookups: shorter than three characters, metacharacters, non-ASCII.
let noteNeedles = [
    "é", "É", "éc", "ÉCL", "eclair", "ECLAIR", "a.b", "*c", "a.b*c", "abc", "ab", "b", "", "x", "(x)", "^$", "|?+\\",
    "brûlée", "RÛLÉ", "ß", "sse", "naïve", "CAFÉ", "\n", "abc\n", "cab", "éé", "ÉÉÉ", " ", "spaced  ", "zzz",
]

let noteDates: [Date?] = [
    date("2024-02-29T23:59:59.999Z"), date("2024-03-01T00:00:00Z"), date("2023-01-01T12:00:00Z"),
    date("1969-12-31T23:59:59.500Z"), date("1500-03-01T06:30:00Z"), date("2000-12-31T18:45:10Z"),
    date("2021-07-04T00:00:00Z"), nil,
]

func date(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let date = formatter.date(from: text) { return date }
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.date(from: text)!
}

func sampleNotes() -> [Note] {
    noteTitles.enumerated().map { index, title in
        let created = noteDates[index % noteDates.count]
        return Note(title: title, body: "body \(title ?? "none") \(index)", created: created, day: created, views: index)
    }
}

/// Expects `lookup = value` (filter, exclude and count) to select the same notes through the
/// indexer with registered lookups as natively.
func expectSameResults(_ lookup: String, _ value: some QueryValue, _ databases: LookupDatabases,
                       sourceLocation: SourceLocation = #_sourceLocation) async throws {
    func ids(_ alias: String, exclude: Bool) async throws -> [String] {
        let query = Note.objects.using(alias)
        let selected = exclude ? query.exclude(lookup, value) : query.filter(lookup, value)
        return try await selected.fetch().compactMap(\.id).sorted()
    }
    for exclude in [false, true] {
        let native = try await ids(databases.native, exclude: exclude)
        let emulated = try await ids(databases.emulated, exclude: exclude)
        #expect(native == emulated, "\(databases.label): \(exclude ? "exclude" : "filter")(\(lookup), \(value))", sourceLocation: sourceLocation)
    }
    let nativeCount = try await Note.objects.using(databases.native).filter(lookup, value).count()
    let emulatedCount = try await Note.objects.using(databases.emulated).filter(lookup, value).count()
    #expect(nativeCount == emulatedCount, "\(databases.label): count(\(lookup), \(value))", sourceLocation: sourceLocation)
}

/// Every registered text lookup with every needle, and the date transforms.
func expectAllLookupsMatchNative(_ databases: LookupDatabases, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    for op in ["iexact", "istartswith", "endswith", "iendswith", "contains", "icontains"] {
        for needle in noteNeedles {
            try await expectSameResults("title__\(op)", needle, databases, sourceLocation: sourceLocation)
        }
    }
    try await expectSameResults("title__regex", "^[A-Z]", databases, sourceLocation: sourceLocation)
    try await expectSameResults("title__iregex", "^é", databases, sourceLocation: sourceLocation)
    try await expectSameResults("body__icontains", "CAFÉ", databases, sourceLocation: sourceLocation)
    try await expectSameResults("body__iexact", "BODY X 19", databases, sourceLocation: sourceLocation)
    for (lookup, value) in [("created__year", 2024), ("created__year__gte", 2000), ("created__year__lt", 1970), ("created__month", 2),
                            ("created__month", 12), ("created__day", 29), ("created__week_day", 1), ("created__week_day", 5),
                            ("created__iso_week_day", 7), ("created__iso_week_day", 4), ("created__hour", 23), ("day__year", 1500),
                            ("day__month__lte", 3), ("day__week_day", 6)] {
        try await expectSameResults(lookup, value, databases, sourceLocation: sourceLocation)
    }
    try await expectSameResults("created__year__in", [1969, 1500], databases, sourceLocation: sourceLocation)
    try await expectSameResults("created__month__range", [3, 7], databases, sourceLocation: sourceLocation)
    try await expectSameResults("created__date", date("2024-02-29T00:00:00Z"), databases, sourceLocation: sourceLocation)
    try await expectSameResults("created__date__gt", date("2021-07-04T00:00:00Z"), databases, sourceLocation: sourceLocation)
}

/// Registers the lookups the tests emulate.
func registerNoteLookups(_ indexer: Indexer) throws {
    try indexer.register(Note.self, [
        "title": [.iexact, .istartswith, .endswith, .iendswith, .contains, .icontains],
        "body": [.icontains, .iexact],
        "created": [.year, .month, .day, .weekDay, .isoWeekDay, .hour, .date],
        "day": [.year, .month, .weekDay],
    ])
    try indexer.register(Note.self, field: "title", regex: "^[A-Z]")
    try indexer.register(Note.self, field: "title", regex: "^é", caseInsensitive: true)
}
