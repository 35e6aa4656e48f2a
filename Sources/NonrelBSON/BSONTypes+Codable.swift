import Foundation
import NonrelCodingSupport

// `Codable` for the BSON types. `BSONEncoder` and `BSONDecoder` recognise them through the
// internal native-type protocols and store them as themselves; other coders (JSONEncoder,
// PropertyListEncoder...) get a fallback:
//
// | Type | Fallback |
// |---|---|
// | `ObjectId` | its 24-character hex string |
// | `BSONDateTime` | `Date` |
// | `Decimal128` | its decimal string (`"12.50"`, `"1.0E+10"`, `"NaN"`) |
// | `BSONDocument` | a keyed container of its values |
// | `BSONValue` | JSON-like: numbers, strings, bools, null, nested containers; the other BSON types as the extended JSON shapes below |
// | `BSONBinary` | `{"$binary": {"base64": ..., "subType": "04"}}` |
// | `BSONRegularExpression` | `{"$regularExpression": {"pattern": ..., "options": ...}}` |
// | `BSONTimestamp` | `{"$timestamp": {"t": ..., "i": ...}}` |
// | `BSONCodeWithScope` | `{"$code": ..., "$scope": {...}}` |
// | `BSONDBPointer` | `{"$dbPointer": {"$ref": ..., "$id": {"$oid": ...}}}` |
//
// Decoding a `BSONValue` from another decoder reads plain JSON-like data (null, bool, integer
// as int64, double, string, keyed as document, unkeyed as array); it does not interpret
// `$`-prefixed extended JSON keys.

/// Stores `value` natively when `encoder` is ours. Returns false for other encoders.
@inline(__always)
private func _encodeNatively<T: Encodable & _BSONEncodableNative>(_ value: T, to encoder: any Encoder) throws -> Bool {
    guard let encoder = encoder as? _BSONEncoder else { return false }
    try encoder.encode(value)
    return true
}

/// Reads a `T` natively when `decoder` is ours.
@inline(__always)
private func _decodeNatively<T: _BSONDecodableNative>(_ type: T.Type, from decoder: any Decoder) throws -> T? {
    guard let decoder = decoder as? _BSONDecoder else { return nil }
    return try decoder.convert(decoder.value, at: nil) as T
}

private enum _EJSONKey: String, CodingKey {
    case binary = "$binary", base64, subType
    case regularExpression = "$regularExpression", pattern, options
    case timestamp = "$timestamp", t, i
    case code = "$code", scope = "$scope"
    case dbPointer = "$dbPointer", ref = "$ref", id = "$id", oid = "$oid"
    case undefined = "$undefined", symbol = "$symbol", minKey = "$minKey", maxKey = "$maxKey"
}

private func _corrupted(_ decoder: any Decoder, _ text: String) -> DecodingError {
    .dataCorrupted(DecodingError.Context(codingPath: decoder.codingPath, debugDescription: text))
}

// MARK: - ObjectId

extension ObjectId: Codable, _BSONEncodableNative, _BSONDecodableNative {
    func _bsonValue() -> BSONValue { .objectId(self) }
    static func _fromBSON(_ value: BSONValue) throws(_BSONCoercionError) -> ObjectId {
        if case .objectId(let v) = value { return v }
        throw .mismatch("an objectId", value)
    }

    /// Our encoder stores an objectId; other encoders get the 24-character hex string.
    public func encode(to encoder: any Encoder) throws {
        if try _encodeNatively(self, to: encoder) { return }
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }

    /// Our decoder reads an objectId; other decoders a 24-character hex string.
    public init(from decoder: any Decoder) throws {
        if let value = try _decodeNatively(ObjectId.self, from: decoder) {
            self = value
            return
        }
        let hex = try decoder.singleValueContainer().decode(String.self)
        do { self = try ObjectId(hex) } catch { throw _corrupted(decoder, error.description) }
    }
}

// MARK: - BSONDateTime

extension BSONDateTime: Codable, _BSONEncodableNative, _BSONDecodableNative {
    func _bsonValue() -> BSONValue { .datetime(self) }
    static func _fromBSON(_ value: BSONValue) throws(_BSONCoercionError) -> BSONDateTime {
        if case .datetime(let v) = value { return v }
        throw .mismatch("a datetime", value)
    }

    /// Our encoder stores a datetime; other encoders get a `Date`.
    public func encode(to encoder: any Encoder) throws {
        if try _encodeNatively(self, to: encoder) { return }
        var container = encoder.singleValueContainer()
        try container.encode(date)
    }

