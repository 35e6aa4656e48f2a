/// One key-value pair of a ``Row``.
///
/// A struct rather than a tuple so that arrays of elements are copied and destroyed by
/// compiled code, not by the runtime's generic tuple witnesses.
public struct RowElement: Sendable, Hashable {
    public var key: String
    public var value: Value

    public init(key: String, value: Value) {
        self.key = key
        self.value = value
    }
}
