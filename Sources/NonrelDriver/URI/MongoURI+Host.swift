import CMongoC

extension MongoURI {
    /// One server address of a connection string.
    public struct Host: Sendable, Hashable, CustomStringConvertible {
        /// How the address was written.
        public enum Kind: String, Sendable, Hashable {
            /// A DNS name, such as `example.com` (also `256.0.0.1`, which is not a valid IPv4 address).
            case hostname
            /// A dotted-quad IPv4 address, such as `127.0.0.1`.
            case ipv4
            /// An IPv6 address written in brackets, such as `[::1]`; `host` holds it without brackets.
            case ipLiteral
            /// A Unix domain socket path (percent-encoded in the string), such as `/tmp/mongodb-27017.sock`.
            case unixSocket
        }

        /// The host name, address or socket path, percent-decoded and without brackets.
        public var host: String
        /// The port written in the connection string, or `nil` when it gave none.
        public var port: Int?
        /// What kind of address `host` is.
        public var kind: Kind

        public init(host: String, port: Int? = nil, kind: Kind) {
            self.host = host
            self.port = port
            self.kind = kind
        }

        /// The port the driver connects to: the written one, or MongoDB's default 27017.
        public var effectivePort: Int { port ?? 27017 }

        public var description: String {
            let name = kind == .ipLiteral ? "[\(host)]" : host
            return port.map { "\(name):\($0)" } ?? name
        }
    }

    /// The servers listed in the connection string, in order, duplicates removed by libmongoc.
    /// Empty for `mongodb+srv://` strings, whose hosts come from DNS (see ``srvHostname``).
    public var hosts: [Host] {
        let written = MongoURI.writtenHosts(of: string)
        var used = Set<Int>()
        var result: [Host] = []
        var node = mongoc_uri_get_hosts(pointer)
        while let current = node {
            let name = withUnsafeBytes(of: current.pointee.host) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            let kind: Host.Kind
            switch current.pointee.family {
            case AF_INET6: kind = .ipLiteral
            case AF_UNIX: kind = .unixSocket
            default: kind = MongoURI.isIPv4(name) ? .ipv4 : .hostname
            }
            let libmongocPort = Int(current.pointee.port)
            // libmongoc stores 27017 when no port is written; the string tells the two apart.
            let match = written.indices.first { index in
                !used.contains(index) && written[index].host.lowercased() == name.lowercased()
                    && (written[index].port ?? 27017) == libmongocPort
            }
            let port: Int?
            if let match {
                used.insert(match)
                port = written[match].port
            } else {
                port = libmongocPort
            }
            result.append(Host(host: name, port: port, kind: kind))
            node = UnsafePointer(current.pointee.next)
        }
        return result
    }

    /// The DNS name of a `mongodb+srv://` string, or `nil` for a `mongodb://` string.
    public var srvHostname: String? {
        mongoc_uri_get_srv_hostname(pointer).map { String(cString: $0) }
    }

    /// The host list as written: percent-decoded names (brackets removed) and explicit ports.
    private static func writtenHosts(of string: String) -> [(host: String, port: Int?)] {
        guard let scheme = string.range(of: "://") else { return [] }
        var rest = string[scheme.upperBound...]
        if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        return rest.split(separator: ",", omittingEmptySubsequences: false).map { piece in
            var name = Substring(piece)
            var port: Int?
            if name.hasPrefix("["), let close = name.firstIndex(of: "]") {
                let after = name[name.index(after: close)...]
                if after.hasPrefix(":") { port = Int(after.dropFirst()) }
                name = name[name.index(after: name.startIndex)..<close]
            } else if let colon = name.lastIndex(of: ":") {
                port = Int(name[name.index(after: colon)...])
                name = name[..<colon]
            }
            return (percentDecoded(name), port)
        }
    }

    /// `text` with `%XX` escapes decoded (invalid escapes kept as written).
    static func percentDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "%"), index + 2 < utf8.count,
               let high = hexValue(utf8[index + 1]), let low = hexValue(utf8[index + 2]) {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Whether `name` is a dotted-quad IPv4 address (four decimal parts of at most 255).
    private static func isIPv4(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            (1...3).contains(part.count) && part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber)
                && Int(part).map { $0 <= 255 } == true
        }
    }
}
