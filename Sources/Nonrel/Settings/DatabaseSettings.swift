/// One entry of `DATABASES`: which engine, and how to reach it.
///
/// ```swift
/// Databases.configure([
///     "default": DatabaseSettings(engine: "mongodb", uri: "mongodb://127.0.0.1:27017/blog"),
///     "scratch": DatabaseSettings(engine: "memory"),
/// ])
/// ```
public struct DatabaseSettings: Sendable, Hashable, Codable {
    /// The engine name: `"mongodb"` or `"memory"` (or any registered with ``Databases/register(engine:_:)``).
    public var engine: String
    /// A full connection URI; when set, NAME/HOST/PORT/USER/PASSWORD are not used.
    public var uri: String?
    /// Database name.
    public var name: String?
    public var host: String?
    public var port: Int?
    public var user: String?
    public var password: String?
    /// Engine-specific options (URI options on MongoDB).
    public var options: [String: String]

    public init(engine: String, uri: String? = nil, name: String? = nil, host: String? = nil, port: Int? = nil,
                user: String? = nil, password: String? = nil, options: [String: String] = [:]) {
        self.engine = engine
        self.uri = uri
        self.name = name
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.options = options
    }

    enum CodingKeys: String, CodingKey {
        case engine = "ENGINE", uri = "URI", name = "NAME", host = "HOST", port = "PORT", user = "USER"
        case password = "PASSWORD", options = "OPTIONS"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        engine = try container.decode(String.self, forKey: .engine)
        uri = try container.decodeIfPresent(String.self, forKey: .uri)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        host = try container.decodeIfPresent(String.self, forKey: .host)
        port = try container.decodeIfPresent(Int.self, forKey: .port)
        user = try container.decodeIfPresent(String.self, forKey: .user)
        password = try container.decodeIfPresent(String.self, forKey: .password)
        options = try container.decodeIfPresent([String: String].self, forKey: .options) ?? [:]
    }
}

/// Chooses databases per model, as Django's database routers. Return nil to let the next
/// router (or `"default"`) decide.
public protocol DatabaseRouter: Sendable {
    func databaseForRead(_ model: ModelDescriptor) -> String?
    func databaseForWrite(_ model: ModelDescriptor) -> String?
    /// Whether a relation between objects of the two models (stored in the given databases) is allowed.
    func allowRelation(_ first: ModelDescriptor, in firstDatabase: String, _ second: ModelDescriptor, in secondDatabase: String) -> Bool?
}

extension DatabaseRouter {
    public func databaseForRead(_ model: ModelDescriptor) -> String? { nil }
    public func databaseForWrite(_ model: ModelDescriptor) -> String? { nil }
    public func allowRelation(_ first: ModelDescriptor, in firstDatabase: String, _ second: ModelDescriptor, in secondDatabase: String) -> Bool? { nil }
}
