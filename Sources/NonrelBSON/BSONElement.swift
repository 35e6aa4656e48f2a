/// One key-value pair of a ``BSONDocument``.
///
/// A struct rather than a tuple so that arrays of elements are copied and destroyed by
/// compiled code, not by the runtime's generic tuple witnesses.
public struct BSONElement: Sendable, Hashable {
    public var key: String
    public var value: BSONValue

    public init(key: String, value: BSONValue) {
        self.key = key
        self.value = value
    }
}
