import Nonrel

/// Turns a condition on a registered (field, lookup) pair into one the wrapped backend answers
/// from a hidden field's index, with exactly the native condition's results:
///
/// - `iexact` → equality on the folding; `istartswith` → prefix of the folding;
/// - `endswith`/`iendswith` → prefix of the (folded) reversal; a prefix is `startswith`, an
///   anchored, case-sensitive `$regex` on MongoDB, which mongod answers with index bounds;
/// - `contains`/`icontains` → the hidden trigrams must include all the needle's trigrams
///   (`hasAll`, MongoDB's `$all`), AND the native condition, which verifies each candidate.
///   A needle shorter than three characters has no trigram: the native condition runs alone
///   (correct, but not backed by an index);
/// - a date transform (`exact`, `in`, `gt`, `gte`, `lt`, `lte`, `range` with constants) → the
///   same comparison on the stored date part;
/// - a registered `regex`/`iregex` pattern → the hidden bool is true.
///
/// Anything else (F() operands, nil, other lookups, paths inside the field) is left native.
/// Negations stay correct: a hidden field is absent exactly where the native lookup cannot
/// match, so `NOT` of the rewrite is `NOT` of the original.
struct LookupRewriter {
    let lookups: ModelLookups

    func rewrite(_ condition: Condition) -> FilterNode {
        let native = FilterNode.condition(condition)
        guard condition.field.columns.count == 1, !condition.field.crossesArray,
              case .value(let operand) = condition.operand, !operand.isNull else { return native }
        let column = condition.field.columns[0]
        if let transform = condition.transform {
            guard let field = lookups.hidden(from: column, .datePart(transform)),
                  [.exact, .in, .gt, .gte, .lt, .lte, .range].contains(condition.op) else { return native }
            return .condition(Condition(field: field.path, op: condition.op, operand: condition.operand))
        }
        guard case .string(let text) = operand else { return native }
        func on(_ kind: HiddenField.Kind, _ op: LookupOperator, _ value: String) -> FilterNode? {
            guard let field = lookups.hidden(from: column, kind) else { return nil }
            return .condition(Condition(field: field.path, op: op, operand: .value(.string(value))))
        }
        let rewritten: FilterNode? = switch condition.op {
        case .iexact: on(.folded, .exact, TextKeys.folded(text))
        case .istartswith: on(.folded, .startswith, TextKeys.folded(text))
        case .endswith: on(.reversed, .startswith, TextKeys.reversed(text))
        case .iendswith: on(.foldedReversed, .startswith, TextKeys.reversed(TextKeys.folded(text)))
        case .contains, .icontains: trigramCandidates(column, text).map { $0.and(native) }
        case .regex, .iregex:
            lookups.hidden(from: column, .regex(pattern: text, caseInsensitive: condition.op == .iregex)).map {
                .condition(Condition(field: $0.path, op: .exact, operand: .value(.bool(true))))
            }
        default: nil
        }
        return rewritten ?? native
    }

    /// Documents whose trigrams include all of the needle's; nil below three characters.
    private func trigramCandidates(_ column: String, _ needle: String) -> FilterNode? {
        guard let field = lookups.hidden(from: column, .trigrams) else { return nil }
        let grams = TextKeys.trigrams(TextKeys.folded(needle))
        guard !grams.isEmpty else { return nil }
        return .condition(Condition(field: field.path, op: .hasAll, operand: .value(.array(grams.map(Value.string)))))
    }
}
