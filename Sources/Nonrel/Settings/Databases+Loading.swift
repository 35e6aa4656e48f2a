import Foundation

extension Databases {
    /// The environment variable whose URI replaces the `"default"` database's URI.
    public static let uriEnvironmentVariable = "NONREL_MONGO_URI"

    /// Reads `DATABASES` from JSON, Django's shape:
    ///
    /// ```json
    /// { "default": { "ENGINE": "mongodb", "URI": "mongodb://127.0.0.1:27017/blog" },
    ///   "scratch": { "ENGINE": "memory" } }
    /// ```
    /// then applies the environment: `NONREL_MONGO_URI`, when set, replaces the `"default"`
    /// database's URI.
    public static func settings(fromJSON data: Data, environment: [String: String] = ProcessInfo.processInfo.environment) throws(NonrelError) -> [String: DatabaseSettings] {
        let parsed: [String: DatabaseSettings]
        do {
            parsed = try JSONDecoder().decode([String: DatabaseSettings].self, from: data)
        } catch {
            throw NonrelError(.improperlyConfigured, "DATABASES JSON is not valid: \(error). Expected {\"default\": {\"ENGINE\": \"mongodb\", \"URI\": \"mongodb://...\"}}")
        }
        return applyingEnvironment(parsed, environment: environment)
    }

    /// Reads `DATABASES` from a JSON file (see ``settings(fromJSON:environment:)``).
    public static func settings(fromFile path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(NonrelError) -> [String: DatabaseSettings] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw NonrelError(.improperlyConfigured, "cannot read the DATABASES file \(path)")
        }
        return try settings(fromJSON: data, environment: environment)
    }

    /// `settings` with `NONREL_MONGO_URI` (when set) as the `"default"` database's URI; a
    /// missing `"default"` becomes a MongoDB database at that URI.
    public static func applyingEnvironment(_ settings: [String: DatabaseSettings], environment: [String: String] = ProcessInfo.processInfo.environment) -> [String: DatabaseSettings] {
        guard let uri = environment[uriEnvironmentVariable], !uri.isEmpty else { return settings }
        var result = settings
        var main = result["default"] ?? DatabaseSettings(engine: "mongodb")
        main.uri = uri
        result["default"] = main
        return result
    }
}
