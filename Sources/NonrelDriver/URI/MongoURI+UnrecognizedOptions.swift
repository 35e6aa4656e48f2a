import CMongoC

extension MongoURI {
    /// Option names in the query string that libmongoc does not know, as written (such as the
    /// typo `conectTimeoutMS`). libmongoc only logs a warning and ignores them, as the
    /// connection-string specification asks, so check this to catch misspelt options.
    var unrecognizedOptions: [String] {
        guard let scheme = string.range(of: "://"),
              let query = string[scheme.upperBound...].firstIndex(of: "?") else { return [] }
        return string[string.index(after: query)...]
            .split(separator: "&")
            .map { String($0.prefix { $0 != "=" }) }
            .filter { !$0.isEmpty && !MongoURI.isSupportedOption($0) }
    }

    /// An ``MongoError/Kind/invalidURI`` error naming the first unrecognized option and the
    /// closest supported spelling, or `nil` when every option is known.
    func unrecognizedOptionError() -> MongoError? {
        guard let name = unrecognizedOptions.first else { return nil }
        let hint = MongoURI.suggestion(for: name).map { " (did you mean \"\($0)\"?)" } ?? ""
        return MongoError(
            .invalidURI,
            "invalid MongoDB URI \"\(MongoURI.redacted(string))\": unknown option \"\(name)\"\(hint). Supported options are listed at https://www.mongodb.com/docs/manual/reference/connection-string-options/")
    }

    /// The options libmongoc 1.23 understands, spelled as the documentation spells them.
    static let supportedOptionNames: [String] = [
        "appName", "authMechanism", "authMechanismProperties", "authSource", "canonicalizeHostname",
        "compressors", "connectTimeoutMS", "directConnection", "gssapiServiceName",
        "heartbeatFrequencyMS", "journal", "loadBalanced", "localThresholdMS", "maxIdleTimeMS",
        "maxPoolSize", "maxStalenessSeconds", "minPoolSize", "readConcernLevel", "readPreference",
        "readPreferenceTags", "replicaSet", "retryReads", "retryWrites", "safe",
        "serverSelectionTimeoutMS", "serverSelectionTryOnce", "slaveOk", "socketCheckIntervalMS",
        "socketTimeoutMS", "srvMaxHosts", "srvServiceName", "ssl", "sslAllowInvalidCertificates",
        "sslAllowInvalidHostnames", "sslCertificateAuthorityFile", "sslClientCertificateKeyFile",
        "sslClientCertificateKeyPassword", "tls", "tlsAllowInvalidCertificates",
        "tlsAllowInvalidHostnames", "tlsCAFile", "tlsCertificateKeyFile",
        "tlsCertificateKeyFilePassword", "tlsDisableCertificateRevocationCheck",
        "tlsDisableOCSPEndpointCheck", "tlsInsecure", "w", "waitQueueMultiple",
        "waitQueueTimeoutMS", "wTimeoutMS", "zlibCompressionLevel",
    ]

    private static let supportedLowercased = Set(supportedOptionNames.map { $0.lowercased() })

    /// Whether libmongoc knows `name` (option names are case-insensitive).
    static func isSupportedOption(_ name: String) -> Bool {
        let lowercased = name.lowercased()
        return supportedLowercased.contains(lowercased)
            || mongoc_uri_option_is_int32(lowercased) || mongoc_uri_option_is_int64(lowercased)
            || mongoc_uri_option_is_bool(lowercased) || mongoc_uri_option_is_utf8(lowercased)
    }

    /// The supported option closest to `name`, if it is at most two edits away.
    static func suggestion(for name: String) -> String? {
        let target = Array(name.lowercased())
        let scored = supportedOptionNames.map { ($0, editDistance(target, Array($0.lowercased()))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2 else { return nil }
        return best.0
    }

    /// Levenshtein distance between two character arrays.
    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
