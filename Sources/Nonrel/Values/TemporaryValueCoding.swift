// Temporary until the value encoder lands.
public struct ValueEncoder: Sendable {
    public init() {}
    public func encode<T: Encodable>(_ value: T) throws(NonrelError) -> Value { throw NonrelError(.invalidValue, "todo") }
    public func encodeRow<T: Encodable>(_ value: T) throws(NonrelError) -> Row { throw NonrelError(.invalidValue, "todo") }
}
public struct ValueDecoder: Sendable {
    public init() {}
    public func decode<T: Decodable>(_ type: T.Type, from value: Value) throws(NonrelError) -> T { throw NonrelError(.invalidValue, "todo") }
    public func decode<T: Decodable>(_ type: T.Type, from row: Row) throws(NonrelError) -> T { throw NonrelError(.invalidValue, "todo") }
}
