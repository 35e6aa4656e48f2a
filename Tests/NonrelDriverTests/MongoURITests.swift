@testable import NonrelDriver
import Testing

@Suite("MongoURI")
struct MongoURITests {
    /// Parses `string`, expecting an `.invalidURI` error, and returns its message.
    private func rejection(_ string: String) -> String? {
        do {
            _ = try MongoURI(string)
            Issue.record("\(string) was accepted")
            return nil
        } catch {
            #expect(error.kind == .invalidURI)
            return error.message
        }
    }

    @Test(arguments: [
        ("mongo://x", "Invalid URI Schema"),
        ("", "Invalid URI Schema"),
        ("mongodb://", "Invalid host string"),
        ("mongodb://host:99999", "Invalid host string"),
        ("mongodb://a:b@c:d@h", "Invalid host string"),
        ("mongodb://h/?w", "contains no \"=\""),
        ("mongodb://h/?maxPoolSize=ten", "maxpoolsize"),
        ("mongodb://h/db?replicaSet=", "cannot be empty"),
        ("mongodb://h/?w=0&journal=true", "Journal conflicts"),
    ])
    func malformedStringsAreRejectedWithTheReason(string: String, reason: String) {
        guard let message = rejection(string) else { return }
        #expect(message.contains(reason), "\(message)")
        #expect(message.contains("mongodb://user:password@host"), "the message shows the expected form")
    }

    @Test func rejectionMessagesHidePasswords() {
        let message = rejection("mongodb://ada:s3cret@h/?w")
        #expect(message?.contains("s3cret") == false)
        #expect(message?.contains("ada:***@h") == true)
    }

    @Test func unknownOptionsAreRejectedWithASuggestion() throws {
        let message = rejection("mongodb://ada:pw@h/?w=1&conectTimeoutMS=5&zzz=1")
        #expect(message?.contains("unknown option \"conectTimeoutMS\" (did you mean \"connectTimeoutMS\"?)") == true)
        #expect(message?.contains("ada:***@h") == true)
        #expect(rejection("mongodb://h/?zzz=1")?.contains("did you mean") == false)
        // Option names are case-insensitive, as in every driver.
        let uri = try MongoURI("mongodb://h/?ConnectTimeoutMS=1&READPREFERENCE=nearest&readPreferenceTags=dc:ny")
        #expect(uri.options["connecttimeoutms"] == .int32(1))
        #expect(MongoURI.suggestion(for: "replicaset") == "replicaSet")
        #expect(MongoURI.suggestion(for: "tlsCaFil") == "tlsCAFile")
        #expect(MongoURI.suggestion(for: "x") == "w")
        #expect(MongoURI.suggestion(for: "database") == nil)
    }

    @Test func unknownOptionsAreRejected() {
        // libmongoc, like the specification, only warns about unknown options; Nonrel rejects them.
        let message = rejection("mongodb://h/?conectTimeoutMS=5")
        #expect(message?.contains("unknown option \"conectTimeoutMS\" (did you mean \"connectTimeoutMS\"?)") == true)
    }

    @Test func redactedHidesThePassword() {
        #expect(MongoURI.redacted("mongodb://ada:s3cret@h:27017/db?w=1") == "mongodb://ada:***@h:27017/db?w=1")
        #expect(MongoURI.redacted("mongodb://ada@h/db") == "mongodb://ada@h/db")
        #expect(MongoURI.redacted("mongodb://h/db") == "mongodb://h/db")
    }

    @Test func databaseReadsThePath() throws {
        #expect(try MongoURI("mongodb://h/shop?w=1").database == "shop")
        #expect(try MongoURI("mongodb://h/my%3Ddb").database == "my=db")
        #expect(try MongoURI("mongodb://h/").database == nil)
        #expect(try MongoURI("mongodb://h").database == nil)
    }

