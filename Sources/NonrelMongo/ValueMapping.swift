import Foundation
import Nonrel
import NonrelBSON

/// Converts between the core's `Value` and BSON, guided by the field type: keys are ObjectIds
/// in the database and 24-hex strings in the core; dates are BSON datetimes; decimals are
/// Decimal128 (through their string form); UUIDs are binary subtype 4.
enum ValueMapping {
    // MARK: - Value → BSON

    /// The BSON form of `value` stored in a field of `type`.
    static func bson(_ value: Value, as type: FieldType) throws(NonrelError) -> BSONValue {
        switch value {
        case .null: return .null
        case .bool(let v): return .bool(v)
        case .int(let v): return .int64(v)
        case .double(let v): return .double(v)
        case .decimal(let v): return try decimal128(v)
        case .string(let s):
            if type.storesKeys { return .objectId(try objectId(s)) }
            if case .uuid = type, let uuid = UUID(uuidString: s) { return .binary(BSONBinary(uuid: uuid)) }
            return .string(s)
        case .date(let d): return .datetime(BSONDateTime(d))
        case .uuid(let u): return .binary(BSONBinary(uuid: u))
        case .binary(let b): return .binary(BSONBinary(bytes: b))
        case .array(let items):
            let element = type.elementType ?? type
            var result: [BSONValue] = []
            result.reserveCapacity(items.count)
            for item in items { result.append(try bson(item, as: element)) }
            return .array(result)
        case .document(let row):
            return .document(try document(row, type: type))
        }
    }

    /// A nested document, each key mapped with the type the field type gives it.
    static func document(_ row: Row, type: FieldType) throws(NonrelError) -> BSONDocument {
        var result = BSONDocument()
        result.reserveCapacity(row.count)
        try append(row, to: &result, members: MemberTypes(type), storedOnly: false)
        return result
    }

    /// A model's row as the document MongoDB stores: nil fields are left out.
    static func document(_ row: Row, model: ModelDescriptor) throws(NonrelError) -> BSONDocument {
        var result = BSONDocument()
        result.reserveCapacity(row.count)
        try append(row, to: &result, members: MemberTypes(model: model), storedOnly: true)
        return result
    }

    /// A model's row as the document MongoDB stores under the key `id`: `_id` first, then the
    /// row's other non-nil fields (the row's own `_id` is replaced).
    static func document(_ row: Row, model: ModelDescriptor, id: ObjectId) throws(NonrelError) -> BSONDocument {
        var result = BSONDocument()
        result.reserveCapacity(row.count + 1)
        result.append("_id", .objectId(id))
        try append(row, to: &result, members: MemberTypes(model: model), storedOnly: true, skippingFirst: "_id")
        return result
    }

    /// Appends `row`'s elements mapped to BSON; `storedOnly` leaves nil values out, and the
    /// first element keyed `skippingFirst` is left out too.
    private static func append(
        _ row: Row, to result: inout BSONDocument, members: MemberTypes, storedOnly: Bool, skippingFirst skipped: String? = nil
    ) throws(NonrelError) {
        var members = members
        var skipped = skipped
        for element in row.elements {
            if let key = skipped, element.key == key {
                skipped = nil
                continue
            }
            if storedOnly, element.value.isNull { continue }
            result.append(element.key, try bson(element.value, as: members.type(of: element.key)))
        }
    }

    static func objectId(_ key: String) throws(NonrelError) -> ObjectId {
        do {
            return try ObjectId(key)
        } catch {
            throw NonrelError(.invalidValue, "\"\(key)\" is not a valid primary key: expected 24 hexadecimal characters, such as \"507f1f77bcf86cd799439011\"")
        }
    }

    /// A decimal as Decimal128, rounded to its 34 significant digits (Foundation keeps 38).
    static func decimal128(_ value: Decimal) throws(NonrelError) -> BSONValue {
        var input = value
        let excess = input.significand.description.filter(\.isNumber).count - 34
        if excess > 0 {
            var rounded = Decimal()
            NSDecimalRound(&rounded, &input, -input.exponent - excess, .plain)
            input = rounded
        }
        do {
            return .decimal128(try Decimal128(input.description))
        } catch {
            throw NonrelError(.invalidValue, "decimal \(value) does not fit MongoDB's Decimal128 (34 digits)")
        }
    }

    // MARK: - BSON → Value

    /// The core value of a BSON value read from a field of `type`. Types the core has no case
    /// for are read into the closest one (an ObjectId anywhere becomes its hex string).
    static func value(_ bson: BSONValue, as type: FieldType) -> Value {
        switch bson {
        case .null, .undefined, .minKey, .maxKey: return .null
        case .bool(let v): return .bool(v)
        case .int32(let v): return integer(Int64(v), as: type)
        case .int64(let v): return integer(v, as: type)
        case .double(let v):
            switch type {
            case .int where v == v.rounded() && abs(v) < 9.2e18: return .int(Int64(v))
            case .decimal: return .decimal(Decimal(v))
            default: return .double(v)
            }
        case .decimal128(let d):
            if d.isNaN || d.isInfinite { return .double(d.isNaN ? .nan : (d.isSignMinus ? -.infinity : .infinity)) }
            let decimal = Decimal(string: d.description, locale: posix) ?? 0
            switch type {
            case .double: return .double(NSDecimalNumber(decimal: decimal).doubleValue)
            default: return .decimal(decimal)
            }
        case .string(let s):
            if case .uuid = type, let uuid = UUID(uuidString: s) { return .uuid(uuid) }
            return .string(s)
        case .symbol(let s), .javascript(let s): return .string(s)
        case .javascriptWithScope(let code): return .string(code.code)
        case .objectId(let id): return .string(id.hex)
        case .dbPointer(let pointer): return .string(pointer.id.hex)
        case .datetime(let d): return .date(d.date)
        case .timestamp(let t): return .date(Date(timeIntervalSince1970: TimeInterval(t.timestamp)))
        case .regex(let r): return .string(r.pattern)
        case .binary(let b):
            if b.subtype == .uuid || b.subtype == .uuidOld, let uuid = b.uuid { return .uuid(uuid) }
            return .binary(b.bytes)
        case .array(let items):
            let element = type.elementType ?? type
            return .array(items.map { value($0, as: element) })
        case .document(let document):
            return .document(row(document, type: type))
        }
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    private static func integer(_ v: Int64, as type: FieldType) -> Value {
        switch type {
        case .double: .double(Double(v))
        case .decimal: .decimal(Decimal(v))
        default: .int(v)
        }
    }

    /// A nested document read back.
    static func row(_ document: BSONDocument, type: FieldType) -> Row {
        row(document, members: MemberTypes(type))
    }

    /// A stored document read back as a model's row (the key `_id` as a hex string).
    static func row(_ document: BSONDocument, model: ModelDescriptor) -> Row {
        row(document, members: MemberTypes(model: model))
    }

    private static func row(_ document: BSONDocument, members: MemberTypes) -> Row {
        var members = members
        var row = Row(minimumCapacity: document.count)
        for element in document.elements {
            row.append(element.key, value(element.value, as: members.type(of: element.key)))
        }
        return row
    }
}
