/// An ordered BSON document: keys keep the order they were inserted in, as MongoDB requires
/// for commands, sort specifications and index keys.
///
/// ```swift
/// let filter: BSONDocument = ["age": ["$gte": 18], "name": "Ada"]
/// ```
public struct BSONDocument: Sendable, Hashable {
    /// The key-value pairs in order. Duplicate keys are kept as read; subscripts see the first.
    public private(set) var elements: [BSONElement]

    public init() { elements = [] }

    public init<S: Sequence>(_ pairs: S) where S.Element == (String, BSONValue) {
        elements = pairs.map { BSONElement(key: $0.0, value: $0.1) }
    }

    /// A document of `elements`, in their order.
    public init(elements: [BSONElement]) {
        self.elements = elements
    }

    /// Reserves room for `count` elements, for builders that know their size.
    public mutating func reserveCapacity(_ count: Int) {
        elements.reserveCapacity(count)
    }

    public var count: Int { elements.count }
    public var isEmpty: Bool { elements.isEmpty }
    public var keys: [String] { elements.map(\.key) }
    public var values: [BSONValue] { elements.map(\.value) }

    /// The value for `key`, or `nil` when absent. Setting `nil` removes the key; setting an
    /// existing key replaces its value in place, a new key is appended.
    public subscript(key: String) -> BSONValue? {
        get {
            // Index access and a length check first: no element is copied while searching.
            let length = key.utf8.count
            for index in elements.indices where elements[index].key.utf8.count == length && elements[index].key == key {
                return elements[index].value
            }
            return nil
        }
        set {
            if let index = elements.firstIndex(where: { $0.key == key }) {
                if let newValue { elements[index].value = newValue } else { elements.remove(at: index) }
            } else if let newValue {
                elements.append(BSONElement(key: key, value: newValue))
            }
        }
    }

    /// Appends without checking for an existing key (fast path for decoders and builders).
    public mutating func append(_ key: String, _ value: BSONValue) {
        elements.append(BSONElement(key: key, value: value))
    }

    /// Removes `key` and returns its value.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> BSONValue? {
        guard let index = elements.firstIndex(where: { $0.key == key }) else { return nil }
        return elements.remove(at: index).value
    }

    public func contains(key: String) -> Bool { elements.contains { $0.key == key } }

    /// Follows a dotted path (`"address.city"`, `"items.0.name"`) through documents and arrays.
    public subscript(path path: String) -> BSONValue? {
        var current: BSONValue = .document(self)
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            switch current {
            case .document(let doc):
                guard let next = doc[String(part)] else { return nil }
                current = next
            case .array(let array):
                guard let index = Int(part), array.indices.contains(index) else { return nil }
                current = array[index]
            default:
                return nil
            }
        }
        return current
    }

    public static func == (lhs: BSONDocument, rhs: BSONDocument) -> Bool {
        lhs.elements == rhs.elements
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(elements.count)
        for element in elements {
            hasher.combine(element.key)
            hasher.combine(element.value)
        }
    }
}

extension BSONDocument: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, BSONValue)...) {
        self.init(elements)
    }
}

extension BSONDocument: Sequence {
    public func makeIterator() -> IndexingIterator<[BSONElement]> {
        elements.makeIterator()
    }
}
