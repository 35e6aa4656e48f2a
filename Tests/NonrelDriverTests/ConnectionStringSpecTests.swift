import Foundation
import NonrelDriver
import Testing

// MongoDB's connection-string specification tests (Tests/Specs/connection-string), run against
// libmongoc's parser through `MongoURI`.

/// Cases where libmongoc 1.23 differs from the specification, keyed by "file: description"
/// (descriptions repeat across files), with the measured difference. The tests assert that these
/// still differ, so a libmongoc upgrade that fixes one is noticed and its entry removed.
private let knownDifferences: [String: String] = [
    "valid-db-with-dotted-name.json: Multiple Unix domain sockets and auth DB resembling a socket (relative path)":
        "libmongoc validates the path as a database name, and MongoDB database names cannot contain '.': \"Invalid database name in URI\"",
    "valid-db-with-dotted-name.json: Multiple Unix domain sockets with auth DB resembling a path (relative path)":
        "libmongoc rejects '.' in the path's database name: \"Invalid database name in URI\"",
    "valid-db-with-dotted-name.json: Multiple Unix domain sockets and auth DB resembling a socket (absolute path)":
        "libmongoc rejects '.' in the path's database name: \"Invalid database name in URI\"",
    "valid-db-with-dotted-name.json: Multiple Unix domain sockets with auth DB resembling a path (absolute path)":
        "libmongoc rejects '.' in the path's database name: \"Invalid database name in URI\"",
    "valid-options.json: Missing delimiting slash between hosts and options":
        "libmongoc warns \"A '/' is required between the host list and any options\" and then fails: \"Invalid host string in URI\"",
    "valid-warnings.json: Comma in a key value pair causes a warning":
        "the string has no '/' before '?', which libmongoc rejects (\"Invalid host string in URI\") before reading the options",
    "valid-options.json: Colon in a key value pair":
        "libmongoc 1.23 requires a username for MONGODB-OIDC (\"'MONGODB-OIDC' authentication mechanism requires username\"); the specification later allowed none with ENVIRONMENT:azure",
    // Deliberate Nonrel strictness: the specification ignores unknown options with a warning;
    // MongoURI rejects them, since a misspelt option silently doing nothing is a bug magnet.
    "valid-warnings.json: Unrecognized option keys are ignored":
        "Nonrel rejects unknown options (\"unknown option ... did you mean ...\") instead of ignoring them",
    "valid-warnings.json: Unsupported option values are ignored":
        "libmongoc 1.23 does not know `fsync`; Nonrel rejects unknown options instead of ignoring them",
    "valid-warnings.json: Deprecated (or unknown) options are ignored if replacement exists":
        "libmongoc 1.23 does not know `wtimeout`; Nonrel rejects unknown options instead of ignoring them",
]

@Suite("Connection string specification")
struct ConnectionStringSpecTests {
    @Test("invalid-uris.json", arguments: SpecCase.load("invalid-uris.json"))
    func invalidURIs(_ spec: SpecCase) { check(spec) }

    @Test("valid-auth.json", arguments: SpecCase.load("valid-auth.json"))
    func validAuth(_ spec: SpecCase) { check(spec) }

    @Test("valid-db-with-dotted-name.json", arguments: SpecCase.load("valid-db-with-dotted-name.json"))
    func validDottedDatabase(_ spec: SpecCase) { check(spec) }

    @Test("valid-host_identifiers.json", arguments: SpecCase.load("valid-host_identifiers.json"))
    func validHostIdentifiers(_ spec: SpecCase) { check(spec) }

    @Test("valid-options.json", arguments: SpecCase.load("valid-options.json"))
    func validOptions(_ spec: SpecCase) { check(spec) }

    @Test("valid-unix_socket-absolute.json", arguments: SpecCase.load("valid-unix_socket-absolute.json"))
    func validUnixSocketAbsolute(_ spec: SpecCase) { check(spec) }

    @Test("valid-unix_socket-relative.json", arguments: SpecCase.load("valid-unix_socket-relative.json"))
    func validUnixSocketRelative(_ spec: SpecCase) { check(spec) }

    @Test("valid-warnings.json", arguments: SpecCase.load("valid-warnings.json"))
    func validWarnings(_ spec: SpecCase) { check(spec) }

