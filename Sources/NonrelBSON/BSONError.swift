/// Errors of the BSON layer. Each message says what was wrong and, where it helps, what to do.
public enum BSONError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A string or byte count that is not an ObjectId.
    case invalidObjectId(String)
    /// A string that is not a Decimal128.
    case invalidDecimal128(String)
    /// Bytes that are not valid BSON (bad lengths, terminators, UTF-8, type bytes...).
    case malformedBSON(String)
    /// Text that is not valid (extended) JSON.
    case invalidExtendedJSON(String)
    /// A key that cannot be stored: it contains a NUL byte.
    case invalidKey(String)
    /// A Swift value that could not be encoded to BSON.
    case encodingFailed(String)
    /// BSON that could not be decoded into the requested Swift type.
    case decodingFailed(String)

    public var description: String {
        switch self {
        case .invalidObjectId(let m): "invalid ObjectId: \(m)"
        case .invalidDecimal128(let m): "invalid Decimal128: \(m)"
        case .malformedBSON(let m): "malformed BSON: \(m)"
        case .invalidExtendedJSON(let m): "invalid extended JSON: \(m)"
        case .invalidKey(let m): "invalid key: \(m)"
        case .encodingFailed(let m): "BSON encoding failed: \(m)"
        case .decodingFailed(let m): "BSON decoding failed: \(m)"
        }
    }
}
