import Foundation
import NonrelCodingSupport

/// Encodes `Encodable` values into BSON documents and values.
///
/// | Swift | BSON |
/// |---|---|
/// | `Int`, `Int64`, `UInt32` | int64 |
/// | `Int32`, `Int16`, `Int8`, `UInt16`, `UInt8` | int32 |
/// | `UInt`, `UInt64` | int64 when ≤ `Int64.max`, otherwise an error |
/// | `Double`, `Float` | double |
/// | `Bool`, `String` | bool, string |
/// | `Date` | datetime (whole milliseconds, truncated) |
/// | `UUID` | binary subtype 4 |
/// | `Data` | binary subtype 0 |
/// | `URL` | string (`absoluteString`) |
/// | `Decimal` | decimal128 (rounded to 34 significant digits if longer) |
/// | arrays, sets | array |
/// | `[String: T]`, structs, classes | document (keys holding NUL are rejected) |
/// | `nil` | omitted by `encodeIfPresent` (synthesized `Codable`), null by `encodeNil` |
/// | `BSONValue`, `BSONDocument`, `ObjectId`, `Decimal128`, `BSONBinary`, `BSONDateTime`, ... | themselves |
///
/// ```swift
/// let document = try BSONEncoder().encode(user)
/// ```
public struct BSONEncoder: Sendable {
    /// Values handed to `encode(to:)` implementations as `Encoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable]

    public init(userInfo: [CodingUserInfoKey: any Sendable] = [:]) {
        self.userInfo = userInfo
    }

    /// Encodes `value` as a document. Values that do not encode to a document (a number, an
    /// array...) are an error; use `encodeValue(_:)` for those.
    public func encode<T: Encodable>(_ value: T) throws(BSONError) -> BSONDocument {
        let encoded = try encodeValue(value)
        guard case .document(let document) = encoded else {
            throw .encodingFailed(
                "a top-level \(T.self) encodes to \(encoded.typeName), not a document; use encodeValue(_:) for it")
        }
        return document
    }

    /// Encodes `value` as any BSON value.
    public func encodeValue<T: Encodable>(_ value: T) throws(BSONError) -> BSONValue {
        if let native = value as? any _BSONEncodableNative {
            do throws(_BSONCoercionError) {
                return try native._bsonValue()
            } catch {
                throw .encodingFailed(error.message)
            }
        }
        let info: [CodingUserInfoKey: Any] = userInfo
        let root = _BSONEncoder(parent: nil, component: nil, userInfo: info)
        do {
            try value.encode(to: root)
        } catch let error as BSONError {
            throw error
        } catch {
            throw .encodingFailed(describeCodingError(error, fallbackPath: []))
        }
        return try root.takeValue()
    }
}

/// The `Encoder` handed to `encode(to:)`: one per encoded composite value. It is also its own
/// single-value container, and its keyed and unkeyed containers write straight into it.
final class _BSONEncoder: Encoder, SingleValueEncodingContainer, CodingPathNode {
    enum Kind: UInt8 { case empty, single, document, array }

    let parentNode: _BSONEncoder?
    let component: CodingPathComponent?
    let userInfo: [CodingUserInfoKey: Any]

    var kind = Kind.empty
    var single = BSONValue.null
    var document = BSONDocument()
    var array: [BSONValue] = []
    /// Nested containers and super-encoders, filled in when the value is taken: their
    /// positions in `document` or `array` hold placeholders until then.
    var pending: [(index: Int, child: _BSONEncoder)] = []
    /// An error found where the `Encoder` protocol cannot throw (a nested container's key).
    var deferredError: BSONError?

    init(parent: _BSONEncoder?, component: CodingPathComponent?, userInfo: [CodingUserInfoKey: Any]) {
        self.parentNode = parent
        self.component = component
        self.userInfo = userInfo
    }

