import Foundation

// Standard-library and Foundation types that `BSONEncoder` and `BSONDecoder` map to BSON
// values directly (see the type table on `BSONEncoder`).

extension Bool: _BSONEncodableNative, _BSONDecodableNative {
    @inline(__always) func _bsonValue() -> BSONValue { .bool(self) }
    @inline(__always) static func _fromBSON(_ value: BSONValue) throws(_BSONCoercionError) -> Bool {
        if case .bool(let v) = value { return v }
        throw .mismatch("a bool", value)
    }
}

extension String: _BSONEncodableNative, _BSONDecodableNative {
    @inline(__always) func _bsonValue() -> BSONValue { .string(self) }
    @inline(__always) static func _fromBSON(_ value: BSONValue) throws(_BSONCoercionError) -> String {
        switch value {
        case .string(let v), .symbol(let v): return v
        default: throw .mismatch("a string", value)
        }
    }
}

extension Double: _BSONEncodableNative, _BSONDecodableNative {
    @inline(__always) func _bsonValue() -> BSONValue { .double(self) }
    @inline(__always) static func _fromBSON(_ value: BSONValue) throws(_BSONCoercionError) -> Double {
        try _BSONNumeric.double(value)
    }
}

extension Float: _BSONEncodableNative, _BSONDecodableNative {
    @inline(__always) func _bsonValue() -> BSONValue { .double(Double(self)) }
    @inline(__always) static func _fromBSON(_ value: BSONValue) throws(_BSONCoercionError) -> Float {
        try _BSONNumeric.float(value)
    }
}

extension Int: _BSONEncodableNative, _BSONDecodableNative {
    @inline(__always) func _bsonValue() -> BSONValue { .int64(Int64(self)) }
    @inline(__always) static func _fromBSON(_ value: BSONValue) throws(_BSONCoercionError) -> Int {
        try _BSONNumeric.integer(value, as: Int.self)
    }
}

extension Int64: _BSONEncodableNative, _BSONDecodableNative {
    @inline(__always) func _bsonValue() -> BSONValue { .int64(self) }
    @inline(__always) static func _fromBSON(_ value: BSONValue) throws(_BSONCoercionError) -> Int64 {
        try _BSONNumeric.integer(value, as: Int64.self)
    }
}

extension Int32: _BSONEncodableNative, _BSONDecodableNative {
    @inline(__always) func _bsonValue() -> BSONValue { .int32(self) }
    @inline(__always) static func _fromBSON(_ value: BSONValue) throws(_BSONCoercionError) -> Int32 {
        try _BSONNumeric.integer(value, as: Int32.self)
    }
}

extension Int16: _BSONEncodableNative, _BSONDecodableNative {
    @inline(__always) func _bsonValue() -> BSONValue { .int32(Int32(self)) }
    @inline(__always) static func _fromBSON(_ value: BSONValue) throws(_BSONCoercionError) -> Int16 {
        try _BSONNumeric.integer(value, as: Int16.self)
    }
}

extension Int8: _BSONEncodableNative, _BSONDecodableNative {
    @inline(__always) func _bsonValue() -> BSONValue { .int32(Int32(self)) }
    @inline(__always) static func _fromBSON(_ value: BSONValue) throws(_BSONCoercionError) -> Int8 {
        try _BSONNumeric.integer(value, as: Int8.self)
    }
}

extension UInt: _BSONEncodableNative, _BSONDecodableNative {
    @inline(__always) func _bsonValue() throws(_BSONCoercionError) -> BSONValue { try _BSONNumeric.int64(self) }
    @inline(__always) static func _fromBSON(_ value: BSONValue) throws(_BSONCoercionError) -> UInt {
        try _BSONNumeric.integer(value, as: UInt.self)
    }
}

extension UInt64: _BSONEncodableNative, _BSONDecodableNative {
    @inline(__always) func _bsonValue() throws(_BSONCoercionError) -> BSONValue { try _BSONNumeric.int64(self) }
    @inline(__always) static func _fromBSON(_ value: BSONValue) throws(_BSONCoercionError) -> UInt64 {
        try _BSONNumeric.integer(value, as: UInt64.self)
    }
}