    @Test func hostsKeepWrittenPortsAndKinds() throws {
        let uri = try MongoURI("mongodb://example.com,127.0.0.1:27018,[::1]:27019,%2Ftmp%2Fm.sock,h,H:27017")
        #expect(uri.hosts == [
            .init(host: "example.com", kind: .hostname),
            .init(host: "127.0.0.1", port: 27018, kind: .ipv4),
            .init(host: "::1", port: 27019, kind: .ipLiteral),
            .init(host: "/tmp/m.sock", kind: .unixSocket),
            .init(host: "h", kind: .hostname),  // "H:27017" is the same server; libmongoc keeps one.
        ])
        #expect(uri.hosts.map(\.effectivePort) == [27017, 27018, 27019, 27017, 27017])
        #expect(uri.hosts.map(\.description) == ["example.com", "127.0.0.1:27018", "[::1]:27019", "/tmp/m.sock", "h"])
        #expect(try MongoURI("mongodb+srv://cluster.example.com/").hosts.isEmpty)
        #expect(try MongoURI("mongodb+srv://cluster.example.com/").srvHostname == "cluster.example.com")
    }

    @Test func credentialsAndAuthentication() throws {
        let uri = try MongoURI(
            "mongodb://us%40er:p%3Ass@h/app?authSource=admin&authMechanism=SCRAM-SHA-256")
        #expect(uri.username == "us@er")
        #expect(uri.password == "p:ss")
        #expect(uri.authSource == "admin")
        #expect(uri.authMechanism == "SCRAM-SHA-256")
        #expect(uri.authMechanismProperties == nil)

        let plain = try MongoURI("mongodb://h/app")
        #expect(plain.username == nil && plain.password == nil && plain.authMechanism == nil)
        #expect(plain.authSource == "app", "without authSource libmongoc uses the path's database")

        let gssapi = try MongoURI(
            "mongodb://u%40EXAMPLE.COM@h/?authMechanism=GSSAPI&authMechanismProperties=SERVICE_NAME:other,CANONICALIZE_HOST_NAME:true")
        #expect(gssapi.authMechanismProperties?["SERVICE_NAME"] == "other")
        #expect(gssapi.authSource == "$external")
    }

    @Test func namedOptions() throws {
        let uri = try MongoURI("mongodb://a,b/?replicaSet=rs0&appName=shop&tls=true&connectTimeoutMS=2500&retryWrites=false")
        #expect(uri.replicaSet == "rs0")
        #expect(uri.appName == "shop")
        #expect(uri.tls)
        #expect(uri.options["connecttimeoutms"] == .int32(2500))
        #expect(uri.options["retrywrites"] == .bool(false))
        #expect(try MongoURI("mongodb://h").tls == false)
        #expect(try MongoURI("mongodb+srv://cluster.example.com").tls)
    }

    @Test func concerns() throws {
        let uri = try MongoURI(
            "mongodb://h/?w=majority&wtimeoutMS=500&journal=true&readConcernLevel=majority"
                + "&readPreference=secondaryPreferred&readPreferenceTags=dc:ny,rack:1&readPreferenceTags=&maxStalenessSeconds=120")
        #expect(uri.writeConcern == .init(w: .majority, wtimeoutMS: 500, journal: true))
        #expect(uri.readConcernLevel == "majority")
        #expect(uri.readPreference.mode == .secondaryPreferred)
        #expect(uri.readPreference.tags == [["dc": "ny", "rack": "1"], [:]])
        #expect(uri.readPreference.maxStalenessSeconds == 120)

        #expect(try MongoURI("mongodb://h/?w=2").writeConcern.w == .count(2))
        #expect(try MongoURI("mongodb://h/?w=0").writeConcern.w == .count(0))
        #expect(try MongoURI("mongodb://h/?w=eastCoast").writeConcern.w == .tag("eastCoast"))

        let defaults = try MongoURI("mongodb://h")
        #expect(defaults.writeConcern.isDefault)
        #expect(defaults.readConcernLevel == nil)
        #expect(defaults.readPreference == .init(mode: .primary, tags: [], maxStalenessSeconds: nil))
    }
}
