import Foundation
import NonrelCodingSupport

// Internal machinery shared by `ValueEncoder` and `ValueDecoder`: coding keys, coding paths,
// the "native type" marker protocols, the numeric conversions, and `Codable` for `Row`.

extension CodingPathNode {
    /// An `.invalidValue` error naming this node's path (and `component`, when given).
    func failure(_ text: String, at component: CodingPathComponent? = nil) -> NonrelError {
        NonrelError(.invalidValue, message(text, at: component))
    }
}

/// Turns any error thrown while running someone's `encode(to:)` or `init(from:)` into a
/// `NonrelError`, with the coding path where it happened. Our own errors pass through.
func _valueError(_ error: any Error, fallbackPath: [any CodingKey]) -> NonrelError {
    if let error = error as? NonrelError { return error }
    return NonrelError(.invalidValue, describeCodingError(error, fallbackPath: fallbackPath), underlying: error)
}

/// A conversion problem without its coding path; the container that catches it adds the path.
struct _ValueCoercionError: Error {
    let message: String
    init(_ message: String) { self.message = message }

    static func mismatch(_ expected: String, _ found: Value) -> _ValueCoercionError {
        _ValueCoercionError("expected \(expected), found \(found.typeName)")
    }
}

/// A type our encoder turns into a `Value` directly, without calling `encode(to:)`.
/// Checked with one dynamic cast, so natives skip the container machinery entirely.
protocol _ValueEncodableNative {
    func _value() throws(_ValueCoercionError) -> Value
}

/// A type our decoder builds directly from a `Value`, without calling `init(from:)`.
protocol _ValueDecodableNative {
    static func _fromValue(_ value: Value) throws(_ValueCoercionError) -> Self
}

// MARK: - Numeric conversions

enum _ValueNumeric {
    /// An int, a double holding a whole number, or a whole decimal, that fits `I` exactly.
    @inline(__always)
    static func integer<I: FixedWidthInteger>(_ value: Value, as _: I.Type) throws(_ValueCoercionError) -> I {
        switch value {
        case .int(let v):
            if let result = I(exactly: v) { return result }
            throw _ValueCoercionError("int \(v) does not fit in \(I.self)")
        case .double(let v):
            if let result = I(exactly: v) { return result }
            if v.isFinite && v.rounded(.towardZero) == v {
                throw _ValueCoercionError("double \(v) does not fit in \(I.self)")
            }
            throw _ValueCoercionError("double \(v) is not a whole number, cannot decode \(I.self)")
        case .decimal(let v):
            return try decimalInteger(v, as: I.self)
        default:
            throw .mismatch("\(I.self)", value)
        }
    }

    private static func decimalInteger<I: FixedWidthInteger>(_ v: Decimal, as _: I.Type) throws(_ValueCoercionError) -> I {
        guard v.isFinite else { throw _ValueCoercionError("decimal \(v) is not a number, cannot decode \(I.self)") }
        var rounded = Decimal()
        var source = v
        NSDecimalRound(&rounded, &source, 0, .plain)
        guard rounded == v else {
            throw _ValueCoercionError("decimal \(v) is not a whole number, cannot decode \(I.self)")
        }
        // A whole decimal prints as plain digits (no exponent), which `I` parses exactly.
        if let result = I(v.description) { return result }
        throw _ValueCoercionError("decimal \(v) does not fit in \(I.self)")
    }

    /// A double, an int that a `Double` represents exactly, or a decimal that converts to a
    /// `Double` and back unchanged.
    @inline(__always)
    static func double(_ value: Value) throws(_ValueCoercionError) -> Double {
        switch value {
        case .double(let v): return v
        case .int(let v):
            if let result = Double(exactly: v) { return result }
            throw _ValueCoercionError("int \(v) cannot be represented exactly as Double")
        case .decimal(let v):
            return try decimalDouble(v, as: "Double")
        default:
            throw .mismatch("Double", value)
        }
    }

