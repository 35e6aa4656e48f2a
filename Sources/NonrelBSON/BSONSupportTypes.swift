import Foundation

/// BSON binary data with its subtype.
public struct BSONBinary: Sendable, Hashable {
    /// The BSON binary subtype byte.
    public struct Subtype: RawRepresentable, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        public static let generic = Subtype(rawValue: 0x00)
        public static let function = Subtype(rawValue: 0x01)
        /// Deprecated: the old binary subtype, stored with an inner length prefix.
        public static let binaryOld = Subtype(rawValue: 0x02)
        /// Deprecated: the old UUID subtype with driver-specific byte order.
        public static let uuidOld = Subtype(rawValue: 0x03)
        public static let uuid = Subtype(rawValue: 0x04)
        public static let md5 = Subtype(rawValue: 0x05)
        public static let encrypted = Subtype(rawValue: 0x06)
        public static let column = Subtype(rawValue: 0x07)
        public static let sensitive = Subtype(rawValue: 0x08)
        public static let vector = Subtype(rawValue: 0x09)
        /// The first of the user-defined subtypes (0x80-0xFF).
        public static let userDefined = Subtype(rawValue: 0x80)
    }

    public var subtype: Subtype
    public var bytes: [UInt8]

    public init(bytes: [UInt8], subtype: Subtype = .generic) {
        self.bytes = bytes
        self.subtype = subtype
    }

    public init(data: Data, subtype: Subtype = .generic) {
        self.init(bytes: Array(data), subtype: subtype)
    }

    /// A subtype-4 binary holding `uuid` in its standard byte order.
    public init(uuid: UUID) {
        let u = uuid.uuid
        self.init(bytes: [u.0, u.1, u.2, u.3, u.4, u.5, u.6, u.7, u.8, u.9, u.10, u.11, u.12, u.13, u.14, u.15],
                  subtype: .uuid)
    }

    public var data: Data { Data(bytes) }

    /// The UUID held by a 16-byte subtype-4 binary.
    public var uuid: UUID? {
        guard subtype == .uuid, bytes.count == 16 else { return nil }
        let b = bytes
        return UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                           b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
    }
}

/// A BSON UTC datetime: signed milliseconds since the Unix epoch. Its range is wider than
/// `Date`'s precision, so the raw milliseconds are kept.
public struct BSONDateTime: Sendable, Hashable, Comparable {
    public var millisecondsSinceEpoch: Int64

    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    /// `date` truncated to whole milliseconds, as MongoDB stores it.
    public init(_ date: Date) {
        // Rounded to the microsecond first, so `.456` s (held as `.45599999...`) gives 456 ms.
        let ms = ((date.timeIntervalSince1970 * 1_000_000).rounded() / 1000).rounded(.down)
        self.millisecondsSinceEpoch = ms >= 9.2e18 ? .max : ms <= -9.2e18 ? .min : Int64(ms)
    }

    public var date: Date { Date(timeIntervalSince1970: TimeInterval(millisecondsSinceEpoch) / 1000) }

    public static func < (lhs: BSONDateTime, rhs: BSONDateTime) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }
}

/// A BSON regular expression: a pattern and its option letters (stored sorted).
public struct BSONRegularExpression: Sendable, Hashable {
    public var pattern: String
    public var options: String

    /// Options are kept in alphabetical order, as the BSON specification requires.
    public init(pattern: String, options: String = "") {
        self.pattern = pattern
        self.options = String(options.sorted())
    }
}

/// A BSON timestamp (MongoDB's internal replication clock): seconds and an increment.
public struct BSONTimestamp: Sendable, Hashable, Comparable {
    public var timestamp: UInt32
    public var increment: UInt32

    public init(timestamp: UInt32, increment: UInt32) {
        self.timestamp = timestamp
        self.increment = increment
    }

    public static func < (lhs: BSONTimestamp, rhs: BSONTimestamp) -> Bool {
        (lhs.timestamp, lhs.increment) < (rhs.timestamp, rhs.increment)
    }
}

/// Deprecated BSON JavaScript code with a scope document.
public struct BSONCodeWithScope: Sendable, Hashable {
    public var code: String
    public var scope: BSONDocument

    public init(code: String, scope: BSONDocument) {
        self.code = code
        self.scope = scope
    }
}

/// Deprecated BSON DBPointer: a collection namespace and an ObjectId.
public struct BSONDBPointer: Sendable, Hashable {
    public var ref: String
    public var id: ObjectId

    public init(ref: String, id: ObjectId) {
        self.ref = ref
        self.id = id
    }
}

/// A 128-bit IEEE 754-2008 decimal (BID encoding), stored as two 64-bit halves.
public struct Decimal128: Sendable, Hashable {
    /// The low 64 bits (little-endian first in BSON).
    public var low: UInt64
    /// The high 64 bits: sign, combination field, exponent, and the top of the coefficient.
    public var high: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }
}
