import CMongoC
import NonrelBSON

// Read-only views of what libmongoc parsed. Every value comes from libmongoc's getters, so it is
// exactly what the driver will use when it connects.
extension MongoURI {
    /// The percent-decoded user name, if the string has credentials.
    public var username: String? {
        mongoc_uri_get_username(pointer).map { String(cString: $0) }
    }

    /// The percent-decoded password, if one was given (`""` for `user:@host`).
    public var password: String? {
        mongoc_uri_get_password(pointer).map { String(cString: $0) }
    }

    /// The database credentials are checked against: the `authSource` option when given,
    /// otherwise the mechanism's default (`$external` for X.509, GSSAPI, PLAIN, AWS), otherwise
    /// the path's ``database``, otherwise `admin`, as libmongoc resolves it.
    public var authSource: String? {
        mongoc_uri_get_auth_source(pointer).map { String(cString: $0) }
    }

    /// The `authMechanism` option as written (such as `SCRAM-SHA-256` or `MONGODB-X509`), or
    /// `nil` to let the server negotiate.
    public var authMechanism: String? {
        mongoc_uri_get_auth_mechanism(pointer).map { String(cString: $0) }
    }

    /// The `authMechanismProperties` option, such as `["SERVICE_NAME": "mongodb"]`, or `nil`.
    public var authMechanismProperties: BSONDocument? {
        CBSON.withStorage { properties in
            guard mongoc_uri_get_mechanism_properties(pointer, properties) else { return nil }
            // libmongoc points `properties` into its own storage; copying is all that is needed.
            return try? CBSON.document(from: properties)
        }
    }

    /// The `replicaSet` option: the replica set name every server must report.
    public var replicaSet: String? {
        mongoc_uri_get_replica_set(pointer).map { String(cString: $0) }
    }

    /// The `appName` option, sent to the server in the handshake and shown in its logs.
    public var appName: String? {
        mongoc_uri_get_appname(pointer).map { String(cString: $0) }
    }

    /// Whether connections use TLS (`tls=true`, `ssl=true`, any `tls*` option, or `mongodb+srv`).
    public var tls: Bool {
        mongoc_uri_get_tls(pointer)
    }

    /// The options as libmongoc normalised them: keys lowercased (`connecttimeoutms`), integers
    /// as `int32`, booleans as `bool`, everything else as strings; unknown options are dropped.
    /// Credentials (`authSource`, `authMechanism`...), `readPreferenceTags` and
    /// `readConcernLevel` are not in it: use the dedicated properties.
    public var options: BSONDocument {
        guard let document = mongoc_uri_get_options(pointer) else { return BSONDocument() }
        return (try? CBSON.document(from: document)) ?? BSONDocument()
    }

    /// The `readConcernLevel` option (`local`, `majority`, `snapshot`...), or `nil` for the
    /// server's default.
    public var readConcernLevel: String? {
        guard let concern = mongoc_uri_get_read_concern(pointer) else { return nil }
        return mongoc_read_concern_get_level(concern).map { String(cString: $0) }
    }
}
