import CMongoC
import NonrelBSON

extension MongoURI {
    /// The write concern a connection string asks for (`w`, `wtimeoutMS`, `journal`).
    public struct WriteConcern: Sendable, Hashable {
        /// The `w` option: how many members must acknowledge a write.
        public enum W: Sendable, Hashable {
            /// A number of members; `0` means unacknowledged writes.
            case count(Int)
            /// A majority of voting members (`w=majority`).
            case majority
            /// A custom write concern defined by the replica set's tags (`w=myTag`).
            case tag(String)
        }

        /// The `w` option, or `nil` for the server's default.
        public var w: W?
        /// The `wtimeoutMS` option, or `nil` when unset (libmongoc treats `0` the same: no limit).
        public var wtimeoutMS: Int?
        /// The `journal` option, or `nil` when unset.
        public var journal: Bool?

        public init(w: W? = nil, wtimeoutMS: Int? = nil, journal: Bool? = nil) {
            self.w = w
            self.wtimeoutMS = wtimeoutMS
            self.journal = journal
        }

        /// Whether the string set none of the options (the server's default applies).
        public var isDefault: Bool { w == nil && wtimeoutMS == nil && journal == nil }
    }

    /// The read preference a connection string asks for (`readPreference`, tags, staleness).
    public struct ReadPreference: Sendable, Hashable {
        /// Which members reads may go to.
        public enum Mode: String, Sendable, Hashable {
            case primary, primaryPreferred, secondary, secondaryPreferred, nearest
        }

        /// The `readPreference` option; `primary` when unset.
        public var mode: Mode
        /// The `readPreferenceTags` options, one document per occurrence, tried in order.
        public var tags: [BSONDocument]
        /// The `maxStalenessSeconds` option, or `nil` when unset.
        public var maxStalenessSeconds: Int?

        public init(mode: Mode = .primary, tags: [BSONDocument] = [], maxStalenessSeconds: Int? = nil) {
            self.mode = mode
            self.tags = tags
            self.maxStalenessSeconds = maxStalenessSeconds
        }
    }

    /// The write concern given by `w`, `wtimeoutMS` and `journal`.
    public var writeConcern: WriteConcern {
        guard let concern = mongoc_uri_get_write_concern(pointer) else {
            return WriteConcern()
        }
        var result = WriteConcern()
        switch mongoc_write_concern_get_w(concern) {
        case MONGOC_WRITE_CONCERN_W_DEFAULT: result.w = nil
        case MONGOC_WRITE_CONCERN_W_MAJORITY: result.w = .majority
        case MONGOC_WRITE_CONCERN_W_TAG:
            result.w = mongoc_write_concern_get_wtag(concern).map { .tag(String(cString: $0)) }
        case MONGOC_WRITE_CONCERN_W_ERRORS_IGNORED: result.w = .count(0)
        case let count: result.w = .count(Int(count))
        }
        let timeout = mongoc_write_concern_get_wtimeout_int64(concern)
        result.wtimeoutMS = timeout == 0 ? nil : Int(timeout)
        if mongoc_write_concern_journal_is_set(concern) {
            result.journal = mongoc_write_concern_get_journal(concern)
        }
        return result
    }

    /// The read preference given by `readPreference`, `readPreferenceTags` and
    /// `maxStalenessSeconds`.
    public var readPreference: ReadPreference {
        guard let prefs = mongoc_uri_get_read_prefs_t(pointer) else {
            return ReadPreference(mode: .primary, tags: [], maxStalenessSeconds: nil)
        }
        let mode: ReadPreference.Mode =
            switch mongoc_read_prefs_get_mode(prefs) {
            case MONGOC_READ_PRIMARY_PREFERRED: .primaryPreferred
            case MONGOC_READ_SECONDARY: .secondary
            case MONGOC_READ_SECONDARY_PREFERRED: .secondaryPreferred
            case MONGOC_READ_NEAREST: .nearest
            default: .primary
            }
        // libmongoc keeps the tag sets as an array-shaped document: {"0": {...}, "1": {...}}.
        var tags: [BSONDocument] = []
        if let tagSets = mongoc_read_prefs_get_tags(prefs), let document = try? CBSON.document(from: tagSets) {
            tags = document.values.compactMap(\.documentValue)
        }
        let staleness = mongoc_read_prefs_get_max_staleness_seconds(prefs)
        return ReadPreference(
            mode: mode, tags: tags,
            maxStalenessSeconds: staleness == MONGOC_NO_MAX_STALENESS ? nil : Int(staleness))
    }
}
