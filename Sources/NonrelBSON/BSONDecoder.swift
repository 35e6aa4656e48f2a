import Foundation
import NonrelCodingSupport

/// Decodes `Decodable` values from BSON documents and values.
///
/// Numbers convert between BSON's numeric types when the value is represented exactly: an
/// int32, an int64 or a whole-number double decodes as any integer type it fits in; int32 and
/// int64 decode as `Double` when exact; `Float` accepts doubles rounded to the nearest `Float`.
/// `Date` needs a datetime; `UUID` a binary of subtype 4 or 3, or a UUID string; `Data` any
/// binary; `Decimal` a decimal128, an integer or a decimal string. Missing keys are errors
/// except for optionals (`decodeIfPresent`), which also read null as `nil`. Extra keys are
/// ignored. Errors are `BSONError.decodingFailed` naming the coding path, for example
/// `"author.tags[2]: expected a string, found int32"`.
public struct BSONDecoder: Sendable {
    /// Values handed to `init(from:)` implementations as `Decoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable]

    public init(userInfo: [CodingUserInfoKey: any Sendable] = [:]) {
        self.userInfo = userInfo
    }

    /// Decodes a `T` from `document`.
    public func decode<T: Decodable>(_ type: T.Type, from document: BSONDocument) throws(BSONError) -> T {
        try decode(type, from: .document(document))
    }

    /// Decodes a `T` from any BSON value. (Disfavored so that dictionary literals pick the
    /// document overload.)
    @_disfavoredOverload
    public func decode<T: Decodable>(_ type: T.Type, from value: BSONValue) throws(BSONError) -> T {
        if let native = T.self as? any _BSONDecodableNative.Type {
            do throws(_BSONCoercionError) {
                return try native._fromBSON(value) as! T
            } catch {
                throw .decodingFailed(error.message)
            }
        }
        let info: [CodingUserInfoKey: Any] = userInfo
        let root = _BSONDecoder(value: value, parent: nil, component: nil, userInfo: info)
        do {
            return try T(from: root)
        } catch let error as BSONError {
            throw error
        } catch {
            throw .decodingFailed(describeCodingError(error, fallbackPath: []))
        }
    }
}

/// The `Decoder` handed to `init(from:)`: one per decoded composite value. It is also its own
/// single-value container.
final class _BSONDecoder: Decoder, SingleValueDecodingContainer, CodingPathNode {
    let value: BSONValue
    let parentNode: _BSONDecoder?
    let component: CodingPathComponent?
    let userInfo: [CodingUserInfoKey: Any]
    /// Where the next keyed lookup starts: synthesized `init(from:)` reads keys in the order
    /// they were written, so most lookups hit on the first comparison.
    var nextIndex = 0

    init(value: BSONValue, parent: _BSONDecoder?, component: CodingPathComponent?, userInfo: [CodingUserInfoKey: Any]) {
        self.value = value
        self.parentNode = parent
        self.component = component
        self.userInfo = userInfo
    }

    func failure(_ text: String, at component: CodingPathComponent? = nil) -> BSONError {
        .decodingFailed(message(text, at: component))
    }

