import Foundation

/// Resolves Django-style lookup strings (`"author__id"`, `"address__city__iexact"`,
/// `"created__year__gte"`) against a model into conditions of the query tree, converting the
/// values to the field's stored form. Misspellings are errors that name the model, the field and
/// close matches; a lookup that does not apply to the field's type is an error too.
struct LookupResolver {
    let model: ModelDescriptor
    /// Whether the backend resolves JOINs (the indexer); otherwise lookups across relations
    /// are `needsIndexer` errors.
    var allowJoins = false

    /// A field path with optional transform and lookup operator.
    struct Resolved {
        var path: FieldPath
        var transform: Transform?
        var op: LookupOperator?
    }

    // MARK: - Paths

    /// Resolves `name` (with `__` separators) into a field path plus trailing transform/lookup.
    func resolve(_ lookup: String, allowLookup: Bool = true) throws(NonrelError) -> Resolved {
        let parts = lookup.lookupParts
        guard let first = parts.first, !first.isEmpty else {
            throw NonrelError(.fieldDoesNotExist, "empty field name in \"\(lookup)\" on \(model.name)", model: model.name)
        }
        guard let field = model.field(named: first) else {
            throw unknownField(first, in: model, lookup: lookup)
        }
        var path = FieldPath(columns: [field.column], type: field.type, field: field)
        var index = 1
        walk: while index < parts.count {
            let part = parts[index]
            switch path.type {
            case .embedded(let embedded):
                if let sub = embedded.field(named: part) {
                    path.columns.append(sub.column)
                    path.type = sub.type
                } else if Self.isTransformOrLookup(part) {
                    break walk
                } else {
                    throw unknownField(part, in: embedded, lookup: lookup)
                }
            case .dict(let element):
                if Self.isTransformOrLookup(part) && index >= parts.count - 2 { break walk }
                try Self.checkKey(part, lookup: lookup)
                path.columns.append(part)
                path.type = element
            case .json:
                if Self.isTransformOrLookup(part) && index >= parts.count - 2 { break walk }
                try Self.checkKey(part, lookup: lookup)
                path.columns.append(part)
            case .list(let element), .set(let element):
                if let position = Int(part), position >= 0 {
                    path.columns.append(String(position))
                    path.type = element
                } else if case .embedded(let embedded) = element, let sub = embedded.field(named: part) {
                    path.columns.append(sub.column)
                    path.type = sub.type
                    path.crossesArray = true
                } else if case .embedded(let embedded) = element, !Self.isTransformOrLookup(part) {
                    throw unknownField(part, in: embedded, lookup: lookup)
                } else {
                    break walk
                }
            case .foreignKey(let reference), .manyToMany(let reference):
                if part == "id" || part == "pk" {
                    // `author__id` is the stored key itself.
                } else if Self.isTransformOrLookup(part) {
                    break walk
                } else {
                    let related = reference.descriptor
                    if related.field(named: part) != nil {
                        throw NonrelError(
                            .needsIndexer,
                            "\"\(lookup)\" on \(model.name) filters across the relation \(field.name) → \(related.name); JOINs need the indexer. Without it, query \(related.name) first and filter \(field.name)__in on the keys",
                            model: model.name, field: field.name)
                    }
                    throw unknownField(part, in: related, lookup: lookup)
                }
            default:
                break walk
            }
            index += 1
        }
        var rest = Array(parts[index...])
        var resolved = Resolved(path: path)
        if let name = rest.first, let transform = Transform(rawValue: name) {
            try checkTransform(transform, on: path, lookup: lookup)
            resolved.transform = transform
            rest.removeFirst()
        }
        if let name = rest.first {
            guard allowLookup, let op = LookupOperator(rawValue: name), op != .hasAll else {
                throw unknownLookup(name, on: path, lookup: lookup)
            }
            resolved.op = op
            rest.removeFirst()
        }
        if let extra = rest.first {
            throw unknownLookup(extra, on: path, lookup: lookup)
        }
        return resolved
    }