extension UInt32: _BSONEncodableNative, _BSONDecodableNative {
    @inline(__always) func _bsonValue() -> BSONValue { .int64(Int64(self)) }
    @inline(__always) static func _fromBSON(_ value: BSONValue) throws(_BSONCoercionError) -> UInt32 {
        try _BSONNumeric.integer(value, as: UInt32.self)
    }
}

extension UInt16: _BSONEncodableNative, _BSONDecodableNative {
    @inline(__always) func _bsonValue() -> BSONValue { .int32(Int32(self)) }
    @inline(__always) static func _fromBSON(_ value: BSONValue) throws(_BSONCoercionError) -> UInt16 {
        try _BSONNumeric.integer(value, as: UInt16.self)
    }
}

extension UInt8: _BSONEncodableNative, _BSONDecodableNative {
    @inline(__always) func _bsonValue() -> BSONValue { .int32(Int32(self)) }
    @inline(__always) static func _fromBSON(_ value: BSONValue) throws(_BSONCoercionError) -> UInt8 {
        try _BSONNumeric.integer(value, as: UInt8.self)
    }
}

extension Date: _BSONEncodableNative, _BSONDecodableNative {
    func _bsonValue() -> BSONValue { .datetime(BSONDateTime(self)) }
    static func _fromBSON(_ value: BSONValue) throws(_BSONCoercionError) -> Date {
        if case .datetime(let v) = value { return v.date }
        throw .mismatch("a datetime", value)
    }
}

extension UUID: _BSONEncodableNative, _BSONDecodableNative {
    func _bsonValue() -> BSONValue { .binary(BSONBinary(uuid: self)) }
    static func _fromBSON(_ value: BSONValue) throws(_BSONCoercionError) -> UUID {
        switch value {
        case .binary(let binary) where binary.subtype == .uuid || binary.subtype == .uuidOld:
            let b = binary.bytes
            guard b.count == 16 else {
                throw _BSONCoercionError("expected a 16-byte UUID binary, found \(b.count) bytes")
            }
            return UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                               b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
        case .string(let text):
            guard let uuid = UUID(uuidString: text) else {
                throw _BSONCoercionError("\"\(text)\" is not a UUID string")
            }
            return uuid
        case .binary(let binary):
            throw _BSONCoercionError("expected a UUID (binary subtype 4 or 3), found binary subtype \(binary.subtype.rawValue)")
        default:
            throw .mismatch("a UUID (binary subtype 4 or a UUID string)", value)
        }
    }
}

extension Data: _BSONEncodableNative, _BSONDecodableNative {
    func _bsonValue() -> BSONValue { .binary(BSONBinary(data: self)) }
    /// Any binary subtype is accepted; the bytes are returned as they are.
    static func _fromBSON(_ value: BSONValue) throws(_BSONCoercionError) -> Data {
        if case .binary(let v) = value { return Data(v.bytes) }
        throw .mismatch("binary", value)
    }
}

extension URL: _BSONEncodableNative, _BSONDecodableNative {
    func _bsonValue() -> BSONValue { .string(absoluteString) }
    static func _fromBSON(_ value: BSONValue) throws(_BSONCoercionError) -> URL {
        guard case .string(let text) = value else { throw .mismatch("a URL string", value) }
        guard let url = URL(string: text) else { throw _BSONCoercionError("\"\(text)\" is not a valid URL") }
        return url
    }
}

extension Decimal: _BSONEncodableNative, _BSONDecodableNative {
    func _bsonValue() throws(_BSONCoercionError) -> BSONValue { .decimal128(try Decimal128(_decimal: self)) }
    /// From decimal128, int32, int64, or a decimal string.
    static func _fromBSON(_ value: BSONValue) throws(_BSONCoercionError) -> Decimal {
        switch value {
        case .decimal128(let v): return try v._foundationDecimal()
        case .int32(let v): return Decimal(v)
        case .int64(let v): return Decimal(v)
        case .string(let text):
            guard let decimal = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
                throw _BSONCoercionError("\"\(text)\" is not a decimal number")
            }
            return decimal
        default:
            throw .mismatch("a decimal128", value)
        }
    }
}
