import Synchronization

/// Types known not to be natives of the value coders (``_ValueEncodableNative``,
/// ``_ValueDecodableNative``): the runtime's conformance check that finds a type is no native
/// costs thousands of instructions each time, a lookup here a few dozen.
enum _ValueCompositeTypes {
    private static let encodable = Mutex<Set<ObjectIdentifier>>([])
    private static let decodable = Mutex<Set<ObjectIdentifier>>([])

    /// The native form of `value`, or nil when its type is no native.
    @inline(__always)
    static func native<T>(_ value: T) -> (any _ValueEncodableNative)? {
        let id = ObjectIdentifier(T.self)
        if encodable.withLock({ $0.contains(id) }) { return nil }
        if let native = value as? any _ValueEncodableNative { return native }
        // A cast of an Optional depends on whether it holds a value: not remembered.
        if !(T.self is any _ValueOptional.Type) { _ = encodable.withLock { $0.insert(id) } }
        return nil
    }

    /// `type` as a native, or nil when it is none.
    @inline(__always)
    static func native<T>(_ type: T.Type) -> (any _ValueDecodableNative.Type)? {
        let id = ObjectIdentifier(type)
        if decodable.withLock({ $0.contains(id) }) { return nil }
        if let native = type as? any _ValueDecodableNative.Type { return native }
        _ = decodable.withLock { $0.insert(id) }
        return nil
    }
}

/// Marks `Optional`, whose dynamic casts look at the wrapped value.
protocol _ValueOptional {}
extension Optional: _ValueOptional {}