    // MARK: - Conditions

    /// A condition from a lookup string and its (unresolved) value.
    func condition(_ lookup: String, _ operand: UnresolvedExpression) throws(NonrelError) -> FilterNode {
        if let relation = try relationCondition(lookup, operand) { return relation }
        let resolved = try resolve(lookup)
        var op = resolved.op ?? .exact
        let path = resolved.path
        let transform = resolved.transform
        // The type the compared value must have.
        let comparedType: FieldType = switch transform {
        case .none: path.type
        case .date?: .date
        case .some: .int
        }

        // Field-to-field comparisons.
        if case .value(let raw) = operand {
            if raw.isNull, op == .exact || op == .iexact {
                return .condition(Condition(field: path, transform: transform, op: .isnull, operand: .value(.bool(true))))
            }
            let isList = transform == nil && path.type.isCollection
            if isList, op == .contains, case .array = raw { op = .hasAll }
            try checkLookup(op, on: path, transform: transform, lookup: lookup)
            let value = try convertOperand(raw, op: op, type: comparedType, isList: isList, lookup: lookup)
            if op == .in, case .array(let items) = value, items.isEmpty { return .none }
            return .condition(Condition(field: path, transform: transform, op: op, operand: .value(value)))
        }
        guard [.exact, .gt, .gte, .lt, .lte].contains(op) else {
            throw NonrelError(.invalidValue, "\"\(lookup)\" on \(model.name): F() expressions work with exact, gt, gte, lt and lte only", model: model.name, field: path.field.name)
        }
        let expression = try resolveExpression(operand, lookup: lookup)
        return .condition(Condition(field: path, transform: transform, op: op, operand: expression))
    }

    /// A JOIN condition for lookups that cross a relation (`author__username`, `posts__title`),
    /// or nil when the lookup stays on this model.
    private func relationCondition(_ lookup: String, _ operand: UnresolvedExpression) throws(NonrelError) -> FilterNode? {
        let parts = lookup.lookupParts
        guard parts.count >= 2 else { return nil }
        let rest = parts.dropFirst().joined(separator: "__")
        if let field = model.field(named: parts[0]) {
            let reference: ModelReference
            switch field.type {
            case .foreignKey(let r), .manyToMany(let r): reference = r
            default: return nil
            }
            let next = parts[1]
            guard next != "id", next != "pk", !Self.isTransformOrLookup(next) else { return nil }
            let related = reference.descriptor
            guard related.field(named: next) != nil || ModelRegistry.reverseRelation(named: next, to: related) != nil else { return nil }
            guard allowJoins else {
                throw NonrelError(
                    .needsIndexer,
                    "\"\(lookup)\" on \(model.name) filters across the relation \(field.name) → \(related.name); JOINs need the indexer. Without it, query \(related.name) first and filter \(field.name)__in on the keys",
                    model: model.name, field: field.name)
            }
            let inner = try LookupResolver(model: related, allowJoins: true).condition(rest, operand)
            return .relation(RelationFilter(field: field, direction: .forward, related: related, filter: inner))
        }
        guard let (relatedModel, relatedField) = ModelRegistry.reverseRelation(named: parts[0], to: model) else { return nil }
        guard allowJoins else {
            throw NonrelError(
                .needsIndexer,
                "\"\(lookup)\" on \(model.name) follows the reverse relation \(parts[0]) (\(relatedModel.name).\(relatedField.name)); JOINs need the indexer. Without it, query \(relatedModel.name) first and filter pk__in on its \(relatedField.name) keys",
                model: model.name, field: parts[0])
        }
        let inner = try LookupResolver(model: relatedModel, allowJoins: true).condition(rest, operand)
        return .relation(RelationFilter(field: relatedField, direction: .reverse, related: relatedModel, filter: inner))
    }