    /// Our decoder reads a datetime; other decoders a `Date`.
    public init(from decoder: any Decoder) throws {
        if let value = try _decodeNatively(BSONDateTime.self, from: decoder) {
            self = value
            return
        }
        self.init(try decoder.singleValueContainer().decode(Date.self))
    }
}

// MARK: - Decimal128

extension Decimal128: Codable, _BSONEncodableNative, _BSONDecodableNative {
    func _bsonValue() -> BSONValue { .decimal128(self) }
    static func _fromBSON(_ value: BSONValue) throws(_BSONCoercionError) -> Decimal128 {
        if case .decimal128(let v) = value { return v }
        throw .mismatch("a decimal128", value)
    }

    /// Our encoder stores a decimal128; other encoders get its decimal string.
    public func encode(to encoder: any Encoder) throws {
        if try _encodeNatively(self, to: encoder) { return }
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Our decoder reads a decimal128; other decoders a decimal string.
    public init(from decoder: any Decoder) throws {
        if let value = try _decodeNatively(Decimal128.self, from: decoder) {
            self = value
            return
        }
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try Decimal128(text) } catch { throw _corrupted(decoder, error.description) }
    }
}

// MARK: - BSONBinary

extension BSONBinary: Codable, _BSONEncodableNative, _BSONDecodableNative {
    func _bsonValue() -> BSONValue { .binary(self) }
    static func _fromBSON(_ value: BSONValue) throws(_BSONCoercionError) -> BSONBinary {
        if case .binary(let v) = value { return v }
        throw .mismatch("binary", value)
    }

    /// Our encoder stores a binary; other encoders get `{"$binary": {"base64", "subType"}}`.
    public func encode(to encoder: any Encoder) throws {
        if try _encodeNatively(self, to: encoder) { return }
        var outer = encoder.container(keyedBy: _EJSONKey.self)
        var inner = outer.nestedContainer(keyedBy: _EJSONKey.self, forKey: .binary)
        try inner.encode(Data(bytes).base64EncodedString(), forKey: .base64)
        let hex = String(subtype.rawValue, radix: 16)
        try inner.encode(hex.count == 1 ? "0" + hex : hex, forKey: .subType)
    }

    /// Our decoder reads a binary; other decoders the shape `encode(to:)` writes.
    public init(from decoder: any Decoder) throws {
        if let value = try _decodeNatively(BSONBinary.self, from: decoder) {
            self = value
            return
        }
        let inner = try decoder.container(keyedBy: _EJSONKey.self).nestedContainer(keyedBy: _EJSONKey.self, forKey: .binary)
        guard let data = Data(base64Encoded: try inner.decode(String.self, forKey: .base64)) else {
            throw _corrupted(decoder, "$binary.base64 is not valid base64")
        }
        guard let subtype = UInt8(try inner.decode(String.self, forKey: .subType), radix: 16) else {
            throw _corrupted(decoder, "$binary.subType is not a hexadecimal byte")
        }
        self.init(data: data, subtype: Subtype(rawValue: subtype))
    }
}

// MARK: - BSONRegularExpression

extension BSONRegularExpression: Codable, _BSONEncodableNative, _BSONDecodableNative {
    func _bsonValue() -> BSONValue { .regex(self) }
    static func _fromBSON(_ value: BSONValue) throws(_BSONCoercionError) -> BSONRegularExpression {
        if case .regex(let v) = value { return v }
        throw .mismatch("a regex", value)
    }

    /// Our encoder stores a regex; other encoders get
    /// `{"$regularExpression": {"pattern", "options"}}`.
    public func encode(to encoder: any Encoder) throws {
        if try _encodeNatively(self, to: encoder) { return }
        var outer = encoder.container(keyedBy: _EJSONKey.self)
        var inner = outer.nestedContainer(keyedBy: _EJSONKey.self, forKey: .regularExpression)
        try inner.encode(pattern, forKey: .pattern)
        try inner.encode(options, forKey: .options)
    }

    /// Our decoder reads a regex; other decoders the shape `encode(to:)` writes.
    public init(from decoder: any Decoder) throws {
        if let value = try _decodeNatively(BSONRegularExpression.self, from: decoder) {
            self = value
            return
        }
        let inner = try decoder.container(keyedBy: _EJSONKey.self)
            .nestedContainer(keyedBy: _EJSONKey.self, forKey: .regularExpression)
        self.init(pattern: try inner.decode(String.self, forKey: .pattern),
                  options: try inner.decode(String.self, forKey: .options))
    }
}

// MARK: - BSONTimestamp

