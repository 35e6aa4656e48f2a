import CMongoC

/// The library's name and version as sent in the connection handshake.
public enum NonrelDriverInfo {
    public static let name = "nonrel"
    public static let version = "0.1.0"
}

private let libmongocInitialised: Bool = {
    mongoc_init()
    return mongoc_handshake_data_append(NonrelDriverInfo.name, NonrelDriverInfo.version, "swift")
}()

/// Initialises libmongoc once per process and adds this library to the handshake metadata.
func initialiseLibmongoc() {
    _ = libmongocInitialised
}