    /// Resolves field references of an `F` expression.
    func resolveExpression(_ expression: UnresolvedExpression, lookup: String) throws(NonrelError) -> QueryExpression {
        switch expression {
        case .value(let value): return .value(value)
        case .field(let name):
            let resolved = try resolve(name, allowLookup: false)
            guard resolved.transform == nil else {
                throw NonrelError(.invalidValue, "F(\"\(name)\"): transforms are not supported inside F()", model: model.name)
            }
            return .field(resolved.path)
        case .add(let a, let b): return .add(try resolveExpression(a, lookup: lookup), try resolveExpression(b, lookup: lookup))
        case .subtract(let a, let b): return .subtract(try resolveExpression(a, lookup: lookup), try resolveExpression(b, lookup: lookup))
        case .multiply(let a, let b): return .multiply(try resolveExpression(a, lookup: lookup), try resolveExpression(b, lookup: lookup))
        case .divide(let a, let b): return .divide(try resolveExpression(a, lookup: lookup), try resolveExpression(b, lookup: lookup))
        }
    }

    // MARK: - Checks

    private static let textLookups: Set<LookupOperator> = [.iexact, .contains, .icontains, .startswith, .istartswith, .endswith, .iendswith, .regex, .iregex]
    private static let orderLookups: Set<LookupOperator> = [.gt, .gte, .lt, .lte, .range]

    static func isTransformOrLookup(_ name: String) -> Bool {
        Transform(rawValue: name) != nil || LookupOperator(rawValue: name) != nil
    }

    private static func checkKey(_ key: String, lookup: String) throws(NonrelError) {
        if key.hasPrefix("$") || key.isEmpty {
            throw NonrelError(.invalidValue, "\"\(lookup)\": key \"\(key)\" cannot be queried (empty, or starts with \"$\")")
        }
    }

    private func checkTransform(_ transform: Transform, on path: FieldPath, lookup: String) throws(NonrelError) {
        let ok: Bool = switch (transform, path.type) {
        case (.length, .list), (.length, .set), (.length, .manyToMany): true
        case (.length, _): false
        case (.hour, .date), (.minute, .date), (.second, .date), (.date, .date): false
        case (_, .date), (_, .datetime), (_, .json): true
        default: false
        }
        guard ok else {
            throw NonrelError(.lookupDoesNotExist, "\"\(lookup)\": \(transform.rawValue) does not apply to \(model.name).\(path.field.name), a \(path.type.name) field", model: model.name, field: path.field.name)
        }
    }

    private func checkLookup(_ op: LookupOperator, on path: FieldPath, transform: Transform?, lookup: String) throws(NonrelError) {
        var type = path.type
        if transform != nil { type = .int }
        if transform == .date { type = .date }
        let element = type.elementType
        let textual: Bool = switch element ?? type {
        case .string, .text, .json: true
        default: false
        }
        if Self.textLookups.contains(op) {
            // `contains` on a list means membership, not substring.
            if op == .contains, element != nil { return }
            guard textual else {
                throw NonrelError(.lookupDoesNotExist, "\"\(lookup)\": \(op.rawValue) applies to text fields; \(model.name).\(path.field.name) is a \(path.type.name) field", model: model.name, field: path.field.name)
            }
        }
        if op == .overlap || op == .hasAll, element == nil {
            throw NonrelError(.lookupDoesNotExist, "\"\(lookup)\": \(op.rawValue) applies to list fields; \(model.name).\(path.field.name) is a \(path.type.name) field", model: model.name, field: path.field.name)
        }
        if Self.orderLookups.contains(op) {
            switch element ?? type {
            case .bool, .embedded, .dict, .binary:
                throw NonrelError(.lookupDoesNotExist, "\"\(lookup)\": \(op.rawValue) does not apply to \(model.name).\(path.field.name), a \(path.type.name) field", model: model.name, field: path.field.name)
            default: break
            }
        }
    }

    // MARK: - Values

