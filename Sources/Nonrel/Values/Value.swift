import Foundation

/// A backend-neutral stored value: what a model field holds once it leaves Swift types, and what
/// queries compare against. Every backend maps it to its own storage (BSON on MongoDB).
public enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case decimal(Decimal)
    case string(String)
    /// A point in time, stored with millisecond precision (as MongoDB does).
    case date(Date)
    case uuid(UUID)
    case binary([UInt8])
    case array([Value])
    case document(Row)
}

extension Value {
    public var isNull: Bool { if case .null = self { true } else { false } }
    public var stringValue: String? { if case .string(let v) = self { v } else { nil } }
    public var boolValue: Bool? { if case .bool(let v) = self { v } else { nil } }
    public var arrayValue: [Value]? { if case .array(let v) = self { v } else { nil } }
    public var documentValue: Row? { if case .document(let v) = self { v } else { nil } }
    public var dateValue: Date? { if case .date(let v) = self { v } else { nil } }

    /// The value as an `Int` when it is an integer, or a double holding a whole number.
    public var intValue: Int? {
        switch self {
        case .int(let v): Int(exactly: v)
        case .double(let v): Int(exactly: v)
        case .decimal(let v): Int(exactly: NSDecimalNumber(decimal: v).doubleValue)
        default: nil
        }
    }

    /// The value as a `Double` when it is numeric.
    public var doubleValue: Double? {
        switch self {
        case .int(let v): Double(v)
        case .double(let v): v
        case .decimal(let v): NSDecimalNumber(decimal: v).doubleValue
        default: nil
        }
    }

    /// Whether the value is a number (int, double or decimal).
    public var isNumeric: Bool {
        switch self {
        case .int, .double, .decimal: true
        default: false
        }
    }

    /// A short name of the value's type, for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "bool"
        case .int: "int"
        case .double: "double"
        case .decimal: "decimal"
        case .string: "string"
        case .date: "date"
        case .uuid: "uuid"
        case .binary: "binary"
        case .array: "array"
        case .document: "document"
        }
    }
}

extension Value: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension Value: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self = .int(Int64(value)) }
}

extension Value: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension Value: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension Value: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

extension Value: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Value...) { self = .array(elements) }
}

extension Value: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, Value)...) { self = .document(Row(elements)) }
}

extension Value: CustomStringConvertible {
    public var description: String {
        switch self {
        case .null: "nil"
        case .bool(let v): "\(v)"
        case .int(let v): "\(v)"
        case .double(let v): "\(v)"
        case .decimal(let v): "\(v)"
        case .string(let v): "\"\(v)\""
        case .date(let v): v.formatted(.iso8601)
        case .uuid(let v): v.uuidString
        case .binary(let v): "<\(v.count) bytes>"
        case .array(let v): "[" + v.map(\.description).joined(separator: ", ") + "]"
        case .document(let v): v.description
        }
    }
}