    private static func decimalDouble(_ v: Decimal, as name: String) throws(_ValueCoercionError) -> Double {
        if v.isNaN { return .nan }
        let result = NSDecimalNumber(decimal: v).doubleValue
        // `Double.description` is the shortest string that reads back as the same double, so
        // the conversion is exact when that string reads back as the same decimal.
        guard let back = Decimal(string: result.description, locale: _posix), back == v else {
            throw _ValueCoercionError("decimal \(v) cannot be represented exactly as \(name)")
        }
        return result
    }

    /// Like `double`, rounded to the nearest `Float`; values beyond `Float`'s range are errors.
    @inline(__always)
    static func float(_ value: Value) throws(_ValueCoercionError) -> Float {
        switch value {
        case .double(let v):
            let result = Float(v)
            if result.isInfinite && v.isFinite {
                throw _ValueCoercionError("double \(v) is out of Float's range")
            }
            return result
        case .int(let v):
            if let result = Float(exactly: v) { return result }
            throw _ValueCoercionError("int \(v) cannot be represented exactly as Float")
        case .decimal(let v):
            let double = try decimalDouble(v, as: "Float")
            let result = Float(double)
            if result.isInfinite && double.isFinite {
                throw _ValueCoercionError("decimal \(v) is out of Float's range")
            }
            return result
        default:
            throw .mismatch("Float", value)
        }
    }

    /// An unsigned value as an int, or an error when it exceeds `Int64.max`.
    @inline(__always)
    static func int<U: UnsignedInteger & FixedWidthInteger>(_ value: U) throws(_ValueCoercionError) -> Value {
        if let v = Int64(exactly: value) { return .int(v) }
        throw _ValueCoercionError("\(U.self) value \(value) does not fit in an int (Int64)")
    }
}

let _posix = Locale(identifier: "en_US_POSIX")

// MARK: - Native types

extension Bool: _ValueEncodableNative, _ValueDecodableNative {
    @inline(__always) func _value() -> Value { .bool(self) }
    @inline(__always) static func _fromValue(_ value: Value) throws(_ValueCoercionError) -> Bool {
        if case .bool(let v) = value { return v }
        throw .mismatch("a bool", value)
    }
}

extension String: _ValueEncodableNative, _ValueDecodableNative {
    @inline(__always) func _value() -> Value { .string(self) }
    @inline(__always) static func _fromValue(_ value: Value) throws(_ValueCoercionError) -> String {
        if case .string(let v) = value { return v }
        throw .mismatch("a string", value)
    }
}

extension Double: _ValueEncodableNative, _ValueDecodableNative {
    @inline(__always) func _value() -> Value { .double(self) }
    @inline(__always) static func _fromValue(_ value: Value) throws(_ValueCoercionError) -> Double {
        try _ValueNumeric.double(value)
    }
}

extension Float: _ValueEncodableNative, _ValueDecodableNative {
    @inline(__always) func _value() -> Value { .double(Double(self)) }
    @inline(__always) static func _fromValue(_ value: Value) throws(_ValueCoercionError) -> Float {
        try _ValueNumeric.float(value)
    }
}

/// Signed integers and the unsigned ones that always fit an `Int64`.
protocol _ValueSmallInteger: FixedWidthInteger, _ValueEncodableNative, _ValueDecodableNative {}

extension _ValueSmallInteger {
    @inline(__always) func _value() -> Value { .int(Int64(self)) }
    @inline(__always) static func _fromValue(_ value: Value) throws(_ValueCoercionError) -> Self {
        try _ValueNumeric.integer(value, as: Self.self)
    }
}

extension Int: _ValueSmallInteger {}
extension Int8: _ValueSmallInteger {}
extension Int16: _ValueSmallInteger {}
extension Int32: _ValueSmallInteger {}
extension Int64: _ValueSmallInteger {}
extension UInt8: _ValueSmallInteger {}
extension UInt16: _ValueSmallInteger {}
extension UInt32: _ValueSmallInteger {}

extension UInt: _ValueEncodableNative, _ValueDecodableNative {
    @inline(__always) func _value() throws(_ValueCoercionError) -> Value { try _ValueNumeric.int(self) }
    @inline(__always) static func _fromValue(_ value: Value) throws(_ValueCoercionError) -> UInt {
        try _ValueNumeric.integer(value, as: UInt.self)
    }
}

