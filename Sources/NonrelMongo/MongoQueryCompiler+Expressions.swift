import Foundation
import Nonrel
import NonrelBSON

/// Transforms (`created__year`, `tags__len`) and `F()` comparisons, compiled to `$expr` (or to
/// plain day ranges for `date`). Every `$expr` is guarded so that null, missing and wrong types
/// never match, as the comparison operators of a filter behave.
extension MongoQueryCompiler {
    static let millisecondsPerDay: Int64 = 86_400_000
    static let numericTypes: BSONValue = ["int", "long", "double", "decimal"]

    // MARK: - Transforms

    static func transformed(_ condition: Condition, _ transform: Transform, _ operand: Value) throws(NonrelError) -> BSONDocument {
        let path = condition.field
        let key = path.dotted
        let bsonType: BSONValue = transform == .length ? "array" : "date"
        if condition.op == .isnull {
            let present: BSONDocument = [key: ["$type": bsonType]]
            return operand.boolValue == false ? present : ["$nor": [.document(present)]]
        }
        if transform == .date {
            return try dateRange(path, condition.op, operand)
        }
        let comparedType: FieldType = .int
        return ["$expr": .document(try guardedPerElement(path, transform) { (x) throws(NonrelError) in
            try comparison(transformValue(transform, x), condition.op, operand, type: comparedType)
        })]
    }

    /// `created__date` as ranges of whole UTC days over the stored datetime (plain operators:
    /// type bracketing keeps null, missing and non-dates out, and indexes apply).
    static func dateRange(_ path: FieldPath, _ op: LookupOperator, _ operand: Value) throws(NonrelError) -> BSONDocument {
        let key = path.dotted
        func day(_ v: Value) throws(NonrelError) -> Int64 {
            guard case .date(let date) = v else {
                throw NonrelError(.invalidValue, "\(key)__date needs a date, not \(v.typeName) \(v)")
            }
            let ms = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
            return ms - ((ms % millisecondsPerDay) + millisecondsPerDay) % millisecondsPerDay
        }
        func at(_ ms: Int64) -> BSONValue { .datetime(BSONDateTime(millisecondsSinceEpoch: ms)) }
        func between(_ low: Int64?, _ high: Int64?) -> BSONDocument {
            var spec = BSONDocument()
            if let low { spec["$gte"] = at(low) }
            if let high { spec["$lt"] = at(high) }
            return [key: .document(spec)]
        }
        if operand.isNull, op != .in { return matchNothing }
        switch op {
        case .exact:
            let start = try day(operand)
            return between(start, start + millisecondsPerDay)
        case .gt: return between(try day(operand) + millisecondsPerDay, nil)
        case .gte: return between(try day(operand), nil)
        case .lt: return between(nil, try day(operand))
        case .lte: return between(nil, try day(operand) + millisecondsPerDay)
        case .range:
            guard let bounds = operand.arrayValue, bounds.count == 2, !bounds[0].isNull, !bounds[1].isNull else { return matchNothing }
            return between(try day(bounds[0]), try day(bounds[1]) + millisecondsPerDay)
        case .in:
            var ranges: [BSONValue] = []
            for item in operand.arrayValue ?? [] where !item.isNull {
                let start = try day(item)
                ranges.append(.document(between(start, start + millisecondsPerDay)))
            }
            switch ranges.count {
            case 0: return matchNothing
            case 1: return ranges[0].documentValue!
            default: return ["$or": .array(ranges)]
            }
        default:
            throw unsupported(op, "the date transform")
        }
    }

    /// `$cond: [guard(x), test(value(x)), false]`, applied to each element when the path
    /// crosses a list (or is a JSON value that may hold one) so that any element may match.
    static func guardedPerElement(
        _ path: FieldPath, _ transform: Transform, _ test: (BSONValue) throws(NonrelError) -> BSONDocument
    ) throws(NonrelError) -> BSONDocument {
        let field: BSONValue = .string("$" + path.dotted)
        var perElement = path.crossesArray
        if case .json = path.type, transform != .length { perElement = true }
        func guarded(_ x: BSONValue) throws(NonrelError) -> BSONDocument {
            let check: BSONDocument = transform == .length ? ["$isArray": x] : ["$eq": [["$type": x], "date"]]
            return ["$cond": [.document(check), .document(try test(x)), false]]
        }
        guard perElement else { return try guarded(field) }
        let elements: BSONDocument = ["$cond": [["$isArray": field], field, [field]]]
        return ["$anyElementTrue": [["$map": ["input": .document(elements), "as": "v", "in": .document(try guarded("$$v"))]]]]
    }

    /// The transform applied to an expression known to be a date (or an array, for `len`).
    static func transformValue(_ transform: Transform, _ x: BSONValue) -> BSONValue {
        switch transform {
        case .year: ["$year": x]
        case .month: ["$month": x]
        case .day: ["$dayOfMonth": x]
        case .hour: ["$hour": x]
        case .minute: ["$minute": x]
        case .second: ["$second": x]
        case .weekDay: ["$dayOfWeek": x]
        case .isoWeekDay: ["$isoDayOfWeek": x]
        case .quarter: ["$ceil": ["$divide": [["$month": x], 3]]]
        case .length: ["$size": x]
        case .date: x
        }
    }

