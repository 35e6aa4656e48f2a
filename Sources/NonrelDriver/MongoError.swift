/// The one error type of the driver. `kind` says what went wrong in terms a caller can act on;
/// the server's code, code name and error labels are kept when the server sent them.
///
/// ```swift
/// do { try await users.insertOne(["email": "a@b.c"]) }
/// catch let error as MongoError where error.kind == .duplicateKey {
///     print(error.duplicateKey?.index ?? "")   // "email_1"
/// }
/// ```
public struct MongoError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: String, Sendable, Hashable {
        /// The connection string could not be parsed or holds an invalid option.
        case invalidURI
        /// An argument was rejected before anything was sent (bad option, bad field name...).
        case invalidArgument
        /// A document (or command) is larger than the server accepts (16 MB for documents).
        case documentTooLarge
        /// No server could be reached or selected in time.
        case serverSelection
        /// A connection failed or was closed while talking to the server.
        case connection
        /// The server rejected the credentials.
        case authentication
        /// An operation ran out of time.
        case timeout
        /// A write violated a unique index.
        case duplicateKey
        /// A write was applied but the write concern was not satisfied.
        case writeConcern
        /// The server answered a command with an error.
        case server
        /// A transaction could not be started, committed or aborted.
        case transaction
        /// A document could not be converted to or from BSON.
        case bson
        /// The task was cancelled; the operation's resources (a cursor, a connection) were released.
        case cancelled
        /// A failure inside the driver or libmongoc that fits no other kind.
        case `internal`
    }

    /// The index and key that a duplicate-key error names.
    public struct DuplicateKey: Sendable, Hashable {
        /// The unique index that was violated, such as `"email_1"`.
        public var index: String?
        /// The duplicated key value, such as `{email: "a@b.c"}`, when the server reports it.
        public var key: BSONDocument?
    }

    public var kind: Kind
    /// What went wrong and, where it helps, what to do about it.
    public var message: String
    /// The server's numeric error code (such as 11000), when the server sent one.
    public var code: Int?
    /// The server's error code name (such as `"DuplicateKey"`), when the server sent one.
    public var codeName: String?
    /// Error labels such as `"TransientTransactionError"`.
    public var labels: [String]
    /// Details of a duplicate-key error.
    public var duplicateKey: DuplicateKey?
    /// The server's full reply, when there was one.
    public var reply: BSONDocument?

    public init(
        _ kind: Kind, _ message: String, code: Int? = nil, codeName: String? = nil,
        labels: [String] = [], duplicateKey: DuplicateKey? = nil, reply: BSONDocument? = nil
    ) {
        self.kind = kind
        self.message = message
        self.code = code
        self.codeName = codeName
        self.labels = labels
        self.duplicateKey = duplicateKey
        self.reply = reply
    }

    /// Whether the error carries `label`.
    public func hasLabel(_ label: String) -> Bool { labels.contains(label) }

    public var description: String {
        var text = "MongoError.\(kind.rawValue): \(message)"
        if let code { text += " (code \(code)\(codeName.map { " \($0)" } ?? ""))" }
        if !labels.isEmpty { text += " [labels: \(labels.joined(separator: ", "))]" }
        return text
    }
}
