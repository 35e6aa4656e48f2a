import Foundation
import NonrelCodingSupport

// Internal machinery shared by `BSONEncoder` and `BSONDecoder`: coding keys, coding paths,
// the "native type" marker protocols and the numeric conversions.

/// A conversion problem without its coding path; the container that catches it adds the path.
struct _BSONCoercionError: Error {
    let message: String
    init(_ message: String) { self.message = message }

    static func mismatch(_ expected: String, _ found: BSONValue) -> _BSONCoercionError {
        _BSONCoercionError("expected \(expected), found \(found.typeName)")
    }
}

/// A type our encoder turns into a `BSONValue` directly, without calling `encode(to:)`.
/// Checked with one dynamic cast, so natives skip the container machinery entirely.
protocol _BSONEncodableNative {
    func _bsonValue() throws(_BSONCoercionError) -> BSONValue
}

/// A type our decoder builds directly from a `BSONValue`, without calling `init(from:)`.
protocol _BSONDecodableNative {
    static func _fromBSON(_ value: BSONValue) throws(_BSONCoercionError) -> Self
}


// MARK: - Numeric conversions

enum _BSONNumeric {
    /// Any BSON integer, or a double holding a whole number, that fits `I` exactly.
    @inline(__always)
    static func integer<I: FixedWidthInteger>(_ value: BSONValue, as _: I.Type) throws(_BSONCoercionError) -> I {
        switch value {
        case .int32(let v):
            if let result = I(exactly: v) { return result }
            throw _BSONCoercionError("int32 \(v) does not fit in \(I.self)")
        case .int64(let v):
            if let result = I(exactly: v) { return result }
            throw _BSONCoercionError("int64 \(v) does not fit in \(I.self)")
        case .double(let v):
            if let result = I(exactly: v) { return result }
            if v.isFinite && v.rounded(.towardZero) == v {
                throw _BSONCoercionError("double \(v) does not fit in \(I.self)")
            }
            throw _BSONCoercionError("double \(v) is not a whole number, cannot decode \(I.self)")
        default:
            throw .mismatch("\(I.self)", value)
        }
    }

    /// A double, or a BSON integer that a `Double` represents exactly.
    @inline(__always)
    static func double(_ value: BSONValue) throws(_BSONCoercionError) -> Double {
        switch value {
        case .double(let v): return v
        case .int32(let v): return Double(v)
        case .int64(let v):
            if let result = Double(exactly: v) { return result }
            throw _BSONCoercionError("int64 \(v) cannot be represented exactly as Double")
        default:
            throw .mismatch("Double", value)
        }
    }

    /// Like `double`, rounded to the nearest `Float`; values beyond `Float`'s range are errors.
    @inline(__always)
    static func float(_ value: BSONValue) throws(_BSONCoercionError) -> Float {
        switch value {
        case .double(let v):
            let result = Float(v)
            if result.isInfinite && v.isFinite {
                throw _BSONCoercionError("double \(v) is out of Float's range")
            }
            return result
        case .int32(let v):
            if let result = Float(exactly: v) { return result }
            throw _BSONCoercionError("int32 \(v) cannot be represented exactly as Float")
        case .int64(let v):
            if let result = Float(exactly: v) { return result }
            throw _BSONCoercionError("int64 \(v) cannot be represented exactly as Float")
        default:
            throw .mismatch("Float", value)
        }
    }

    /// An unsigned value as int64, or an error when it exceeds `Int64.max`.
    @inline(__always)
    static func int64<U: UnsignedInteger & FixedWidthInteger>(_ value: U) throws(_BSONCoercionError) -> BSONValue {
        if let v = Int64(exactly: value) { return .int64(v) }
        throw _BSONCoercionError("\(U.self) value \(value) does not fit in a BSON int64")
    }
}
