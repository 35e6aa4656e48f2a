import Foundation
import NonrelCodingSupport

/// Encodes `Encodable` values into backend-neutral ``Value``s and ``Row``s.
///
/// | Swift | Value |
/// |---|---|
/// | `Int`, `Int8`...`Int64`, `UInt8`...`UInt32` | `.int` |
/// | `UInt`, `UInt64` | `.int` when ≤ `Int64.max`, otherwise an error |
/// | `Double`, `Float` | `.double` |
/// | `Bool`, `String` | `.bool`, `.string` |
/// | `Date`, `UUID`, `Decimal` | `.date`, `.uuid`, `.decimal` |
/// | `Data` | `.binary` |
/// | `URL` | `.string` (`absoluteString`) |
/// | arrays, sets | `.array` |
/// | `[String: T]`, structs, classes | `.document` (in the order keys are encoded) |
/// | `nil` | omitted by `encodeIfPresent` (synthesized `Codable`), `.null` by `encodeNil` |
/// | `Value`, `Row` | themselves (a row as `.document`) |
///
/// Errors are `NonrelError` of kind `.invalidValue` naming the coding path, for example
/// `"stats.views: UInt64 value 18446744073709551615 does not fit in an int (Int64)"`.
///
/// ```swift
/// let row = try ValueEncoder().encodeRow(post)
/// ```
public struct ValueEncoder: Sendable {
    /// Values handed to `encode(to:)` implementations as `Encoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable]

    public init(userInfo: [CodingUserInfoKey: any Sendable] = [:]) {
        self.userInfo = userInfo
    }

    /// Encodes `value` as any ``Value``.
    public func encode<T: Encodable>(_ value: T) throws(NonrelError) -> Value {
        if let native = _ValueCompositeTypes.native(value) {
            do throws(_ValueCoercionError) {
                return try native._value()
            } catch {
                throw NonrelError(.invalidValue, error.message)
            }
        }
        let info: [CodingUserInfoKey: Any] = userInfo
        let root = _ValueEncoder(parent: nil, component: nil, userInfo: info)
        do {
            try value.encode(to: root)
        } catch {
            throw _valueError(error, fallbackPath: [])
        }
        return try root.takeValue()
    }

    /// Encodes `value` as a ``Row``. Values that do not encode to a document (a number, an
    /// array...) are an error; use ``encode(_:)`` for those.
    public func encodeRow<T: Encodable>(_ value: T) throws(NonrelError) -> Row {
        let encoded = try encode(value)
        guard case .document(let row) = encoded else {
            throw NonrelError(.invalidValue,
                "a top-level \(T.self) encodes to \(encoded.typeName), not a document; use encode(_:) for it")
        }
        return row
    }
}

/// The `Encoder` handed to `encode(to:)`: one per encoded composite value. It is also its own
/// single-value container, and its keyed and unkeyed containers write straight into it.
final class _ValueEncoder: Encoder, SingleValueEncodingContainer, CodingPathNode {
    enum Kind: UInt8 { case empty, single, document, array }

    let parentNode: _ValueEncoder?
    let component: CodingPathComponent?
    let userInfo: [CodingUserInfoKey: Any]

    var kind = Kind.empty
    /// The coding-key type of the first keyed container, and the keys last encoded with it.
    var keyType: ObjectIdentifier?
    var knownKeys: [String]?
    var single = Value.null
    var document: [RowElement] = []
    var array: [Value] = []
    /// Nested containers and super-encoders, filled in when the value is taken: their
    /// positions in `document` or `array` hold placeholders until then.
    var pending: [(index: Int, child: _ValueEncoder)] = []

    init(parent: _ValueEncoder?, component: CodingPathComponent?, userInfo: [CodingUserInfoKey: Any]) {
        self.parentNode = parent
        self.component = component
        self.userInfo = userInfo
    }

