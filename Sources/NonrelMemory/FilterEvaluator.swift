import Foundation
import Nonrel

/// Compiles a ``FilterNode`` into a predicate over stored rows with MongoDB's matching rules
/// (docs/Semantics.md): arrays match per element, null and missing alike, comparisons within
/// one type family, negation as the complement, literal text, UTC transforms.
struct FilterEvaluator {
    typealias Predicate = (Row) throws(NonrelError) -> Bool
    /// A test of one present, non-null value.
    typealias ValueTest = (Value) -> Bool

    let model: ModelDescriptor

    /// The predicate for `node`; invalid regular expressions fail here, before any row is read.
    func compile(_ node: FilterNode) throws(NonrelError) -> Predicate {
        switch node {
        case .all:
            return { _ in true }
        case .none:
            return { _ in false }
        case .relation(let relation):
            throw NonrelError(.needsIndexer, "a filter across the relation \(relation.field.name) → \(relation.related.name) needs the indexer, which resolves JOINs before queries reach the memory backend", model: model.name)
        case .and(let children):
            var predicates: [Predicate] = []
            for child in children { predicates.append(try compile(child)) }
            return { row throws(NonrelError) in
                for predicate in predicates where !(try predicate(row)) { return false }
                return true
            }
        case .or(let children):
            var predicates: [Predicate] = []
            for child in children { predicates.append(try compile(child)) }
            return { row throws(NonrelError) in
                for predicate in predicates where try predicate(row) { return true }
                return false
            }
        case .not(let inner):
            let predicate = try compile(inner)
            return { row throws(NonrelError) in !(try predicate(row)) }
        case .condition(let condition):
            return try compile(condition)
        }
    }

    // MARK: - Conditions

    private func compile(_ condition: Condition) throws(NonrelError) -> Predicate {
        let columns = condition.field.columns
        let candidates: (Row) -> [Value?]
        if let transform = condition.transform {
            // Per element of a list (or of a JSON array) for date parts; whole lists for `len`.
            // A transform of null, missing or the wrong type yields nothing to match.
            let reach = transform == .length ? DocumentPath.leafValues : DocumentPath.matchCandidates
            candidates = { row in reach(row, columns).compactMap { DateTransforms.apply(transform, to: $0) } }
        } else if case .value = condition.operand {
            candidates = { row in DocumentPath.matchCandidates(row, columns) }
        } else {
            // F() comparisons compare the whole value, as MongoDB's `$expr` does.
            candidates = { row in [DocumentPath.expressionValue(row, columns)] }
        }
        let op = condition.op
        // `contains` on a list with a single value is element membership.
        let membership = op == .contains && condition.transform == nil && condition.field.type.isCollection

        guard case .value(let operand) = condition.operand else {
            let expression = condition.operand
            let model = self.model
            return { row throws(NonrelError) in
                let other = try ExpressionEvaluator.evaluate(expression, in: row, model: model)
                if other.isNull { return false }
                let test = try Self.valueTest(op, other, membership: false, model: model, field: condition.field)
                return candidates(row).contains { value in value.map { !$0.isNull && test($0) } ?? false }
            }
        }

        switch op {
        case .isnull:
            let wanted = operand.boolValue ?? true
            if condition.transform != nil {
                return { row in candidates(row).isEmpty == wanted }
            }
            return { row in
                let isNull = candidates(row).contains { $0?.isNull ?? true }
                return isNull == wanted
            }
        case .hasAll:
            let required = operand.arrayValue ?? [operand]
            if required.isEmpty {
                // Vacuously true for any stored list (Django's `contains=[]`).
                return { row in candidates(row).contains { if case .array? = $0 { true } else { false } } }
            }
            return { row in
                let values = candidates(row).compactMap { $0 }
                return required.allSatisfy { item in values.contains { ValueOrdering.equal($0, item) } }
            }
        default:
            let test = try Self.valueTest(op, operand, membership: membership, model: model, field: condition.field)
            return { row in
                candidates(row).contains { value in
                    guard let value, !value.isNull else { return false }
                    return test(value)
                }
            }
        }
    }

    /// The test one present, non-null value must pass for `op` against `operand`.
    static func valueTest(_ op: LookupOperator, _ operand: Value, membership: Bool, model: ModelDescriptor, field: FieldPath) throws(NonrelError) -> ValueTest {
        switch op {
        case .exact:
            return { ValueOrdering.equal($0, operand) }
        case .contains where membership || operand.stringValue == nil:
            return { ValueOrdering.equal($0, operand) }
        case .in, .overlap:
            // A nil in the list matches nothing (SQL's `IN (NULL)`), unlike MongoDB's `$in`.
            let items = (operand.arrayValue ?? [operand]).filter { !$0.isNull }
            return { value in items.contains { ValueOrdering.equal(value, $0) } }
        case .gt, .gte, .lt, .lte:
            if operand.isNull { return { _ in false } }
            return { value in
                guard ValueOrdering.sameFamily(value, operand) else { return false }
                let order = ValueOrdering.compare(value, operand)
                switch op {
                case .gt: return order > 0
                case .gte: return order >= 0
                case .lt: return order < 0
                default: return order <= 0
                }
            }
        case .range:
            guard let bounds = operand.arrayValue, bounds.count == 2 else {
                throw NonrelError(.invalidValue, "\(model.name) \(field.dotted)__range needs two values, not \(operand)", model: model.name, field: field.field.name)
            }
            let (low, high) = (bounds[0], bounds[1])
            return { value in
                ValueOrdering.sameFamily(value, low) && ValueOrdering.sameFamily(value, high)
                    && ValueOrdering.compare(value, low) >= 0 && ValueOrdering.compare(value, high) <= 0
            }
        case .iexact, .contains, .icontains, .startswith, .istartswith, .endswith, .iendswith:
            guard let text = operand.stringValue else {
                throw NonrelError(.invalidValue, "\(model.name) \(field.dotted)__\(op.rawValue) needs a string, not \(operand)", model: model.name, field: field.field.name)
            }
            let folded = [.iexact, .icontains, .istartswith, .iendswith].contains(op)
            let needle = TextMatching.bytes(text, folded: folded)
            return { value in
                guard case .string(let string) = value else { return false }
                let bytes = TextMatching.bytes(string, folded: folded)
                switch op {
                case .iexact: return bytes == needle
                case .contains, .icontains: return TextMatching.contains(bytes, needle)
                case .startswith, .istartswith: return TextMatching.hasPrefix(bytes, needle)
                default: return TextMatching.hasSuffix(bytes, needle)
                }
            }
        case .regex, .iregex:
            guard let pattern = operand.stringValue else {
                throw NonrelError(.invalidValue, "\(model.name) \(field.dotted)__\(op.rawValue) needs a pattern string, not \(operand)", model: model.name, field: field.field.name)
            }
            let regex: NSRegularExpression
            do {
                regex = try NSRegularExpression(pattern: pattern, options: op == .iregex ? [.caseInsensitive] : [])
            } catch {
                throw NonrelError(.invalidValue, "\(model.name) \(field.dotted)__\(op.rawValue): invalid regular expression \"\(pattern)\"", model: model.name, field: field.field.name)
            }
            return { value in
                guard case .string(let string) = value else { return false }
                return regex.firstMatch(in: string, range: NSRange(string.startIndex..., in: string)) != nil
            }
        case .isnull, .hasAll:
            // Handled by the caller; as a plain test (F() operands never use them) nothing matches.
            return { _ in false }
        }
    }
}