    // MARK: Encoder

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if kind != .document {
            kind = .document
            pending.removeAll()
        }
        return KeyedEncodingContainer(CodingPathKeyedEncodingContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if kind != .array {
            kind = .array
            pending.removeAll()
        }
        return _BSONUnkeyedEncodingContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    // MARK: Building

    /// The encoded value, with nested containers filled in.
    func takeValue() throws(BSONError) -> BSONValue {
        if let deferredError { throw deferredError }
        switch kind {
        case .empty:
            return .document(BSONDocument())
        case .single:
            return single
        case .document:
            if pending.isEmpty { return .document(document) }
            var elements = document.elements
            for (index, child) in pending { elements[index].value = try child.takeValue() }
            return .document(BSONDocument(elements.lazy.map { ($0.key, $0.value) }))
        case .array:
            for (index, child) in pending { array[index] = try child.takeValue() }
            return .array(array)
        }
    }

    /// The BSON form of `value`, found at `component` below this encoder.
    @inline(__always)
    func box<T: Encodable>(
        _ value: T, at component: @autoclosure () -> CodingPathComponent
    ) throws(BSONError) -> BSONValue {
        if let native = value as? any _BSONEncodableNative {
            do { return try native._bsonValue() } catch { throw .encodingFailed(message(error.message, at: component())) }
        }
        return try boxComposite(value, at: component())
    }

    func boxComposite<T: Encodable>(_ value: T, at component: CodingPathComponent) throws(BSONError) -> BSONValue {
        let child = _BSONEncoder(parent: self, component: component, userInfo: userInfo)
        do {
            try value.encode(to: child)
        } catch let error as BSONError {
            throw error
        } catch {
            throw .encodingFailed(describeCodingError(error, fallbackPath: child.codingPath))
        }
        return try child.takeValue()
    }

    @inline(__always)
    func convert<T: _BSONEncodableNative>(
        _ value: T, at component: @autoclosure () -> CodingPathComponent?
    ) throws(BSONError) -> BSONValue {
        do { return try value._bsonValue() } catch { throw .encodingFailed(message(error.message, at: component())) }
    }

    /// Appends `key: value` to the document, rejecting keys that BSON cannot store.
    @inline(__always)
    func append(_ key: some CodingKey, _ value: BSONValue) throws(BSONError) {
        var name = key.stringValue
        guard !_bsonContainsNUL(&name) else {
            throw .encodingFailed(message("key \(name.debugDescription) contains a NUL byte, which BSON keys cannot hold"))
        }
        document.append(name, value)
    }

    /// A child encoder whose value will be stored under `key` once encoding is done.
    func pendingChild(forKey key: some CodingKey) -> _BSONEncoder {
        let child = _BSONEncoder(parent: self, component: .key(key), userInfo: userInfo)
        do {
            try append(key, .null)
        } catch {
            if deferredError == nil { deferredError = error }
            return child
        }
        pending.append((document.count - 1, child))
        return child
    }

    /// A child encoder whose value will be appended to the array once encoding is done.
    func pendingElement() -> _BSONEncoder {
        let child = _BSONEncoder(parent: self, component: .index(array.count), userInfo: userInfo)
        array.append(.null)
        pending.append((array.count - 1, child))
        return child
    }

    // MARK: SingleValueEncodingContainer

    @inline(__always)
    private func set(_ value: BSONValue) {
        kind = .single
        single = value
    }

    func encodeNil() { set(.null) }
    func encode(_ value: Bool) { set(.bool(value)) }
    func encode(_ value: String) { set(.string(value)) }
    func encode(_ value: Double) { set(.double(value)) }
    func encode(_ value: Float) { set(.double(Double(value))) }
    func encode(_ value: Int) { set(.int64(Int64(value))) }
    func encode(_ value: Int8) { set(.int32(Int32(value))) }
    func encode(_ value: Int16) { set(.int32(Int32(value))) }
    func encode(_ value: Int32) { set(.int32(value)) }
    func encode(_ value: Int64) { set(.int64(value)) }
    func encode(_ value: UInt) throws { set(try convert(value, at: nil)) }
    func encode(_ value: UInt8) { set(.int32(Int32(value))) }
    func encode(_ value: UInt16) { set(.int32(Int32(value))) }
    func encode(_ value: UInt32) { set(.int64(Int64(value))) }
    func encode(_ value: UInt64) throws { set(try convert(value, at: nil)) }

    func encode<T: Encodable>(_ value: T) throws {
        if let native = value as? any _BSONEncodableNative {
            do { set(try native._bsonValue()) } catch { throw BSONError.encodingFailed(message(error.message)) }
            return
        }
        // A wrapper encoding its payload through a single-value container: the payload's
        // containers belong to this same position, so it encodes into a fresh encoder here.
        set(try boxCompositeInPlace(value))
    }

    private func boxCompositeInPlace<T: Encodable>(_ value: T) throws(BSONError) -> BSONValue {
        let child = _BSONEncoder(parent: parentNode, component: component, userInfo: userInfo)
        do {
            try value.encode(to: child)
        } catch let error as BSONError {
            throw error
        } catch {
            throw .encodingFailed(describeCodingError(error, fallbackPath: child.codingPath))
        }
        return try child.takeValue()
    }
}

struct CodingPathKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: _BSONEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil(forKey key: Key) throws { try encoder.append(key, .null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try encoder.append(key, .bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { try encoder.append(key, .string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try encoder.append(key, .double(value)) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try encoder.append(key, .double(Double(value))) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try encoder.append(key, .int64(Int64(value))) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try encoder.append(key, .int32(Int32(value))) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try encoder.append(key, .int32(Int32(value))) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try encoder.append(key, .int32(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try encoder.append(key, .int64(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws {
        try encoder.append(key, encoder.convert(value, at: .key(key)))
    }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try encoder.append(key, .int32(Int32(value))) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try encoder.append(key, .int32(Int32(value))) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try encoder.append(key, .int64(Int64(value))) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws {
        try encoder.append(key, encoder.convert(value, at: .key(key)))
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let boxed = try encoder.box(value, at: .key(key))
        try encoder.append(key, boxed)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        encoder.pendingChild(forKey: key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoder.pendingChild(forKey: key).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { encoder.pendingChild(forKey: CodingPathKey.super) }

    mutating func superEncoder(forKey key: Key) -> any Encoder { encoder.pendingChild(forKey: key) }
}

struct _BSONUnkeyedEncodingContainer: UnkeyedEncodingContainer {
    let encoder: _BSONEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { encoder.array.count }

    mutating func encodeNil() { encoder.array.append(.null) }
    mutating func encode(_ value: Bool) { encoder.array.append(.bool(value)) }
    mutating func encode(_ value: String) { encoder.array.append(.string(value)) }
    mutating func encode(_ value: Double) { encoder.array.append(.double(value)) }
    mutating func encode(_ value: Float) { encoder.array.append(.double(Double(value))) }
    mutating func encode(_ value: Int) { encoder.array.append(.int64(Int64(value))) }
    mutating func encode(_ value: Int8) { encoder.array.append(.int32(Int32(value))) }
    mutating func encode(_ value: Int16) { encoder.array.append(.int32(Int32(value))) }
    mutating func encode(_ value: Int32) { encoder.array.append(.int32(value)) }
    mutating func encode(_ value: Int64) { encoder.array.append(.int64(value)) }
    mutating func encode(_ value: UInt) throws {
        let boxed = try encoder.convert(value, at: .index(encoder.array.count))
        encoder.array.append(boxed)
    }
    mutating func encode(_ value: UInt8) { encoder.array.append(.int32(Int32(value))) }
    mutating func encode(_ value: UInt16) { encoder.array.append(.int32(Int32(value))) }
    mutating func encode(_ value: UInt32) { encoder.array.append(.int64(Int64(value))) }
    mutating func encode(_ value: UInt64) throws {
        let boxed = try encoder.convert(value, at: .index(encoder.array.count))
        encoder.array.append(boxed)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let boxed = try encoder.box(value, at: .index(encoder.array.count))
        encoder.array.append(boxed)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        encoder.pendingElement().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        encoder.pendingElement().unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { encoder.pendingElement() }
}

/// Whether `string` holds a NUL byte; scans the contiguous UTF-8 directly.
@inline(__always)
func _bsonContainsNUL(_ string: inout String) -> Bool {
    string.withUTF8 { buffer in
        for byte in buffer where byte == 0 { return true }
        return false
    }
}
