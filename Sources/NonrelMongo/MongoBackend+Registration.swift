import Foundation
import Nonrel
import NonrelDriver
import Synchronization

extension MongoBackend {
    /// Registers the `"mongodb"` engine with ``Databases``.
    ///
    /// The connection URI of an alias is its `uri` setting when given; otherwise one built from
    /// `host` (default `127.0.0.1`), `port` (default 27017), `user`, `password`, `name` and
    /// `options`. (`NONREL_MONGO_URI` replaces the `"default"` alias's URI when settings go
    /// through ``Databases/applyingEnvironment(_:environment:)`` or are read from JSON.)
    /// The database is `name`, else the URI's database, else the alias. Aliases with the same
    /// URI share one client (one connection pool).
    public static func register() {
        Databases.register(engine: "mongodb") { alias, settings in
            let uri = connectionURI(for: settings)
            let client: MongoClient
            do throws(MongoError) {
                client = try clients.client(for: uri)
            } catch {
                throw NonrelError(.improperlyConfigured, "database \"\(alias)\": \(error.message)", underlying: error)
            }
            let name = settings.name ?? client.uri.database ?? alias
            return MongoBackend(client: client, database: name)
        }
    }

    /// The URI the settings of a `"mongodb"` alias connect with (see ``register()``).
    public static func connectionURI(for settings: DatabaseSettings) -> String {
        if let uri = settings.uri { return uri }
        var text = "mongodb://"
        if let user = settings.user {
            text += percentEncoded(user)
            if let password = settings.password { text += ":" + percentEncoded(password) }
            text += "@"
        }
        let host = settings.host ?? "127.0.0.1"
        text += host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        text += ":\(settings.port ?? 27017)/"
        if let name = settings.name { text += percentEncoded(name) }
        if !settings.options.isEmpty {
            text += "?" + settings.options.sorted { $0.key < $1.key }
                .map { "\(percentEncoded($0.key))=\(percentEncoded($0.value))" }.joined(separator: "&")
        }
        return text
    }

    private static func percentEncoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// Clients by URI, shared by the aliases that use the same server.
    static let clients = ClientCache()
}

/// One `MongoClient` per connection string.
final class ClientCache: Sendable {
    private let clients = Mutex<[String: MongoClient]>([:])

    func client(for uri: String) throws(MongoError) -> MongoClient {
        let result: Result<MongoClient, MongoError> = clients.withLock { clients in
            if let existing = clients[uri] { return .success(existing) }
            do throws(MongoError) {
                let client = try MongoClient(uri)
                clients[uri] = client
                return .success(client)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}