    private func convertOperand(_ raw: Value, op: LookupOperator, type: FieldType, isList: Bool, lookup: String) throws(NonrelError) -> Value {
        let element = isList ? (type.elementType ?? .json) : type
        switch op {
        case .isnull:
            guard case .bool = raw else {
                throw NonrelError(.invalidValue, "\"\(lookup)\" needs true or false, not \(raw)", model: model.name)
            }
            return raw
        case .in, .overlap, .hasAll:
            guard case .array(let items) = raw else {
                throw NonrelError(.invalidValue, "\"\(lookup)\" needs a list of values, not \(raw)", model: model.name)
            }
            var converted: [Value] = []
            // As in Django (and SQL's IN), nil in the list matches nothing: use isnull for that.
            for item in items where !item.isNull {
                converted.append(try ValueConversion.stored(item, as: element, context: "\(model.name) \(lookup)"))
            }
            return .array(converted)
        case .range:
            guard case .array(let items) = raw, items.count == 2 else {
                throw NonrelError(.invalidValue, "\"\(lookup)\" needs two values [low, high], not \(raw)", model: model.name)
            }
            return .array([
                try ValueConversion.stored(items[0], as: element, context: "\(model.name) \(lookup)"),
                try ValueConversion.stored(items[1], as: element, context: "\(model.name) \(lookup)"),
            ])
        case .regex, .iregex:
            guard case .string(let pattern) = raw else {
                throw NonrelError(.invalidValue, "\"\(lookup)\" needs a string, not \(raw.typeName) \(raw)", model: model.name)
            }
            // Checked here so that every backend reports a bad pattern the same way.
            do {
                _ = try NSRegularExpression(pattern: pattern)
            } catch {
                throw NonrelError(.invalidValue, "\"\(lookup)\": \"\(pattern)\" is not a valid regular expression", model: model.name)
            }
            return raw
        case .iexact, .icontains, .istartswith, .iendswith, .startswith, .endswith:
            guard case .string = raw else {
                throw NonrelError(.invalidValue, "\"\(lookup)\" needs a string, not \(raw.typeName) \(raw)", model: model.name)
            }
            return raw
        case .contains where !isList:
            guard case .string = raw else {
                throw NonrelError(.invalidValue, "\"\(lookup)\" needs a string, not \(raw.typeName) \(raw)", model: model.name)
            }
            return raw
        default:
            // `exact` with a list on a list field compares the whole list.
            if isList, op == .exact, case .array = raw {
                return try ValueConversion.stored(raw, as: type, context: "\(model.name) \(lookup)")
            }
            return try ValueConversion.stored(raw, as: element, context: "\(model.name) \(lookup)")
        }
    }

    // MARK: - Errors

    private func unknownField(_ name: String, in descriptor: ModelDescriptor, lookup: String) -> NonrelError {
        let close = descriptor.closeMatches(to: name)
        var message = "\(descriptor.name) has no field \"\(name)\" (in \"\(lookup)\")"
        if !close.isEmpty { message += "; did you mean \(close.map { "\"\($0)\"" }.joined(separator: ", "))?" }
        message += " Fields: \(descriptor.fields.map(\.name).joined(separator: ", "))"
        return NonrelError(.fieldDoesNotExist, message, model: descriptor.name, field: name)
    }

    private func unknownLookup(_ name: String, on path: FieldPath, lookup: String) -> NonrelError {
        let all = LookupOperator.allCases.filter { $0 != .hasAll }.map(\.rawValue) + Transform.allCases.map(\.rawValue)
        let close = all.map { ($0, editDistance(Array($0), Array(name))) }.filter { $0.1 <= 2 }.sorted { $0.1 < $1.1 }.prefix(2).map(\.0)
        var message = "\"\(lookup)\" on \(model.name): \"\(name)\" is not a lookup for \(path.field.name) (a \(path.type.name) field)"
        if !close.isEmpty { message += "; did you mean \(close.map { "\"\($0)\"" }.joined(separator: ", "))?" }
        return NonrelError(.lookupDoesNotExist, message, model: model.name, field: path.field.name)
    }
}
