import Foundation
import NonrelCodingSupport

/// Decodes `Decodable` values from backend-neutral ``Value``s and ``Row``s.
///
/// Numbers convert when the value is represented exactly: an int, a whole-number double or a
/// whole decimal decodes as any integer type it fits in; an int or a decimal decodes as
/// `Double` when exact; `Float` accepts doubles rounded to the nearest `Float`; `Decimal`
/// reads a decimal, an int or a decimal string. `Date` needs a date, `UUID` a uuid or a UUID
/// string, `Data` binary, `URL` a string. Missing keys are errors except for optionals
/// (`decodeIfPresent`), which also read `.null` as `nil`. Extra keys are ignored. A `Value`
/// decodes as itself, a `Row` from a document.
///
/// Errors are `NonrelError` of kind `.invalidValue` naming the coding path, for example
/// `"address.city: expected a string, found int"`.
///
/// ```swift
/// let post = try ValueDecoder().decode(Post.self, from: row)
/// ```
public struct ValueDecoder: Sendable {
    /// Values handed to `init(from:)` implementations as `Decoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable]

    public init(userInfo: [CodingUserInfoKey: any Sendable] = [:]) {
        self.userInfo = userInfo
    }

    /// Decodes a `T` from a row (a stored document).
    public func decode<T: Decodable>(_ type: T.Type, from row: Row) throws(NonrelError) -> T {
        try decode(type, from: .document(row))
    }

    /// Decodes a `T` from any value. (Disfavored so that dictionary literals pick the row
    /// overload.)
    @_disfavoredOverload
    public func decode<T: Decodable>(_ type: T.Type, from value: Value) throws(NonrelError) -> T {
        if let native = _ValueCompositeTypes.native(T.self) {
            do throws(_ValueCoercionError) {
                return try native._fromValue(value) as! T
            } catch {
                throw NonrelError(.invalidValue, error.message)
            }
        }
        let info: [CodingUserInfoKey: Any] = userInfo
        let root = _ValueDecoder(value: value, parent: nil, component: nil, userInfo: info)
        do {
            return try T(from: root)
        } catch {
            throw _valueError(error, fallbackPath: [])
        }
    }
}

/// The `Decoder` handed to `init(from:)`: one per decoded composite value. It is also its own
/// single-value container.
final class _ValueDecoder: Decoder, SingleValueDecodingContainer, CodingPathNode {
    let value: Value
    /// The document's elements when `value` is a document (empty otherwise): keyed containers
    /// read them from here, so that they hold one reference.
    let elements: [RowElement]
    let parentNode: _ValueDecoder?
    let component: CodingPathComponent?
    let userInfo: [CodingUserInfoKey: Any]
    /// Where the next keyed lookup starts: synthesized `init(from:)` reads keys in the order
    /// they were written, so most lookups hit on the first comparison.
    var nextIndex = 0

    init(value: Value, parent: _ValueDecoder?, component: CodingPathComponent?, userInfo: [CodingUserInfoKey: Any]) {
        self.value = value
        if case .document(let row) = value { elements = row.elements } else { elements = [] }
        self.parentNode = parent
        self.component = component
        self.userInfo = userInfo
    }

    // MARK: Decoder

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .document = value else {
            throw failure("expected a document, found \(value.typeName)")
        }
        return KeyedDecodingContainer(CodingPathKeyedDecodingContainer<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let array) = value else {
            throw failure("expected an array, found \(value.typeName)")
        }
        return _ValueUnkeyedDecodingContainer(decoder: self, array: array)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    // MARK: Unboxing

    /// Decodes a `T` from `value`, found at `component` below this decoder.
    @inline(__always)
    func unbox<T: Decodable>(
        _ value: Value, as type: T.Type, at component: @autoclosure () -> CodingPathComponent?
    ) throws(NonrelError) -> T {
        if let native = _ValueCompositeTypes.native(T.self) {
            do { return try native._fromValue(value) as! T } catch { throw failure(error.message, at: component()) }
        }
        return try unboxComposite(value, as: type, at: component())
    }

    func unboxComposite<T: Decodable>(_ value: Value, as type: T.Type, at component: CodingPathComponent?) throws(NonrelError) -> T {
        let child = component.map { _ValueDecoder(value: value, parent: self, component: $0, userInfo: userInfo) }
            ?? _ValueDecoder(value: value, parent: parentNode, component: self.component, userInfo: userInfo)
        do {
            return try T(from: child)
        } catch {
            throw _valueError(error, fallbackPath: child.codingPath)
        }
    }

    @inline(__always)
    func convert<T: _ValueDecodableNative>(
        _ value: Value, at component: @autoclosure () -> CodingPathComponent?
    ) throws(NonrelError) -> T {
        do { return try T._fromValue(value) } catch { throw failure(error.message, at: component()) }
    }

    // MARK: SingleValueDecodingContainer

    func decodeNil() -> Bool { value.isNull }

    func decode(_ type: Bool.Type) throws -> Bool { try convert(value, at: nil) }
    func decode(_ type: String.Type) throws -> String { try convert(value, at: nil) }
    func decode(_ type: Double.Type) throws -> Double { try convert(value, at: nil) }
    func decode(_ type: Float.Type) throws -> Float { try convert(value, at: nil) }
    func decode(_ type: Int.Type) throws -> Int { try convert(value, at: nil) }
    func decode(_ type: Int8.Type) throws -> Int8 { try convert(value, at: nil) }
    func decode(_ type: Int16.Type) throws -> Int16 { try convert(value, at: nil) }
    func decode(_ type: Int32.Type) throws -> Int32 { try convert(value, at: nil) }
    func decode(_ type: Int64.Type) throws -> Int64 { try convert(value, at: nil) }
    func decode(_ type: UInt.Type) throws -> UInt { try convert(value, at: nil) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try convert(value, at: nil) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try convert(value, at: nil) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try convert(value, at: nil) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try convert(value, at: nil) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try unbox(value, as: type, at: nil) }
}