extension UInt64: _ValueEncodableNative, _ValueDecodableNative {
    @inline(__always) func _value() throws(_ValueCoercionError) -> Value { try _ValueNumeric.int(self) }
    @inline(__always) static func _fromValue(_ value: Value) throws(_ValueCoercionError) -> UInt64 {
        try _ValueNumeric.integer(value, as: UInt64.self)
    }
}

extension Date: _ValueEncodableNative, _ValueDecodableNative {
    func _value() -> Value { .date(self) }
    static func _fromValue(_ value: Value) throws(_ValueCoercionError) -> Date {
        if case .date(let v) = value { return v }
        throw .mismatch("a date", value)
    }
}

extension UUID: _ValueEncodableNative, _ValueDecodableNative {
    func _value() -> Value { .uuid(self) }
    /// From a uuid, or a UUID string.
    static func _fromValue(_ value: Value) throws(_ValueCoercionError) -> UUID {
        switch value {
        case .uuid(let v):
            return v
        case .string(let text):
            guard let uuid = UUID(uuidString: text) else {
                throw _ValueCoercionError("\"\(text)\" is not a UUID string")
            }
            return uuid
        default:
            throw .mismatch("a uuid", value)
        }
    }
}

extension Data: _ValueEncodableNative, _ValueDecodableNative {
    func _value() -> Value { .binary([UInt8](self)) }
    static func _fromValue(_ value: Value) throws(_ValueCoercionError) -> Data {
        if case .binary(let v) = value { return Data(v) }
        throw .mismatch("binary", value)
    }
}

extension URL: _ValueEncodableNative, _ValueDecodableNative {
    func _value() -> Value { .string(absoluteString) }
    static func _fromValue(_ value: Value) throws(_ValueCoercionError) -> URL {
        guard case .string(let text) = value else { throw .mismatch("a URL string", value) }
        guard let url = URL(string: text) else { throw _ValueCoercionError("\"\(text)\" is not a valid URL") }
        return url
    }
}

extension Decimal: _ValueEncodableNative, _ValueDecodableNative {
    func _value() -> Value { .decimal(self) }
    /// From a decimal, an int, or a decimal string.
    static func _fromValue(_ value: Value) throws(_ValueCoercionError) -> Decimal {
        switch value {
        case .decimal(let v): return v
        case .int(let v): return Decimal(v)
        case .string(let text):
            guard let decimal = Decimal(string: text, locale: _posix) else {
                throw _ValueCoercionError("\"\(text)\" is not a decimal number")
            }
            return decimal
        default:
            throw .mismatch("a decimal", value)
        }
    }
}

extension Value: _ValueEncodableNative, _ValueDecodableNative {
    @inline(__always) func _value() -> Value { self }
    @inline(__always) static func _fromValue(_ value: Value) -> Value { value }
}

extension Row: _ValueEncodableNative, _ValueDecodableNative {
    @inline(__always) func _value() -> Value { .document(self) }
    @inline(__always) static func _fromValue(_ value: Value) throws(_ValueCoercionError) -> Row {
        if case .document(let v) = value { return v }
        throw .mismatch("a document", value)
    }
}

// MARK: - Codable for Row (Value's is in Value+Codable.swift)

/// `ValueEncoder` and `ValueDecoder` store a `Row` as a document value. Other coders get a
/// keyed container of its values (decoding keeps the order the decoder reports keys in).
extension Row: Codable {
    public func encode(to encoder: any Encoder) throws {
        if let encoder = encoder as? _ValueEncoder {
            try encoder.encode(Value.document(self))
            return
        }
        var container = encoder.container(keyedBy: CodingPathKey.self)
        for element in elements { try container.encode(element.value, forKey: CodingPathKey(stringValue: element.key)) }
    }

    public init(from decoder: any Decoder) throws {
        if let decoder = decoder as? _ValueDecoder {
            guard case .document(let row) = decoder.value else {
                throw decoder.failure("expected a document, found \(decoder.value.typeName)")
            }
            self = row
            return
        }
        let container = try decoder.container(keyedBy: CodingPathKey.self)
        self.init(try container.allKeys.map { key in (key.stringValue, try container.decode(Value.self, forKey: key)) })
    }
}
