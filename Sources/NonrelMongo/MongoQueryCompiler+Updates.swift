import Nonrel
import NonrelBSON

/// What `updateMany` receives: an update document, or a pipeline when values refer to fields.
public enum MongoUpdate: Sendable, Hashable {
    case document(BSONDocument)
    case pipeline([BSONDocument])
}

extension MongoQueryCompiler {
    /// The update for a list of assignments.
    ///
    /// Constants only: `$set` (and `$unset` for nil, since nil fields are not stored). With any
    /// `F()` expression: a pipeline `[{$set: {...}}]` evaluated per document, constants under
    /// `$literal` so user strings are data, nil and null arithmetic results removing the field.
    /// `$inc` is never used: it treats missing as 0 and fails on null.
    public static func update(_ assignments: [Assignment]) throws(NonrelError) -> MongoUpdate {
        let constantsOnly = assignments.allSatisfy { if case .value = $0.value { true } else { false } }
        if constantsOnly {
            var set = BSONDocument()
            var unset = BSONDocument()
            for assignment in assignments {
                guard case .value(let value) = assignment.value else { continue }
                if value.isNull {
                    unset[assignment.field.dotted] = ""
                } else {
                    set[assignment.field.dotted] = try ValueMapping.bson(value, as: assignment.field.type)
                }
            }
            var update = BSONDocument()
            if !set.isEmpty { update["$set"] = .document(set) }
            if !unset.isEmpty { update["$unset"] = .document(unset) }
            return .document(update)
        }
        var set = BSONDocument()
        for assignment in assignments {
            let path = assignment.field
            if path.columns.dropFirst().contains(where: { Int($0) != nil }) {
                throw NonrelError(.unsupported, "update(): \(path.dotted) assigns inside a list by position together with F() expressions, which MongoDB pipelines cannot do; update it separately with a constant", field: path.field.name)
            }
            switch assignment.value {
            case .value(let value):
                set[path.dotted] = value.isNull ? "$$REMOVE" : literal(try ValueMapping.bson(value, as: path.type))
            default:
                let computed = try expression(assignment.value, type: path.type)
                set[path.dotted] = ["$ifNull": [computed, "$$REMOVE"]]
            }
        }
        return .pipeline([["$set": .document(set)]])
    }
}
