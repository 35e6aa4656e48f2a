/// An ordered set of named values: one stored document (a database row), or a nested
/// document inside one. Keys are storage column names.
public struct Row: Sendable, Hashable, CustomStringConvertible {
    public private(set) var elements: [RowElement]

    public init() { elements = [] }

    public init<S: Sequence>(_ pairs: S) where S.Element == (String, Value) {
        elements = pairs.map { RowElement(key: $0.0, value: $0.1) }
    }

    /// An empty row with room for `minimumCapacity` keys.
    public init(minimumCapacity: Int) {
        elements = []
        elements.reserveCapacity(minimumCapacity)
    }

    /// A row holding `elements` as they are (duplicate keys included, as ``init(_:)`` keeps them).
    init(elements: [RowElement]) {
        self.elements = elements
    }

    public var count: Int { elements.count }
    public var isEmpty: Bool { elements.isEmpty }
    public var keys: [String] { elements.map(\.key) }

    /// The value for `key`; setting `nil` removes the key, setting an existing key replaces it.
    public subscript(key: String) -> Value? {
        get {
            // Index access: no element is copied while searching.
            for index in elements.indices where elements[index].key == key { return elements[index].value }
            return nil
        }
        set {
            if let index = elements.firstIndex(where: { $0.key == key }) {
                if let newValue { elements[index].value = newValue } else { elements.remove(at: index) }
            } else if let newValue {
                elements.append(RowElement(key: key, value: newValue))
            }
        }
    }

    /// Appends without looking for an existing `key`: for building a row whose keys are known to
    /// be new, or reading a stored document as it is (duplicates included, as ``init(_:)``).
    public mutating func append(_ key: String, _ value: Value) {
        elements.append(RowElement(key: key, value: value))
    }

    /// Replaces the value at `index` of ``elements``, keeping its key.
    mutating func replaceValue(at index: Int, with value: Value) {
        elements[index].value = value
    }

    public mutating func reserveCapacity(_ minimumCapacity: Int) {
        elements.reserveCapacity(minimumCapacity)
    }

    /// Follows a path of keys (and array indexes) into nested documents and arrays.
    public func value(at path: [String]) -> Value? {
        guard let first = path.first else { return .document(self) }
        guard let next = self[first] else { return nil }
        return next.value(at: path.dropFirst())
    }

    /// Sets the value at a path, creating intermediate documents.
    public mutating func setValue(_ value: Value?, at path: [String]) {
        guard let first = path.first else { return }
        if path.count == 1 {
            self[first] = value
            return
        }
        var nested = self[first]?.documentValue ?? Row()
        nested.setValue(value, at: Array(path.dropFirst()))
        self[first] = .document(nested)
    }

    public static func == (lhs: Row, rhs: Row) -> Bool {
        lhs.elements.count == rhs.elements.count
            && zip(lhs.elements, rhs.elements).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for element in elements {
            hasher.combine(element.key)
            hasher.combine(element.value)
        }
    }

    public var description: String {
        "{" + elements.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
    }
}

extension Row: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, Value)...) { self.init(elements) }
}

extension Value {
    /// Follows a path into documents (by key) and arrays (by index).
    public func value<C: Collection>(at path: C) -> Value? where C.Element == String {
        guard let first = path.first else { return self }
        switch self {
        case .document(let row):
            return row[first]?.value(at: path.dropFirst())
        case .array(let items):
            guard let index = Int(first), items.indices.contains(index) else { return nil }
            return items[index].value(at: path.dropFirst())
        default:
            return nil
        }
    }
}