    @Test func everyFileIsCovered() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: SpecCase.directory.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        #expect(files == [
            "invalid-uris.json", "valid-auth.json", "valid-db-with-dotted-name.json",
            "valid-host_identifiers.json", "valid-options.json", "valid-unix_socket-absolute.json",
            "valid-unix_socket-relative.json", "valid-warnings.json",
        ])
    }

    @Test func everyKnownDifferenceNamesACase() {
        let ids = Set(SpecCase.all.map(\.id))
        for key in knownDifferences.keys {
            #expect(ids.contains(key), "knownDifferences names no test: \(key)")
        }
    }

    private func check(_ spec: SpecCase) {
        let problems = Self.problems(spec)
        if let reason = knownDifferences[spec.id] {
            #expect(!problems.isEmpty, "libmongoc now follows the specification (\(reason)); remove it from knownDifferences")
        } else {
            #expect(problems.isEmpty, "\(spec.uri): \(problems.joined(separator: "; "))")
        }
    }

    /// What libmongoc does differently from the case's expectations (empty when it conforms).
    static func problems(_ spec: SpecCase) -> [String] {
        let uri: MongoURI
        do {
            uri = try MongoURI(spec.uri)
        } catch {
            guard !spec.valid else { return ["rejected a valid URI: \(error.message)"] }
            var problems: [String] = []
            if error.kind != .invalidURI { problems.append("threw \(error.kind), not invalidURI") }
            if error.message.contains("it could not be parsed") {
                problems.append("the message names no problem: \(error.message)")
            }
            return problems
        }
        guard spec.valid else { return ["accepted an invalid URI"] }

        var problems: [String] = []
        if let hosts = spec.hosts {
            let actual = uri.hosts.map { SpecHost(type: $0.kind.specName, host: $0.host, port: $0.port) }
            if actual != hosts { problems.append("hosts \(actual) != expected \(hosts)") }
        }
        if let auth = spec.auth {
            let actual = SpecAuth(username: uri.username, password: uri.password, db: uri.database)
            if actual != auth { problems.append("auth \(actual) != expected \(auth)") }
        }
        if let options = spec.options {
            problems += optionProblems(uri, expected: options)
        }
        return problems
    }

    /// Compares each expected option with the accessor that exposes it, and checks libmongoc
    /// kept no option the case does not expect.
    private static func optionProblems(_ uri: MongoURI, expected: [String: JSON]) -> [String] {
        var problems: [String] = []
        let expected = Dictionary(expected.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        for (key, value) in expected {
            let actual = actualOption(uri, key)
            if actual != value {
                problems.append("option \(key) = \(actual.map { "\($0)" } ?? "absent"), expected \(value)")
            }
        }
        for key in uri.options.keys where expected[key.lowercased()] == nil {
            problems.append("unexpected option \(key) = \(uri.options[key].map { "\($0)" } ?? "")")
        }
        return problems
    }

    /// The value libmongoc parsed for a (lowercased) option name, as JSON.
    private static func actualOption(_ uri: MongoURI, _ key: String) -> JSON? {
        switch key {
        case "authmechanism": return uri.authMechanism.map(JSON.string)
        case "authmechanismproperties": return uri.authMechanismProperties.map { JSON(.document($0)) }
        case "authsource": return uri.authSource.map(JSON.string)
        case "replicaset": return uri.replicaSet.map(JSON.string)
        case "appname": return uri.appName.map(JSON.string)
        case "tls", "ssl": return .bool(uri.tls)
        case "readconcernlevel": return uri.readConcernLevel.map(JSON.string)
        case "w":
            switch uri.writeConcern.w {
            case .count(let n): return .number(Double(n))
            case .majority: return .string("majority")
            case .tag(let tag): return .string(tag)
            case nil: return nil
            }
        case "wtimeoutms": return uri.writeConcern.wtimeoutMS.map { .number(Double($0)) }
        case "journal": return uri.writeConcern.journal.map(JSON.bool)
        case "readpreference": return .string(uri.readPreference.mode.rawValue)
        case "readpreferencetags": return .array(uri.readPreference.tags.map { JSON(.document($0)) })
        case "maxstalenessseconds": return uri.readPreference.maxStalenessSeconds.map { .number(Double($0)) }
        default:
            let options = uri.options
            return options.keys.first { $0.lowercased() == key }.flatMap { options[$0] }.map(JSON.init)
        }
    }
}