    /// An aggregation comparison of `lhs` with a constant operand.
    static func comparison(_ lhs: BSONValue, _ op: LookupOperator, _ operand: Value, type: FieldType) throws(NonrelError) -> BSONDocument {
        func constant(_ v: Value) throws(NonrelError) -> BSONValue { literal(try ValueMapping.bson(v, as: type)) }
        switch op {
        case .exact, .gt, .gte, .lt, .lte:
            guard !operand.isNull else { return ["$literal": false] }
            let name = op == .exact ? "$eq" : "$" + op.rawValue
            return BSONDocument([(name, .array([lhs, try constant(operand)]))])
        case .in:
            let items = (operand.arrayValue ?? [operand]).filter { !$0.isNull }
            return ["$in": [lhs, try constant(.array(items))]]
        case .range:
            guard let bounds = operand.arrayValue, bounds.count == 2, !bounds[0].isNull, !bounds[1].isNull else {
                return ["$literal": false]
            }
            return ["$and": [["$gte": [lhs, try constant(bounds[0])]], ["$lte": [lhs, try constant(bounds[1])]]]]
        default:
            throw unsupported(op, "a transform")
        }
    }

    /// A constant inside an aggregation expression: numbers, booleans and dates as they are,
    /// anything else under `$literal` so that a string like `"$foo"` is never read as a path.
    static func literal(_ value: BSONValue) -> BSONValue {
        switch value {
        case .int32, .int64, .double, .decimal128, .bool, .datetime, .null, .objectId: value
        default: ["$literal": value]
        }
    }

    // MARK: - F() comparisons

    /// `likes__gt = F("views")`: both sides must be present and non-null; ordering comparisons
    /// also need one type family (numbers compare across int, long, double and decimal).
    static func fieldComparison(_ condition: Condition) throws(NonrelError) -> BSONDocument {
        let type: FieldType = switch condition.transform {
        case .none: condition.field.type
        case .date?: .date
        case .some: .int
        }
        let rhs = try expression(condition.operand, type: type)
        let op = condition.op
        guard [.exact, .gt, .gte, .lt, .lte].contains(op) else {
            throw unsupported(op, "an F() expression")
        }
        let name = op == .exact ? "$eq" : "$" + op.rawValue
        func test(_ lhs: BSONValue) -> BSONDocument {
            var parts: [BSONValue] = [.document(isPresent(lhs)), .document(isPresent(rhs))]
            if op != .exact { parts.append(.document(sameFamily(lhs, rhs))) }
            parts.append(.document(BSONDocument([(name, .array([lhs, rhs]))])))
            return ["$and": .array(parts)]
        }
        guard let transform = condition.transform else {
            return ["$expr": .document(test(.string("$" + condition.field.dotted)))]
        }
        if transform == .date {
            throw NonrelError(.unsupported, "\(condition.field.dotted)__date compared with F() is not supported on MongoDB; compare the datetimes, or filter by a constant date")
        }
        return ["$expr": .document(try guardedPerElement(condition.field, transform) { x in test(transformValue(transform, x)) })]
    }

    /// Whether an expression's value is neither null nor missing.
    static func isPresent(_ x: BSONValue) -> BSONDocument {
        ["$not": [["$in": [["$type": x], ["missing", "null"]]]]]
    }

    /// Whether two expressions hold the same BSON type, or both numbers.
    static func sameFamily(_ a: BSONValue, _ b: BSONValue) -> BSONDocument {
        ["$or": [
            ["$eq": [["$type": a], ["$type": b]]],
            ["$and": [["$in": [["$type": a], numericTypes]], ["$in": [["$type": b], numericTypes]]]],
        ]]
    }

    /// An aggregation expression for a core expression (`F("views") + 1`); arithmetic on null
    /// or missing yields null, as MongoDB's `$add` and friends do.
    static func expression(_ expression: Nonrel.Expression, type: FieldType) throws(NonrelError) -> BSONValue {
        switch expression {
        case .value(let value):
            return literal(try ValueMapping.bson(value, as: type))
        case .field(let path):
            return .string("$" + path.dotted)
        case .add(let a, let b):
            return ["$add": [try self.expression(a, type: type), try self.expression(b, type: type)]]
        case .subtract(let a, let b):
            return ["$subtract": [try self.expression(a, type: type), try self.expression(b, type: type)]]
        case .multiply(let a, let b):
            return ["$multiply": [try self.expression(a, type: type), try self.expression(b, type: type)]]
        case .divide(let a, let b):
            return ["$divide": [try self.expression(a, type: type), try self.expression(b, type: type)]]
        }
    }

    static func unsupported(_ op: LookupOperator, _ context: String) -> NonrelError {
        NonrelError(.unsupported, "the \(op.rawValue) lookup is not supported with \(context) on MongoDB")
    }
}
