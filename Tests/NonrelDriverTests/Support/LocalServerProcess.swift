import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A SecantusDB server this test process starts and kills itself, for failure tests. The
/// executable comes from `NONREL_TEST_SERVER_BIN` (set by `make test`).
final class LocalServerProcess: @unchecked Sendable {
    static let executable: String? = {
        let value = ProcessInfo.processInfo.environment["NONREL_TEST_SERVER_BIN"]
        return value?.isEmpty == false ? value : nil
    }()

    let port: Int
    let storage: URL
    private var process: Process?

    /// Picks a free loopback port and a fresh storage directory; commits are synced to disk, so
    /// acknowledged writes survive a kill.
    init() throws {
        port = try Self.freePort()
        storage = FileManager.default.temporaryDirectory.appendingPathComponent("nonrel-restart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: storage, withIntermediateDirectories: true)
    }

    deinit { stop() }

    /// Stops the server (SIGKILL: the server's own SIGTERM shutdown can take long) and removes
    /// its storage. Call it when done: a test process that exits does not take its child
    /// processes with it.
    func stop() {
        kill()
        try? FileManager.default.removeItem(at: storage)
    }

    var uri: String { "mongodb://127.0.0.1:\(port)/?retryWrites=false&serverSelectionTimeoutMS=2000&connectTimeoutMS=1000" }

    /// Starts the server and waits (up to 30 s) until it accepts connections.
    func start() throws {
        guard let executable = Self.executable else { throw ServerProcessError("NONREL_TEST_SERVER_BIN is not set") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--host", "127.0.0.1", "--port", String(port), "--storage-path", storage.path, "--sync-on-commit", "--log-level", "WARNING"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if Self.canConnect(port: port) { return }
            guard process.isRunning else { throw ServerProcessError("server exited with status \(process.terminationStatus)") }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw ServerProcessError("server did not accept connections on port \(port) within 30 s")
    }

    /// Kills the server abruptly (SIGKILL), as a crash would.
    func kill() {
        guard let process else { return }
        if process.isRunning {
            Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        self.process = nil
    }

    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerProcessError("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw ServerProcessError("could not bind a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func canConnect(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}

struct ServerProcessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
