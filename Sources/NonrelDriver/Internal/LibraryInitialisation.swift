import CMongoC
import Foundation

/// The library's name and version as sent in the connection handshake.
public enum NonrelDriverInfo {
    public static let name = "nonrel"
    public static let version = "0.1.0"
}

private let libmongocInitialised: Bool = {
    mongoc_init()
    mongoc_log_set_handler(forwardLogMessage, nil)
    return mongoc_handshake_data_append(NonrelDriverInfo.name, NonrelDriverInfo.version, "swift")
}()

/// The most verbose libmongoc log level printed to standard error: `NONREL_MONGOC_LOG_LEVEL`
/// (`error`, `warning`, `message`, `info`, `debug`, `trace`), by default `warning`. libmongoc's
/// own default prints its debug chatter (server monitoring) too.
private let libmongocLogThreshold: UInt32 = {
    let levels: [String: mongoc_log_level_t] = [
        "error": MONGOC_LOG_LEVEL_ERROR, "critical": MONGOC_LOG_LEVEL_CRITICAL, "warning": MONGOC_LOG_LEVEL_WARNING,
        "message": MONGOC_LOG_LEVEL_MESSAGE, "info": MONGOC_LOG_LEVEL_INFO, "debug": MONGOC_LOG_LEVEL_DEBUG,
        "trace": MONGOC_LOG_LEVEL_TRACE,
    ]
    let name = ProcessInfo.processInfo.environment["NONREL_MONGOC_LOG_LEVEL"]?.lowercased() ?? "warning"
    return (levels[name] ?? MONGOC_LOG_LEVEL_WARNING).rawValue
}()

private func forwardLogMessage(
    level: mongoc_log_level_t, domain: UnsafePointer<CChar>?, message: UnsafePointer<CChar>?, userData: UnsafeMutableRawPointer?
) {
    guard level.rawValue <= libmongocLogThreshold else { return }
    mongoc_log_default_handler(level, domain, message, userData)
}

/// Initialises libmongoc once per process and adds this library to the handshake metadata.
func initialiseLibmongoc() {
    _ = libmongocInitialised
}