    // MARK: Decoder

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .document(let document) = value else {
            throw failure("expected a document, found \(value.typeName)")
        }
        return KeyedDecodingContainer(CodingPathKeyedDecodingContainer<Key>(decoder: self, document: document))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let array) = value else {
            throw failure("expected an array, found \(value.typeName)")
        }
        return _BSONUnkeyedDecodingContainer(decoder: self, array: array)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    // MARK: Unboxing

    /// Decodes a `T` from `value`, found at `component` below this decoder.
    @inline(__always)
    func unbox<T: Decodable>(
        _ value: BSONValue, as type: T.Type, at component: @autoclosure () -> CodingPathComponent?
    ) throws(BSONError) -> T {
        if let native = T.self as? any _BSONDecodableNative.Type {
            do { return try native._fromBSON(value) as! T } catch { throw failure(error.message, at: component()) }
        }
        return try unboxComposite(value, as: type, at: component())
    }

    func unboxComposite<T: Decodable>(_ value: BSONValue, as type: T.Type, at component: CodingPathComponent?) throws(BSONError) -> T {
        let child = component.map { _BSONDecoder(value: value, parent: self, component: $0, userInfo: userInfo) }
            ?? _BSONDecoder(value: value, parent: parentNode, component: self.component, userInfo: userInfo)
        do {
            return try T(from: child)
        } catch let error as BSONError {
            throw error
        } catch {
            throw .decodingFailed(describeCodingError(error, fallbackPath: child.codingPath))
        }
    }

    @inline(__always)
    func convert<T: _BSONDecodableNative>(
        _ value: BSONValue, at component: @autoclosure () -> CodingPathComponent?
    ) throws(BSONError) -> T {
        do { return try T._fromBSON(value) } catch { throw failure(error.message, at: component()) }
    }

    // MARK: SingleValueDecodingContainer

    func decodeNil() -> Bool {
        if case .null = value { true } else { false }
    }

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
    let decoder: _BSONDecoder
    let document: BSONDocument

    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { document.elements.compactMap { Key(stringValue: $0.key) } }

    /// The value for `key`: tries the expected position first, then scans.
    @inline(__always)
    private func find(_ key: Key) -> BSONValue? {
        let name = key.stringValue
        let elements = document.elements
        let hint = decoder.nextIndex
        if hint < elements.count, elements[hint].key == name {
            decoder.nextIndex = hint + 1
            return elements[hint].value
        }
        return scan(name, elements)
    }

    private func scan(_ name: String, _ elements: [BSONElement]) -> BSONValue? {
        for index in elements.indices where elements[index].key == name {
            decoder.nextIndex = index + 1
            return elements[index].value
        }
        return nil
    }

    @inline(__always)
    private func require(_ key: Key) throws(BSONError) -> BSONValue {
        guard let value = find(key) else { throw decoder.failure("key not found", at: .key(key)) }
        return value
    }

    @inline(__always)
    private func native<T: _BSONDecodableNative>(_ key: Key) throws(BSONError) -> T {
        try decoder.convert(require(key), at: .key(key))
    }

    @inline(__always)
    private func nativeIfPresent<T: _BSONDecodableNative>(_ key: Key) throws(BSONError) -> T? {
        guard let value = find(key) else { return nil }
        if case .null = value { return nil }
        return try decoder.convert(value, at: .key(key)) as T
    }

    func contains(_ key: Key) -> Bool { find(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        if case .null = try require(key) { true } else { false }
    }

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
        guard let value = find(key) else { return nil }
        if case .null = value { return nil }
        return try decoder.unbox(value, as: type, at: .key(key))
    }

    private func child(_ key: Key) throws(BSONError) -> _BSONDecoder {
        guard let value = find(key) else {
            throw decoder.failure("key not found", at: .key(key))
        }
        return _BSONDecoder(value: value, parent: decoder, component: .key(key), userInfo: decoder.userInfo)
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
        _BSONDecoder(value: document["super"] ?? .null, parent: decoder, component: .key(CodingPathKey.super),
                     userInfo: decoder.userInfo)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        _BSONDecoder(value: find(key) ?? .null, parent: decoder, component: .key(key), userInfo: decoder.userInfo)
    }
}

struct _BSONUnkeyedDecodingContainer: UnkeyedDecodingContainer {
    let decoder: _BSONDecoder
    let array: [BSONValue]
    private(set) var currentIndex = 0

    init(decoder: _BSONDecoder, array: [BSONValue]) {
        self.decoder = decoder
        self.array = array
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { array.count }
    var isAtEnd: Bool { currentIndex >= array.count }

    @inline(__always)
    private mutating func next() throws(BSONError) -> BSONValue {
        guard currentIndex < array.count else {
            throw decoder.failure("no more elements: the array has \(array.count)", at: .index(currentIndex))
        }
        defer { currentIndex += 1 }
        return array[currentIndex]
    }

    @inline(__always)
    private mutating func native<T: _BSONDecodableNative>() throws(BSONError) -> T {
        let index = currentIndex
        return try decoder.convert(next(), at: .index(index))
    }

    mutating func decodeNil() throws -> Bool {
        guard currentIndex < array.count else {
            throw decoder.failure("no more elements: the array has \(array.count)", at: .index(currentIndex))
        }
        if case .null = array[currentIndex] {
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

    private mutating func nextDecoder() throws(BSONError) -> _BSONDecoder {
        let index = currentIndex
        return _BSONDecoder(value: try next(), parent: decoder, component: .index(index), userInfo: decoder.userInfo)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try nextDecoder().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try nextDecoder().unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { try nextDecoder() }
}