extension BSONTimestamp: Codable, _BSONEncodableNative, _BSONDecodableNative {
    func _bsonValue() -> BSONValue { .timestamp(self) }
    static func _fromBSON(_ value: BSONValue) throws(_BSONCoercionError) -> BSONTimestamp {
        if case .timestamp(let v) = value { return v }
        throw .mismatch("a timestamp", value)
    }

    /// Our encoder stores a timestamp; other encoders get `{"$timestamp": {"t", "i"}}`.
    public func encode(to encoder: any Encoder) throws {
        if try _encodeNatively(self, to: encoder) { return }
        var outer = encoder.container(keyedBy: _EJSONKey.self)
        var inner = outer.nestedContainer(keyedBy: _EJSONKey.self, forKey: .timestamp)
        try inner.encode(timestamp, forKey: .t)
        try inner.encode(increment, forKey: .i)
    }

    /// Our decoder reads a timestamp; other decoders the shape `encode(to:)` writes.
    public init(from decoder: any Decoder) throws {
        if let value = try _decodeNatively(BSONTimestamp.self, from: decoder) {
            self = value
            return
        }
        let inner = try decoder.container(keyedBy: _EJSONKey.self).nestedContainer(keyedBy: _EJSONKey.self, forKey: .timestamp)
        self.init(timestamp: try inner.decode(UInt32.self, forKey: .t), increment: try inner.decode(UInt32.self, forKey: .i))
    }
}

// MARK: - BSONCodeWithScope

extension BSONCodeWithScope: Codable, _BSONEncodableNative, _BSONDecodableNative {
    func _bsonValue() -> BSONValue { .javascriptWithScope(self) }
    static func _fromBSON(_ value: BSONValue) throws(_BSONCoercionError) -> BSONCodeWithScope {
        if case .javascriptWithScope(let v) = value { return v }
        throw .mismatch("a javascriptWithScope", value)
    }

    /// Our encoder stores code with scope; other encoders get `{"$code", "$scope"}`.
    public func encode(to encoder: any Encoder) throws {
        if try _encodeNatively(self, to: encoder) { return }
        var container = encoder.container(keyedBy: _EJSONKey.self)
        try container.encode(code, forKey: .code)
        try container.encode(scope, forKey: .scope)
    }

    /// Our decoder reads code with scope; other decoders the shape `encode(to:)` writes.
    public init(from decoder: any Decoder) throws {
        if let value = try _decodeNatively(BSONCodeWithScope.self, from: decoder) {
            self = value
            return
        }
        let container = try decoder.container(keyedBy: _EJSONKey.self)
        self.init(code: try container.decode(String.self, forKey: .code),
                  scope: try container.decode(BSONDocument.self, forKey: .scope))
    }
}

// MARK: - BSONDBPointer

extension BSONDBPointer: Codable, _BSONEncodableNative, _BSONDecodableNative {
    func _bsonValue() -> BSONValue { .dbPointer(self) }
    static func _fromBSON(_ value: BSONValue) throws(_BSONCoercionError) -> BSONDBPointer {
        if case .dbPointer(let v) = value { return v }
        throw .mismatch("a dbPointer", value)
    }

    /// Our encoder stores a DBPointer; other encoders get
    /// `{"$dbPointer": {"$ref", "$id": {"$oid"}}}`.
    public func encode(to encoder: any Encoder) throws {
        if try _encodeNatively(self, to: encoder) { return }
        var outer = encoder.container(keyedBy: _EJSONKey.self)
        var inner = outer.nestedContainer(keyedBy: _EJSONKey.self, forKey: .dbPointer)
        try inner.encode(ref, forKey: .ref)
        var oid = inner.nestedContainer(keyedBy: _EJSONKey.self, forKey: .id)
        try oid.encode(id.hex, forKey: .oid)
    }

    /// Our decoder reads a DBPointer; other decoders the shape `encode(to:)` writes.
    public init(from decoder: any Decoder) throws {
        if let value = try _decodeNatively(BSONDBPointer.self, from: decoder) {
            self = value
            return
        }
        let inner = try decoder.container(keyedBy: _EJSONKey.self).nestedContainer(keyedBy: _EJSONKey.self, forKey: .dbPointer)
        let hex = try inner.nestedContainer(keyedBy: _EJSONKey.self, forKey: .id).decode(String.self, forKey: .oid)
        do {
            self.init(ref: try inner.decode(String.self, forKey: .ref), id: try ObjectId(hex))
        } catch let error as BSONError {
            throw _corrupted(decoder, error.description)
        }
    }
}

// MARK: - BSONDocument

