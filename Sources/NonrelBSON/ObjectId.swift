import Foundation
import Synchronization

/// A 12-byte MongoDB ObjectId: a 4-byte creation time in seconds, 5 random bytes chosen once
/// per process, and a 3-byte counter.
public struct ObjectId: Sendable, Hashable, Comparable, CustomStringConvertible {
    // The 12 bytes held inline (no heap storage): bytes 0...7 and 8...11, big-endian, so that
    // comparing (high, low) orders ObjectIds as their bytes do.
    private let high: UInt64
    private let low: UInt32

    /// The 12 bytes, big-endian, as stored in BSON.
    public var bytes: [UInt8] {
        (0..<12).map { byte(at: $0) }
    }

    /// The byte at `index` (0...11) of ``bytes``.
    @inline(__always)
    package func byte(at index: Int) -> UInt8 {
        index < 8 ? UInt8(truncatingIfNeeded: high >> (56 - 8 * UInt64(index)))
            : UInt8(truncatingIfNeeded: low >> (24 - 8 * UInt32(index - 8)))
    }

    /// An ObjectId from its two big-endian parts.
    package init(high: UInt64, low: UInt32) {
        self.high = high
        self.low = low
    }

    /// A new, unique ObjectId stamped with the current time.
    public init() {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let seconds = UInt64(UInt32(truncatingIfNeeded: now.tv_sec))
        let count = ObjectId.counter.wrappingAdd(1, ordering: .relaxed).oldValue
        high = seconds << 32 | ObjectId.processUnique >> 8
        low = UInt32(truncatingIfNeeded: ObjectId.processUnique) << 24 | (count & 0xFF_FFFF)
    }

    /// An ObjectId from its 12 raw bytes.
    public init(bytes: [UInt8]) throws(BSONError) {
        guard bytes.count == 12 else {
            throw .invalidObjectId("expected 12 bytes, got \(bytes.count)")
        }
        self.init(bigEndian: bytes[...])
    }

    /// An ObjectId from exactly 12 bytes, as BSON stores them.
    package init(bigEndian bytes: ArraySlice<UInt8>) {
        precondition(bytes.count == 12, "an ObjectId has 12 bytes")
        let start = bytes.startIndex
        var high: UInt64 = 0
        for i in 0..<8 { high = high << 8 | UInt64(bytes[start + i]) }
        var low: UInt32 = 0
        for i in 8..<12 { low = low << 8 | UInt32(bytes[start + i]) }
        self.init(high: high, low: low)
    }

    /// Parses a 24-character hexadecimal string such as `"507f1f77bcf86cd799439011"`.
    public init(_ hex: String) throws(BSONError) {
        let utf8 = hex.utf8
        guard utf8.count == 24 else {
            throw .invalidObjectId(
                "\"\(hex)\" is not an ObjectId: expected 24 hexadecimal characters, got \(utf8.count)")
        }
        var high: UInt64 = 0, low: UInt32 = 0
        var index = 0
        for c in utf8 {
            guard let nibble = ObjectId.hexNibble(c) else {
                throw .invalidObjectId(
                    "\"\(hex)\" is not an ObjectId: it may hold only the characters 0-9 and a-f")
            }
            if index < 16 { high = high << 4 | UInt64(nibble) } else { low = low << 4 | UInt32(nibble) }
            index += 1
        }
        self.init(high: high, low: low)
    }

    /// Whether `hex` is a valid 24-character hexadecimal ObjectId string.
    public static func isValid(_ hex: String) -> Bool {
        (try? ObjectId(hex)) != nil
    }

    /// The lowercase 24-character hexadecimal form.
    public var hex: String {
        String(unsafeUninitializedCapacity: 24) { buffer in
            for i in 0..<12 {
                let b = byte(at: i)
                buffer[2 * i] = ObjectId.hexDigit(b >> 4)
                buffer[2 * i + 1] = ObjectId.hexDigit(b & 0x0F)
            }
            return 24
        }
    }

    @inline(__always)
    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    public var description: String { hex }

    /// The creation time stored in the first four bytes.
    public var timestamp: Date {
        let seconds = UInt32(truncatingIfNeeded: high >> 32)
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    public static func < (lhs: ObjectId, rhs: ObjectId) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }

    private static func hexNibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Five random bytes chosen once per process (the low 40 bits).
    private static let processUnique: UInt64 = UInt64.random(in: 0...0xFF_FFFF_FFFF)
    private static let counter = Atomic<UInt32>(UInt32.random(in: 0...0xFFFFFF))
}
