import CMongoC

/// A parsed MongoDB connection string (`mongodb://` or `mongodb+srv://`), accepting everything
/// libmongoc accepts: several hosts, replica sets, credentials and `authSource`, TLS options,
/// read and write concerns, `appname`...
///
/// A malformed string throws ``MongoError`` of kind ``MongoError/Kind/invalidURI`` naming the
/// problem; it never crashes.
public final class MongoURI: @unchecked Sendable {
    // The wrapped mongoc_uri_t is never mutated after init, so sharing it is safe.
    let pointer: OpaquePointer
    /// The string this URI was parsed from.
    public let string: String

    public init(_ string: String) throws(MongoError) {
        initialiseLibmongoc()
        var error = bson_error_t()
        guard let uri = mongoc_uri_new_with_error(string, &error) else {
            let reason = CBSON.message(of: error)
            throw MongoError(
                .invalidURI,
                "invalid MongoDB URI \"\(MongoURI.redacted(string))\": \(reason.isEmpty ? "it could not be parsed" : reason). Expected a form like mongodb://user:password@host:27017/database?option=value")
        }
        self.pointer = uri
        self.string = string
    }

    deinit { mongoc_uri_destroy(pointer) }

    /// The database named in the path, if any.
    public var database: String? {
        mongoc_uri_get_database(pointer).map { String(cString: $0) }
    }

    /// The string with any password replaced by `***`, safe for logs and error messages.
    public static func redacted(_ string: String) -> String {
        guard let scheme = string.range(of: "://"),
              let at = string[scheme.upperBound...].firstIndex(of: "@") else { return string }
        let credentials = string[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return string }
        return string.replacingCharacters(in: string.index(after: colon)..<at, with: "***")
    }
}