extension BSONDocument: Codable, _BSONEncodableNative, _BSONDecodableNative {
    func _bsonValue() -> BSONValue { .document(self) }
    static func _fromBSON(_ value: BSONValue) throws(_BSONCoercionError) -> BSONDocument {
        if case .document(let v) = value { return v }
        throw .mismatch("a document", value)
    }

    /// Our encoder stores the document itself; other encoders get a keyed container.
    public func encode(to encoder: any Encoder) throws {
        if try _encodeNatively(self, to: encoder) { return }
        var container = encoder.container(keyedBy: CodingPathKey.self)
        for element in elements {
            try container.encode(element.value, forKey: CodingPathKey(stringValue: element.key))
        }
    }

    /// Our decoder reads a document; other decoders a keyed container, in its key order.
    public init(from decoder: any Decoder) throws {
        if let value = try _decodeNatively(BSONDocument.self, from: decoder) {
            self = value
            return
        }
        let container = try decoder.container(keyedBy: CodingPathKey.self)
        self.init()
        for key in container.allKeys {
            append(key.stringValue, try container.decode(BSONValue.self, forKey: key))
        }
    }
}

// MARK: - BSONValue

extension BSONValue: Codable, _BSONEncodableNative, _BSONDecodableNative {
    func _bsonValue() -> BSONValue { self }
    static func _fromBSON(_ value: BSONValue) -> BSONValue { value }

    /// Our encoder stores the value itself; other encoders get JSON-like data (see above).
    public func encode(to encoder: any Encoder) throws {
        if try _encodeNatively(self, to: encoder) { return }
        switch self {
        case .double(let v): var c = encoder.singleValueContainer(); try c.encode(v)
        case .string(let v): var c = encoder.singleValueContainer(); try c.encode(v)
        case .document(let v): try v.encode(to: encoder)
        case .array(let values):
            var c = encoder.unkeyedContainer()
            for value in values { try c.encode(value) }
        case .binary(let v): try v.encode(to: encoder)
        case .undefined:
            var c = encoder.container(keyedBy: _EJSONKey.self)
            try c.encode(true, forKey: .undefined)
        case .objectId(let v): try v.encode(to: encoder)
        case .bool(let v): var c = encoder.singleValueContainer(); try c.encode(v)
        case .datetime(let v): try v.encode(to: encoder)
        case .null: var c = encoder.singleValueContainer(); try c.encodeNil()
        case .regex(let v): try v.encode(to: encoder)
        case .dbPointer(let v): try v.encode(to: encoder)
        case .javascript(let v):
            var c = encoder.container(keyedBy: _EJSONKey.self)
            try c.encode(v, forKey: .code)
        case .symbol(let v):
            var c = encoder.container(keyedBy: _EJSONKey.self)
            try c.encode(v, forKey: .symbol)
        case .javascriptWithScope(let v): try v.encode(to: encoder)
        case .int32(let v): var c = encoder.singleValueContainer(); try c.encode(v)
        case .timestamp(let v): try v.encode(to: encoder)
        case .int64(let v): var c = encoder.singleValueContainer(); try c.encode(v)
        case .decimal128(let v): try v.encode(to: encoder)
        case .minKey:
            var c = encoder.container(keyedBy: _EJSONKey.self)
            try c.encode(1, forKey: .minKey)
        case .maxKey:
            var c = encoder.container(keyedBy: _EJSONKey.self)
            try c.encode(1, forKey: .maxKey)
        }
    }

    /// Our decoder reads the value as it is; other decoders JSON-like data (see above).
    public init(from decoder: any Decoder) throws {
        if let decoder = decoder as? _BSONDecoder {
            self = decoder.value
            return
        }
        if let c = try? decoder.singleValueContainer() {
            if c.decodeNil() { self = .null; return }
            if let v = try? c.decode(Bool.self) { self = .bool(v); return }
            if let v = try? c.decode(Int64.self) { self = .int64(v); return }
            if let v = try? c.decode(Double.self) { self = .double(v); return }
            if let v = try? c.decode(String.self) { self = .string(v); return }
        }
        if let container = try? decoder.container(keyedBy: CodingPathKey.self) {
            var document = BSONDocument()
            for key in container.allKeys {
                document.append(key.stringValue, try container.decode(BSONValue.self, forKey: key))
            }
            self = .document(document)
            return
        }
        if var container = try? decoder.unkeyedContainer() {
            var values: [BSONValue] = []
            if let count = container.count { values.reserveCapacity(count) }
            while !container.isAtEnd { values.append(try container.decode(BSONValue.self)) }
            self = .array(values)
            return
        }
        throw _corrupted(decoder, "the data is not null, a bool, a number, a string, a keyed or an unkeyed container")
    }
}
