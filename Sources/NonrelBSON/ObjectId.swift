import Foundation
import Synchronization

/// A 12-byte MongoDB ObjectId: a 4-byte creation time in seconds, 5 random bytes chosen once
/// per process, and a 3-byte counter.
public struct ObjectId: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 12 bytes, big-endian, as stored in BSON.
    public let bytes: [UInt8]

    /// A new, unique ObjectId stamped with the current time.
    public init() {
        let seconds = UInt32(truncatingIfNeeded: Int(Date().timeIntervalSince1970))
        let count = ObjectId.counter.wrappingAdd(1, ordering: .relaxed).oldValue
        var b = [UInt8](repeating: 0, count: 12)
        b[0] = UInt8(truncatingIfNeeded: seconds >> 24)
        b[1] = UInt8(truncatingIfNeeded: seconds >> 16)
        b[2] = UInt8(truncatingIfNeeded: seconds >> 8)
        b[3] = UInt8(truncatingIfNeeded: seconds)
        for i in 0..<5 { b[4 + i] = ObjectId.processUnique[i] }
        b[9] = UInt8(truncatingIfNeeded: count >> 16)
        b[10] = UInt8(truncatingIfNeeded: count >> 8)
        b[11] = UInt8(truncatingIfNeeded: count)
        self.bytes = b
    }

    /// An ObjectId from its 12 raw bytes.
    public init(bytes: [UInt8]) throws(BSONError) {
        guard bytes.count == 12 else {
            throw .invalidObjectId("expected 12 bytes, got \(bytes.count)")
        }
        self.bytes = bytes
    }

    /// Parses a 24-character hexadecimal string such as `"507f1f77bcf86cd799439011"`.
    public init(_ hex: String) throws(BSONError) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 24 else {
            throw .invalidObjectId(
                "\"\(hex)\" is not an ObjectId: expected 24 hexadecimal characters, got \(utf8.count)")
        }
        var out = [UInt8](repeating: 0, count: 12)
        for i in 0..<12 {
            guard let hi = ObjectId.hexNibble(utf8[2 * i]), let lo = ObjectId.hexNibble(utf8[2 * i + 1]) else {
                throw .invalidObjectId(
                    "\"\(hex)\" is not an ObjectId: it may hold only the characters 0-9 and a-f")
            }
            out[i] = hi << 4 | lo
        }
        self.bytes = out
    }

    /// Whether `hex` is a valid 24-character hexadecimal ObjectId string.
    public static func isValid(_ hex: String) -> Bool {
        (try? ObjectId(hex)) != nil
    }

    /// The lowercase 24-character hexadecimal form.
    public var hex: String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(24)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public var description: String { hex }

    /// The creation time stored in the first four bytes.
    public var timestamp: Date {
        let seconds = UInt32(bytes[0]) << 24 | UInt32(bytes[1]) << 16 | UInt32(bytes[2]) << 8 | UInt32(bytes[3])
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    public static func < (lhs: ObjectId, rhs: ObjectId) -> Bool {
        lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }

    private static func hexNibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static let processUnique: [UInt8] = (0..<5).map { _ in UInt8.random(in: 0...255) }
    private static let counter = Atomic<UInt32>(UInt32.random(in: 0...0xFFFFFF))
}