    // MARK: Encoder

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if kind != .document {
            kind = .document
            let keyType = ObjectIdentifier(Key.self)
            self.keyType = keyType
            knownKeys = _ValueEncoderKeyCache.keys(for: keyType)
            if let knownKeys { document.reserveCapacity(knownKeys.count) }
            pending.removeAll()
        }
        return KeyedEncodingContainer(CodingPathKeyedEncodingContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if kind != .array {
            kind = .array
            pending.removeAll()
        }
        return _ValueUnkeyedEncodingContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    // MARK: Building

    /// The encoded value, with nested containers filled in.
    func takeValue() throws(NonrelError) -> Value {
        switch kind {
        case .empty:
            return .document(Row())
        case .single:
            return single
        case .document:
            for (index, child) in pending { document[index].value = try child.takeValue() }
            if _ValueEncoderKeyCache.hasDuplicateKeys(document, known: knownKeys, keyType: keyType) { return .document(_mergingDuplicateKeys(document)) }
            return .document(Row(elements: document))
        case .array:
            for (index, child) in pending { array[index] = try child.takeValue() }
            return .array(array)
        }
    }

    /// The stored form of `value`, found at `component` below this encoder.
    @inline(__always)
    func box<T: Encodable>(
        _ value: T, at component: @autoclosure () -> CodingPathComponent
    ) throws(NonrelError) -> Value {
        if let native = _ValueCompositeTypes.native(value) {
            do { return try native._value() } catch { throw failure(error.message, at: component()) }
        }
        return try boxComposite(value, at: component())
    }

    func boxComposite<T: Encodable>(_ value: T, at component: CodingPathComponent) throws(NonrelError) -> Value {
        let child = _ValueEncoder(parent: self, component: component, userInfo: userInfo)
        do {
            try value.encode(to: child)
        } catch {
            throw _valueError(error, fallbackPath: child.codingPath)
        }
        return try child.takeValue()
    }

    @inline(__always)
    func convert<T: _ValueEncodableNative>(
        _ value: T, at component: @autoclosure () -> CodingPathComponent?
    ) throws(NonrelError) -> Value {
        do { return try value._value() } catch { throw failure(error.message, at: component()) }
    }

    @inline(__always)
    func append(_ key: some CodingKey, _ value: Value) {
        document.append(RowElement(key: key.stringValue, value: value))
    }

    /// A child encoder whose value will be stored under `key` once encoding is done.
    func pendingChild(forKey key: some CodingKey) -> _ValueEncoder {
        let child = _ValueEncoder(parent: self, component: .key(key), userInfo: userInfo)
        append(key, .null)
        pending.append((document.count - 1, child))
        return child
    }

    /// A child encoder whose value will be appended to the array once encoding is done.
    func pendingElement() -> _ValueEncoder {
        let child = _ValueEncoder(parent: self, component: .index(array.count), userInfo: userInfo)
        array.append(.null)
        pending.append((array.count - 1, child))
        return child
    }

    // MARK: SingleValueEncodingContainer

    @inline(__always)
    func set(_ value: Value) {
        kind = .single
        single = value
    }

    func encodeNil() { set(.null) }
    func encode(_ value: Bool) { set(.bool(value)) }
    func encode(_ value: String) { set(.string(value)) }
    func encode(_ value: Double) { set(.double(value)) }
    func encode(_ value: Float) { set(.double(Double(value))) }
    func encode(_ value: Int) { set(.int(Int64(value))) }
    func encode(_ value: Int8) { set(.int(Int64(value))) }
    func encode(_ value: Int16) { set(.int(Int64(value))) }
    func encode(_ value: Int32) { set(.int(Int64(value))) }
    func encode(_ value: Int64) { set(.int(value)) }
    func encode(_ value: UInt) throws { set(try convert(value, at: nil)) }
    func encode(_ value: UInt8) { set(.int(Int64(value))) }
    func encode(_ value: UInt16) { set(.int(Int64(value))) }
    func encode(_ value: UInt32) { set(.int(Int64(value))) }
    func encode(_ value: UInt64) throws { set(try convert(value, at: nil)) }

    func encode<T: Encodable>(_ value: T) throws {
        if let native = _ValueCompositeTypes.native(value) {
            do { set(try native._value()) } catch { throw failure(error.message) }
            return
        }
        // A wrapper encoding its payload through a single-value container: the payload's
        // containers belong to this same position, so it encodes into a fresh encoder here.
        set(try boxCompositeInPlace(value))
    }

    private func boxCompositeInPlace<T: Encodable>(_ value: T) throws(NonrelError) -> Value {
        let child = _ValueEncoder(parent: parentNode, component: component, userInfo: userInfo)
        do {
            try value.encode(to: child)
        } catch {
            throw _valueError(error, fallbackPath: child.codingPath)
        }
        return try child.takeValue()
    }
}

/// A row where a repeated key's last value replaces the first one, in the first one's place.
private func _mergingDuplicateKeys(_ elements: [RowElement]) -> Row {
    var row = Row()
    for element in elements { row[element.key] = element.value }
    return row
}

struct CodingPathKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: _ValueEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil(forKey key: Key) { encoder.append(key, .null) }
    mutating func encode(_ value: Bool, forKey key: Key) { encoder.append(key, .bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) { encoder.append(key, .string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) { encoder.append(key, .double(value)) }
    mutating func encode(_ value: Float, forKey key: Key) { encoder.append(key, .double(Double(value))) }
    mutating func encode(_ value: Int, forKey key: Key) { encoder.append(key, .int(Int64(value))) }
    mutating func encode(_ value: Int8, forKey key: Key) { encoder.append(key, .int(Int64(value))) }
    mutating func encode(_ value: Int16, forKey key: Key) { encoder.append(key, .int(Int64(value))) }
    mutating func encode(_ value: Int32, forKey key: Key) { encoder.append(key, .int(Int64(value))) }
    mutating func encode(_ value: Int64, forKey key: Key) { encoder.append(key, .int(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws {
        encoder.append(key, try encoder.convert(value, at: .key(key)))
    }
    mutating func encode(_ value: UInt8, forKey key: Key) { encoder.append(key, .int(Int64(value))) }
    mutating func encode(_ value: UInt16, forKey key: Key) { encoder.append(key, .int(Int64(value))) }
    mutating func encode(_ value: UInt32, forKey key: Key) { encoder.append(key, .int(Int64(value))) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws {
        encoder.append(key, try encoder.convert(value, at: .key(key)))
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        encoder.append(key, try encoder.box(value, at: .key(key)))
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

struct _ValueUnkeyedEncodingContainer: UnkeyedEncodingContainer {
    let encoder: _ValueEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { encoder.array.count }

    mutating func encodeNil() { encoder.array.append(.null) }
    mutating func encode(_ value: Bool) { encoder.array.append(.bool(value)) }
    mutating func encode(_ value: String) { encoder.array.append(.string(value)) }
    mutating func encode(_ value: Double) { encoder.array.append(.double(value)) }
    mutating func encode(_ value: Float) { encoder.array.append(.double(Double(value))) }
    mutating func encode(_ value: Int) { encoder.array.append(.int(Int64(value))) }
    mutating func encode(_ value: Int8) { encoder.array.append(.int(Int64(value))) }
    mutating func encode(_ value: Int16) { encoder.array.append(.int(Int64(value))) }
    mutating func encode(_ value: Int32) { encoder.array.append(.int(Int64(value))) }
    mutating func encode(_ value: Int64) { encoder.array.append(.int(value)) }
    mutating func encode(_ value: UInt) throws {
        let boxed = try encoder.convert(value, at: .index(encoder.array.count))
        encoder.array.append(boxed)
    }
    mutating func encode(_ value: UInt8) { encoder.array.append(.int(Int64(value))) }
    mutating func encode(_ value: UInt16) { encoder.array.append(.int(Int64(value))) }
    mutating func encode(_ value: UInt32) { encoder.array.append(.int(Int64(value))) }
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
