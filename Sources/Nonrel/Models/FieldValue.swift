import Foundation

/// A Swift type a model property may have, with the field type it maps to by default and its
/// stored form. `Optional` of a field value makes the field nullable.
public protocol FieldValue: Codable, Sendable {
    /// The field type a property of this type gets unless the declaration says otherwise.
    static var fieldType: FieldType { get }
    /// Whether the type is an Optional (the field is then nullable).
    static var isOptional: Bool { get }
}

extension FieldValue {
    public static var isOptional: Bool { false }
}

extension String: FieldValue { public static var fieldType: FieldType { .string(maxLength: nil) } }
extension Int: FieldValue { public static var fieldType: FieldType { .int } }
extension Int64: FieldValue { public static var fieldType: FieldType { .int } }
extension Int32: FieldValue { public static var fieldType: FieldType { .int } }
extension Double: FieldValue { public static var fieldType: FieldType { .double } }
extension Float: FieldValue { public static var fieldType: FieldType { .double } }
extension Bool: FieldValue { public static var fieldType: FieldType { .bool } }
extension Decimal: FieldValue { public static var fieldType: FieldType { .decimal } }
extension Date: FieldValue { public static var fieldType: FieldType { .datetime } }
extension UUID: FieldValue { public static var fieldType: FieldType { .uuid } }
extension Data: FieldValue { public static var fieldType: FieldType { .binary } }
extension Value: FieldValue { public static var fieldType: FieldType { .json } }

extension Optional: FieldValue where Wrapped: FieldValue {
    public static var fieldType: FieldType { Wrapped.fieldType }
    public static var isOptional: Bool { true }
}

extension Array: FieldValue where Element: FieldValue {
    public static var fieldType: FieldType { .list(Element.fieldType) }
}

extension Set: FieldValue where Element: FieldValue {
    public static var fieldType: FieldType { .set(Element.fieldType) }
}

extension Dictionary: FieldValue where Key == String, Value: FieldValue {
    public static var fieldType: FieldType { .dict(Value.fieldType) }
}
