import Foundation
import Nonrel

/// Evaluates ``QueryExpression``s (`F("views") + 1`) against one document, as MongoDB's
/// aggregation arithmetic does, with SQL's null rule: null or missing in, null out.
enum ExpressionEvaluator {
    /// The expression's value for `row` (`.null` for null or missing).
    static func evaluate(_ expression: QueryExpression, in row: Row, model: ModelDescriptor) throws(NonrelError) -> Value {
        switch expression {
        case .value(let value): return value
        case .field(let path): return DocumentPath.expressionValue(row, path.columns) ?? .null
        case .add(let a, let b): return try arithmetic(.add, a, b, row, model)
        case .subtract(let a, let b): return try arithmetic(.subtract, a, b, row, model)
        case .multiply(let a, let b): return try arithmetic(.multiply, a, b, row, model)
        case .divide(let a, let b): return try arithmetic(.divide, a, b, row, model)
        }
    }

    enum Operation: String { case add = "+", subtract = "-", multiply = "*", divide = "/" }

    private static func arithmetic(_ op: Operation, _ a: QueryExpression, _ b: QueryExpression, _ row: Row, _ model: ModelDescriptor) throws(NonrelError) -> Value {
        try combine(op, try evaluate(a, in: row, model: model), try evaluate(b, in: row, model: model), model: model)
    }

    /// `x op y`: ints stay ints (a double on overflow, as MongoDB), a double makes a double,
    /// a decimal a decimal; division gives a double (a decimal with decimals); a date plus or
    /// minus milliseconds is a date, a date minus a date is milliseconds.
    static func combine(_ op: Operation, _ x: Value, _ y: Value, model: ModelDescriptor) throws(NonrelError) -> Value {
        if x.isNull || y.isNull { return .null }
        switch (x, y) {
        case (.date(let d), _) where y.isNumeric && (op == .add || op == .subtract):
            let ms = y.doubleValue ?? 0
            return .date(Date(timeIntervalSince1970: d.timeIntervalSince1970 + (op == .add ? ms : -ms) / 1000))
        case (_, .date(let d)) where x.isNumeric && op == .add:
            return .date(Date(timeIntervalSince1970: d.timeIntervalSince1970 + (x.doubleValue ?? 0) / 1000))
        case (.date(let p), .date(let q)) where op == .subtract:
            return .int(Int64(((p.timeIntervalSince1970 - q.timeIntervalSince1970) * 1000).rounded()))
        default:
            break
        }
        guard x.isNumeric, y.isNumeric else {
            throw NonrelError(.invalidValue, "\(model.name): cannot compute \(x.typeName) \(op.rawValue) \(y.typeName) (\(x) \(op.rawValue) \(y)); arithmetic needs numbers", model: model.name)
        }
        if op == .divide, ValueOrdering.compareNumbers(y, .int(0)) == 0 {
            throw NonrelError(.invalidValue, "\(model.name): division by zero (\(x) / \(y))", model: model.name)
        }
        switch (x, y) {
        case (.decimal, _), (_, .decimal):
            let (p, q) = (decimal(x), decimal(y))
            switch op {
            case .add: return .decimal(p + q)
            case .subtract: return .decimal(p - q)
            case .multiply: return .decimal(p * q)
            case .divide: return .decimal(p / q)
            }
        case (.int(let p), .int(let q)) where op != .divide:
            let (result, overflow): (Int64, Bool) = switch op {
            case .add: p.addingReportingOverflow(q)
            case .subtract: p.subtractingReportingOverflow(q)
            default: p.multipliedReportingOverflow(by: q)
            }
            if !overflow { return .int(result) }
        default:
            break
        }
        let (p, q) = (x.doubleValue ?? .nan, y.doubleValue ?? .nan)
        switch op {
        case .add: return .double(p + q)
        case .subtract: return .double(p - q)
        case .multiply: return .double(p * q)
        case .divide: return .double(p / q)
        }
    }

    private static func decimal(_ value: Value) -> Decimal {
        switch value {
        case .int(let i): Decimal(i)
        case .double(let d): Decimal(d)
        case .decimal(let d): d
        default: .nan
        }
    }
}
