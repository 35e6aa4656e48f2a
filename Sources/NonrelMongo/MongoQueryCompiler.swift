import Nonrel
import NonrelBSON

/// Compiles the core's backend-neutral query trees to MongoDB: filters, sorts, projections,
/// updates and aggregation pipelines. Pure functions over values; nothing here talks to a server.
///
/// How each rule of `docs/Semantics.md` is met:
/// - arrays match per element natively; `range` on a list field uses `$elemMatch` so one element
///   must satisfy both bounds;
/// - `gt`/`gte`/`lt`/`lte`/`range` rely on MongoDB's type bracketing (they never match null,
///   missing or another type); a null bound matches nothing;
/// - negation is `$nor`, which matches documents where the field is null or missing;
/// - text lookups are `$regex` over escaped user text, anchored with `^` and `(?![\s\S])`;
/// - transforms and `F()` comparisons are `$expr` guarded by type checks so that null, missing
///   and wrong types never match.
public enum MongoQueryCompiler {
    /// A filter no document matches.
    public static let matchNothing: BSONDocument = ["_id": ["$in": []]]

    // MARK: - Filters

    /// The `find`/`$match` filter of a WHERE tree.
    public static func filter(_ node: FilterNode) throws(NonrelError) -> BSONDocument {
        switch node {
        case .all:
            return [:]
        case .none:
            return matchNothing
        case .condition(let condition):
            return try compile(condition)
        case .and(let nodes):
            var parts: [BSONDocument] = []
            for child in nodes {
                let part = try filter(child)
                if part == matchNothing { return matchNothing }
                if !part.isEmpty { parts.append(part) }
            }
            switch parts.count {
            case 0: return [:]
            case 1: return parts[0]
            default: return ["$and": .array(parts.map(BSONValue.document))]
            }
        case .or(let nodes):
            var parts: [BSONDocument] = []
            for child in nodes {
                let part = try filter(child)
                if part.isEmpty { return [:] }
                if part != matchNothing { parts.append(part) }
            }
            switch parts.count {
            case 0: return matchNothing
            case 1: return parts[0]
            default: return ["$or": .array(parts.map(BSONValue.document))]
            }
        case .not(let inner):
            let part = try filter(inner)
            if part.isEmpty { return matchNothing }
            if part == matchNothing { return [:] }
            return ["$nor": [.document(part)]]
        }
    }

    /// One condition.
    static func compile(_ condition: Condition) throws(NonrelError) -> BSONDocument {
        guard case .value(let operand) = condition.operand else {
            return try fieldComparison(condition)
        }
        if let transform = condition.transform {
            return try transformed(condition, transform, operand)
        }
        return try plain(condition.field, condition.op, operand)
    }

    /// A condition on the stored value itself, as a query operator.
    static func plain(_ path: FieldPath, _ op: LookupOperator, _ operand: Value) throws(NonrelError) -> BSONDocument {
        let key = path.dotted
        func value(_ v: Value) throws(NonrelError) -> BSONValue { try ValueMapping.bson(v, as: path.type) }
        func regex(_ pattern: String, _ caseInsensitive: Bool) -> BSONDocument {
            var spec: BSONDocument = ["$regex": .string(pattern)]
            if caseInsensitive { spec["$options"] = "i" }
            return [key: .document(spec)]
        }
        switch op {
        case .exact:
            return [key: ["$eq": try value(operand)]]
        case .isnull:
            return operand.boolValue == false ? [key: ["$ne": .null]] : [key: .null]
        case .in, .overlap:
            return [key: ["$in": try value(array(operand))]]
        case .hasAll:
            let items = array(operand)
            // Every list contains the empty list (Django's `@> '{}'`); null and missing do not.
            if items.arrayValue?.isEmpty ?? true { return [key: ["$type": "array"]] }
            return [key: ["$all": try value(items)]]
        case .gt, .gte, .lt, .lte:
            guard !operand.isNull else { return matchNothing }
            return [key: .document([("$" + op.rawValue, try value(operand))].bsonDocument)]
        case .range:
            guard let bounds = operand.arrayValue, bounds.count == 2, !bounds[0].isNull, !bounds[1].isNull else {
                return matchNothing
            }
            let spec: BSONDocument = ["$gte": try value(bounds[0]), "$lte": try value(bounds[1])]
            if path.type.isCollection { return [key: ["$elemMatch": .document(spec)]] }
            return [key: .document(spec)]
        case .contains:
            if path.type.isCollection { return [key: ["$eq": try value(operand)]] }
            return regex(RegexPatterns.contains(try text(operand, op)), false)
        case .icontains: return regex(RegexPatterns.contains(try text(operand, op)), true)
        case .iexact: return regex(RegexPatterns.exact(try text(operand, op)), true)
        case .startswith: return regex(RegexPatterns.startsWith(try text(operand, op)), false)
        case .istartswith: return regex(RegexPatterns.startsWith(try text(operand, op)), true)
        case .endswith: return regex(RegexPatterns.endsWith(try text(operand, op)), false)
        case .iendswith: return regex(RegexPatterns.endsWith(try text(operand, op)), true)
        case .regex: return regex(try text(operand, op), false)
        case .iregex: return regex(try text(operand, op), true)
        }
    }

    static func array(_ operand: Value) -> Value {
        if case .array = operand { return operand }
        return .array([operand])
    }

    static func text(_ operand: Value, _ op: LookupOperator) throws(NonrelError) -> String {
        guard case .string(let text) = operand else {
            throw NonrelError(.invalidValue, "\(op.rawValue) needs a string, not \(operand.typeName) \(operand)")
        }
        return text
    }
}

extension Array where Element == (String, BSONValue) {
    var bsonDocument: BSONDocument { BSONDocument(self) }
}
