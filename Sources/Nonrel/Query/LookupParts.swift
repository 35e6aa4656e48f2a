import Foundation

extension String {
    /// The parts of a lookup (`"author__name__icontains"`) between its `__` separators: what
    /// `components(separatedBy: "__")` returns, split without Foundation's generic search when
    /// the lookup is ASCII (as field names and lookups are).
    var lookupParts: [String] {
        if let parts = utf8.withContiguousStorageIfAvailable(Self.asciiLookupParts), let parts { return parts }
        return components(separatedBy: "__")
    }

    /// The `__`-separated parts of ASCII `bytes`, or nil when they are not all ASCII.
    private static func asciiLookupParts(_ bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
        var parts: [String] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 0x80 { return nil }
            if byte == UInt8(ascii: "_"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "_") {
                parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]), as: UTF8.self))
        return parts
    }
}
