import Synchronization

/// The process-wide `DATABASES` registry: aliases, their backends (created on first use),
/// engines and routers.
public enum Databases {
    /// Creates a backend for an alias from its settings.
    public typealias EngineFactory = @Sendable (_ alias: String, _ settings: DatabaseSettings) throws -> any DatabaseBackend

    struct State {
        var settings: [String: DatabaseSettings] = [:]
        var backends: [String: any DatabaseBackend] = [:]
        /// Aliases registered with a backend instance (kept across `configure`).
        var registered: Set<String> = []
        var engines: [String: EngineFactory] = [:]
        var routers: [any DatabaseRouter] = []
    }

    static let state = Mutex(State())

    /// The alias used when no router decides: `"default"`, or another for the duration of a
    /// task (`Databases.$defaultAlias.withValue("scratch") { ... }`), which tests use to give
    /// each case its own database.
    @TaskLocal public static var defaultAlias = "default"

    /// Replaces the configuration; backends created for earlier settings are dropped (those
    /// registered with ``register(alias:backend:)`` stay).
    public static func configure(_ databases: [String: DatabaseSettings], routers: [any DatabaseRouter] = []) {
        state.withLock { state in
            state.settings = databases
            state.backends = state.backends.filter { state.registered.contains($0.key) }
            state.routers = routers
        }
    }

    /// Makes an engine available by name (the MongoDB and memory modules register theirs with
    /// their `register()`).
    public static func register(engine name: String, _ factory: @escaping EngineFactory) {
        state.withLock { $0.engines[name] = factory }
    }

    /// Uses `backend` for `alias` directly, without settings.
    public static func register(alias: String, backend: any DatabaseBackend) {
        state.withLock {
            $0.backends[alias] = backend
            $0.registered.insert(alias)
        }
    }

    /// Forgets a backend registered with ``register(alias:backend:)``.
    public static func unregister(alias: String) {
        state.withLock {
            $0.backends[alias] = nil
            $0.registered.remove(alias)
        }
    }

    /// The configured aliases.
    public static var aliases: [String] {
        state.withLock { Array(Set($0.settings.keys).union($0.backends.keys)).sorted() }
    }

    /// The backend of `alias`, created from its settings on first use.
    public static func backend(_ alias: String) throws(NonrelError) -> any DatabaseBackend {
        let lookup: Result<any DatabaseBackend, NonrelError> = state.withLock { state in
            if let existing = state.backends[alias] { return .success(existing) }
            guard let settings = state.settings[alias] else {
                let known = Array(Set(state.settings.keys).union(state.backends.keys)).sorted()
                return .failure(NonrelError(
                    .improperlyConfigured,
                    "no database \"\(alias)\" in DATABASES (configured: \(known.isEmpty ? "none" : known.joined(separator: ", "))). Call Databases.configure([\"\(alias)\": DatabaseSettings(...)]) first"))
            }
            guard let factory = state.engines[settings.engine] else {
                return .failure(NonrelError(
                    .improperlyConfigured,
                    "database \"\(alias)\" names engine \"\(settings.engine)\", which is not registered (registered: \(state.engines.keys.sorted().joined(separator: ", "))). Import its module and call its register(), e.g. MongoBackend.register()"))
            }
            do {
                let backend = try factory(alias, settings)
                state.backends[alias] = backend
                return .success(backend)
            } catch let error as NonrelError {
                return .failure(error)
            } catch {
                return .failure(NonrelError(.improperlyConfigured, "database \"\(alias)\": \(error)"))
            }
        }
        return try lookup.get()
    }

    /// The alias reads of `model` use: the first router's answer, else ``defaultAlias``.
    public static func aliasForRead(_ model: ModelDescriptor) -> String {
        let routers = state.withLock { $0.routers }
        return routers.lazy.compactMap { $0.databaseForRead(model) }.first ?? defaultAlias
    }

    /// The alias writes of `model` use: the first router's answer, else ``defaultAlias``.
    public static func aliasForWrite(_ model: ModelDescriptor) -> String {
        let routers = state.withLock { $0.routers }
        return routers.lazy.compactMap { $0.databaseForWrite(model) }.first ?? defaultAlias
    }

    /// Whether a relation between the two objects is allowed: the first router's answer, else
    /// only within one database.
    public static func allowRelation(_ first: ModelDescriptor, in firstDatabase: String, _ second: ModelDescriptor, in secondDatabase: String) -> Bool {
        let routers = state.withLock { $0.routers }
        return routers.lazy.compactMap { $0.allowRelation(first, in: firstDatabase, second, in: secondDatabase) }.first
            ?? (firstDatabase == secondDatabase)
    }
}