// MARK: - Test vectors

/// A JSON value from the specification files, also used to compare libmongoc's BSON values.
enum JSON: Sendable, Hashable, Decodable, CustomStringConvertible {
    case null, bool(Bool), number(Double), string(String), array([JSON]), object([String: JSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSON].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSON].self)) }
    }

    /// Normalises BSON: every number becomes a double, documents become unordered objects.
    init(_ value: BSONValue) {
        switch value {
        case .document(let document):
            self = .object(Dictionary(document.map { ($0.key, JSON($0.value)) }, uniquingKeysWith: { a, _ in a }))
        case .array(let values): self = .array(values.map(JSON.init))
        case .bool(let value): self = .bool(value)
        case .string(let value): self = .string(value)
        case .null: self = .null
        default:
            if let number = value.numericDoubleValue { self = .number(number) } else { self = .string("\(value)") }
        }
    }

    var objectValue: [String: JSON]? { if case .object(let v) = self { v } else { nil } }
    var arrayValue: [JSON]? { if case .array(let v) = self { v } else { nil } }
    var stringValue: String? { if case .string(let v) = self { v } else { nil } }
    var boolValue: Bool? { if case .bool(let v) = self { v } else { nil } }
    var intValue: Int? { if case .number(let v) = self { Int(exactly: v) } else { nil } }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let v): "\(v)"
        case .number(let v): v == v.rounded() ? "\(Int(v))" : "\(v)"
        case .string(let v): "\"\(v)\""
        case .array(let v): "[\(v.map(\.description).joined(separator: ", "))]"
        case .object(let v): "{\(v.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))}"
        }
    }
}

struct SpecHost: Sendable, Hashable, CustomStringConvertible {
    var type: String
    var host: String
    var port: Int?
    var description: String { "\(type) \(host)\(port.map { ":\($0)" } ?? "")" }
}

struct SpecAuth: Sendable, Hashable, CustomStringConvertible {
    var username: String?
    var password: String?
    var db: String?
    var description: String { "(\(username ?? "nil"), \(password ?? "nil"), \(db ?? "nil"))" }
}

/// One test of a specification file.
struct SpecCase: Sendable, CustomTestStringConvertible {
    var file: String
    var description: String
    var uri: String
    var valid: Bool
    var warning: Bool
    var hosts: [SpecHost]?
    var auth: SpecAuth?
    var options: [String: JSON]?

    var testDescription: String { description }
    /// "file: description", unique across the files (descriptions alone are not).
    var id: String { "\(file): \(description)" }

    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Specs/connection-string")

    static var all: [SpecCase] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.sorted().flatMap(load)
    }

    /// The tests of one file; a missing or malformed file is a programming error.
    static func load(_ file: String) -> [SpecCase] {
        let url = directory.appendingPathComponent(file)
        guard let data = try? Data(contentsOf: url),
              let root = try? JSONDecoder().decode(JSON.self, from: data),
              let tests = root.objectValue?["tests"]?.arrayValue
        else { fatalError("cannot read the specification file \(url.path)") }
        return tests.compactMap { test in
            guard let fields = test.objectValue,
                  let description = fields["description"]?.stringValue,
                  let uri = fields["uri"]?.stringValue,
                  let valid = fields["valid"]?.boolValue
            else { fatalError("malformed test in \(file): \(test)") }
            return SpecCase(
                file: file, description: description, uri: uri, valid: valid,
                warning: fields["warning"]?.boolValue ?? false,
                hosts: fields["hosts"]?.arrayValue?.map { host in
                    let h = host.objectValue ?? [:]
                    return SpecHost(type: h["type"]?.stringValue ?? "", host: h["host"]?.stringValue ?? "",
                                    port: h["port"]?.intValue)
                },
                auth: fields["auth"]?.objectValue.map { a in
                    SpecAuth(username: a["username"]?.stringValue, password: a["password"]?.stringValue,
                             db: a["db"]?.stringValue)
                },
                options: fields["options"]?.objectValue)
        }
    }
}

extension MongoURI.Host.Kind {
    /// The name the specification uses for this kind.
    var specName: String {
        switch self {
        case .hostname: "hostname"
        case .ipv4: "ipv4"
        case .ipLiteral: "ip_literal"
        case .unixSocket: "unix"
        }
    }
}