struct CodingPathKeyedDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: _ValueDecoder
    private var elements: [RowElement] { decoder.elements }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { elements.compactMap { Key(stringValue: $0.key) } }

    /// The value for `key`: tries the position after the previous key first, then scans.
    @inline(__always)
    private func find(_ key: Key) -> Value? {
        let name = key.stringValue
        let hint = decoder.nextIndex
        if hint < elements.count, elements[hint].key == name {
            decoder.nextIndex = hint + 1
            return elements[hint].value
        }
        return scan(name)
    }

    private func scan(_ name: String) -> Value? {
        for index in elements.indices where elements[index].key == name {
            decoder.nextIndex = index + 1
            return elements[index].value
        }
        return nil
    }

    @inline(__always)
    private func require(_ key: Key) throws(NonrelError) -> Value {
        guard let value = find(key) else { throw decoder.failure("key not found", at: .key(key)) }
        return value
    }

    @inline(__always)
    private func native<T: _ValueDecodableNative>(_ key: Key) throws(NonrelError) -> T {
        try decoder.convert(require(key), at: .key(key))
    }

    @inline(__always)
    private func nativeIfPresent<T: _ValueDecodableNative>(_ key: Key) throws(NonrelError) -> T? {
        guard let value = find(key), !value.isNull else { return nil }
        return try decoder.convert(value, at: .key(key)) as T
    }

    func contains(_ key: Key) -> Bool { find(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { try require(key).isNull }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try native(key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try native(key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try native(key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try native(key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try native(key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try native(key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try native(key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try native(key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try native(key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try native(key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try native(key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try native(key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try native(key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try native(key) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decoder.unbox(require(key), as: type, at: .key(key))
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try nativeIfPresent(key) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try nativeIfPresent(key) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try nativeIfPresent(key) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try nativeIfPresent(key) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try nativeIfPresent(key) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try nativeIfPresent(key) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try nativeIfPresent(key) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try nativeIfPresent(key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try nativeIfPresent(key) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try nativeIfPresent(key) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try nativeIfPresent(key) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try nativeIfPresent(key) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try nativeIfPresent(key) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try nativeIfPresent(key) }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = find(key), !value.isNull else { return nil }
        return try decoder.unbox(value, as: type, at: .key(key))
    }

    private func child(_ key: Key) throws(NonrelError) -> _ValueDecoder {
        guard let value = find(key) else { throw decoder.failure("key not found", at: .key(key)) }
        return _ValueDecoder(value: value, parent: decoder, component: .key(key), userInfo: decoder.userInfo)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try child(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try child(key).unkeyedContainer()
    }

    /// The decoder for the value under `"super"`, or for null when there is none.
    func superDecoder() throws -> any Decoder {
        let value = elements.first { $0.key == "super" }?.value ?? .null
        return _ValueDecoder(value: value, parent: decoder, component: .key(CodingPathKey.super), userInfo: decoder.userInfo)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        _ValueDecoder(value: find(key) ?? .null, parent: decoder, component: .key(key), userInfo: decoder.userInfo)
    }
}

struct _ValueUnkeyedDecodingContainer: UnkeyedDecodingContainer {
    let decoder: _ValueDecoder
    let array: [Value]
    private(set) var currentIndex = 0

    init(decoder: _ValueDecoder, array: [Value]) {
        self.decoder = decoder
        self.array = array
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { array.count }
    var isAtEnd: Bool { currentIndex >= array.count }

    @inline(__always)
    private mutating func next() throws(NonrelError) -> Value {
        guard currentIndex < array.count else {
            throw decoder.failure("no more elements: the array has \(array.count)", at: .index(currentIndex))
        }
        defer { currentIndex += 1 }
        return array[currentIndex]
    }

    @inline(__always)
    private mutating func native<T: _ValueDecodableNative>() throws(NonrelError) -> T {
        let index = currentIndex
        return try decoder.convert(next(), at: .index(index))
    }

    mutating func decodeNil() throws -> Bool {
        guard currentIndex < array.count else {
            throw decoder.failure("no more elements: the array has \(array.count)", at: .index(currentIndex))
        }
        if array[currentIndex].isNull {
            currentIndex += 1
            return true
        }
        return false
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try native() }
    mutating func decode(_ type: String.Type) throws -> String { try native() }
    mutating func decode(_ type: Double.Type) throws -> Double { try native() }
    mutating func decode(_ type: Float.Type) throws -> Float { try native() }
    mutating func decode(_ type: Int.Type) throws -> Int { try native() }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try native() }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try native() }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try native() }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try native() }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try native() }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try native() }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try native() }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try native() }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try native() }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let index = currentIndex
        return try decoder.unbox(next(), as: type, at: .index(index))
    }

    private mutating func nextDecoder() throws(NonrelError) -> _ValueDecoder {
        let index = currentIndex
        return _ValueDecoder(value: try next(), parent: decoder, component: .index(index), userInfo: decoder.userInfo)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try nextDecoder().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try nextDecoder().unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { try nextDecoder() }
}
