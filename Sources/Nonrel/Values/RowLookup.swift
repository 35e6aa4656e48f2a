/// Looks up a row's keys in the order the row is expected to list them (a model's fields, in the
/// order encoders write them and backends store them): while each key asked for is the row's next
/// one, a lookup is one comparison. When the keys asked for are distinct, every lookup returns
/// what ``Row/subscript(_:)`` returns (the first occurrence).
struct RowLookup {
    private let elements: [RowElement]
    /// The position after the last in-order hit: every position before it was returned for an
    /// earlier (different) key, so a hit there is the key's first occurrence. -1 once a key was
    /// found elsewhere; lookups then scan from the start.
    private var next: Int

    /// - Parameter inOrder: false when the keys asked for may repeat (lookups always scan).
    init(_ row: Row, inOrder: Bool = true) {
        elements = row.elements
        next = inOrder ? 0 : -1
    }

    /// The position after the last in-order hit (nil once lookups scan).
    var position: Int? { next >= 0 ? next : nil }

    mutating func value(forKey key: String) -> Value? {
        if next >= 0, next < elements.count, elements[next].key == key {
            next += 1
            return elements[next - 1].value
        }
        for index in elements.indices where elements[index].key == key {
            next = -1
            return elements[index].value
        }
        return nil
    }
}
