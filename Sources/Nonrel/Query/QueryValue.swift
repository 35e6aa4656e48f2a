import Foundation

/// Anything that can stand on the right of a lookup: plain values (`"swift"`, `18`, `Date()`),
/// arrays for `__in`, models and foreign keys (their primary key), and `F` expressions.
public protocol QueryValue: Sendable {
    /// The operand before field names are resolved.
    var queryOperand: UnresolvedExpression { get }
}

/// An expression whose field names are not yet resolved against a model.
public indirect enum UnresolvedExpression: Sendable {
    case value(Value)
    case field(String)
    case add(UnresolvedExpression, UnresolvedExpression)
    case subtract(UnresolvedExpression, UnresolvedExpression)
    case multiply(UnresolvedExpression, UnresolvedExpression)
    case divide(UnresolvedExpression, UnresolvedExpression)
}

extension Value: QueryValue {
    public var queryOperand: UnresolvedExpression { .value(self) }
}

extension String: QueryValue { public var queryOperand: UnresolvedExpression { .value(.string(self)) } }
extension Int: QueryValue { public var queryOperand: UnresolvedExpression { .value(.int(Int64(self))) } }
extension Int64: QueryValue { public var queryOperand: UnresolvedExpression { .value(.int(self)) } }
extension Int32: QueryValue { public var queryOperand: UnresolvedExpression { .value(.int(Int64(self))) } }
extension Double: QueryValue { public var queryOperand: UnresolvedExpression { .value(.double(self)) } }
extension Bool: QueryValue { public var queryOperand: UnresolvedExpression { .value(.bool(self)) } }
extension Decimal: QueryValue { public var queryOperand: UnresolvedExpression { .value(.decimal(self)) } }
extension Date: QueryValue { public var queryOperand: UnresolvedExpression { .value(.date(self)) } }
extension UUID: QueryValue { public var queryOperand: UnresolvedExpression { .value(.uuid(self)) } }
extension Data: QueryValue { public var queryOperand: UnresolvedExpression { .value(.binary(Array(self))) } }

extension Optional: QueryValue where Wrapped: QueryValue {
    public var queryOperand: UnresolvedExpression { self?.queryOperand ?? .value(.null) }
}

extension Array: QueryValue where Element: QueryValue {
    /// Arrays are for `__in`, `__range`, `__overlap` and list `__contains`; F expressions inside
    /// arrays are not supported, so their elements must be plain values.
    public var queryOperand: UnresolvedExpression {
        .value(.array(map { element in
            if case .value(let value) = element.queryOperand { return value }
            return .null
        }))
    }
}

extension ForeignKey: QueryValue {
    public var queryOperand: UnresolvedExpression { .value(.string(id)) }
}

/// A reference to a field of the queried model, for comparisons between fields and atomic
/// updates, as Django's `F()`:
///
/// ```swift
/// Post.objects.filter("likes__gt", F("views"))
/// Post.objects.filter("slug", "hello").update(["views": F("views") + 1])
/// ```
public struct F: QueryValue {
    public let queryOperand: UnresolvedExpression

    /// The field `name` (`"views"`, `"address__city"`).
    public init(_ name: String) { queryOperand = .field(name) }

    init(_ expression: UnresolvedExpression) { queryOperand = expression }

    public static func + (lhs: F, rhs: some QueryValue) -> F { F(.add(lhs.queryOperand, rhs.queryOperand)) }
    public static func - (lhs: F, rhs: some QueryValue) -> F { F(.subtract(lhs.queryOperand, rhs.queryOperand)) }
    public static func * (lhs: F, rhs: some QueryValue) -> F { F(.multiply(lhs.queryOperand, rhs.queryOperand)) }
    public static func / (lhs: F, rhs: some QueryValue) -> F { F(.divide(lhs.queryOperand, rhs.queryOperand)) }
    public static func + (lhs: some QueryValue, rhs: F) -> F { F(.add(lhs.queryOperand, rhs.queryOperand)) }
    public static func - (lhs: some QueryValue, rhs: F) -> F { F(.subtract(lhs.queryOperand, rhs.queryOperand)) }
    public static func * (lhs: some QueryValue, rhs: F) -> F { F(.multiply(lhs.queryOperand, rhs.queryOperand)) }
    public static func + (lhs: F, rhs: F) -> F { F(.add(lhs.queryOperand, rhs.queryOperand)) }
    public static func - (lhs: F, rhs: F) -> F { F(.subtract(lhs.queryOperand, rhs.queryOperand)) }
    public static func * (lhs: F, rhs: F) -> F { F(.multiply(lhs.queryOperand, rhs.queryOperand)) }
}
