import Nonrel
import NonrelBSON

extension MongoQueryCompiler {
    /// The pipeline of `aggregate()` and `values(...).annotate(...)`:
    /// `$match`, `$group` (group keys under `_id`, missing folded into null), `$project` to the
    /// output names applying the null rules, then `$sort`.
    ///
    /// - `Count()` is `$sum: 1`; `Count(f)` sums 1 for each present non-null value;
    ///   `Count(f, distinct: true)` is the `$size` of an `$addToSet` with nulls filtered out.
    /// - `Sum` is nil when no value was a number (`$sum` alone would give 0).
    /// - `Avg`, `Min`, `Max` skip nulls and give null over none, natively.
    /// - Results are ordered by the requested output names, then by the group keys.
    public static func aggregatePipeline(_ query: AggregateQuery) throws(NonrelError) -> [BSONDocument] {
        var pipeline: [BSONDocument] = []
        let match = try filter(query.filter)
        if !match.isEmpty { pipeline.append(["$match": .document(match)]) }

        var group = BSONDocument()
        if query.groupBy.isEmpty {
            group["_id"] = .null
        } else {
            var keys = BSONDocument()
            for (index, key) in query.groupBy.enumerated() {
                keys["k\(index)"] = ["$ifNull": [.string("$" + key.field.dotted), .null]]
            }
            group["_id"] = .document(keys)
        }
        var project: BSONDocument = ["_id": 0]
        for (index, key) in query.groupBy.enumerated() {
            project[key.name] = .string("$_id.k\(index)")
        }
        for (index, aggregate) in query.aggregates.enumerated() {
            let value = "a\(index)"
            let function = aggregate.function
            guard let path = function.field else {
                group[value] = ["$sum": 1]
                project[aggregate.name] = .string("$" + value)
                continue
            }
            let field: BSONValue = .string("$" + path.dotted)
            switch function.kind {
            case .count where function.distinct:
                group[value] = ["$addToSet": field]
                project[aggregate.name] = ["$size": ["$filter": ["input": .string("$" + value), "as": "v", "cond": .document(isPresent("$$v"))]]]
            case .count:
                group[value] = ["$sum": ["$cond": [.document(isPresent(field)), 1, 0]]]
                project[aggregate.name] = .string("$" + value)
            case .sum:
                let numbers = "n\(index)"
                group[value] = ["$sum": field]
                group[numbers] = ["$sum": ["$cond": [["$in": [["$type": field], numericTypes]], 1, 0]]]
                project[aggregate.name] = ["$cond": [["$gt": [.string("$" + numbers), 0]], .string("$" + value), .null]]
            case .avg:
                group[value] = ["$avg": field]
                project[aggregate.name] = .string("$" + value)
            case .min:
                group[value] = ["$min": field]
                project[aggregate.name] = .string("$" + value)
            case .max:
                group[value] = ["$max": field]
                project[aggregate.name] = .string("$" + value)
            }
        }
        pipeline.append(["$group": .document(group)])
        pipeline.append(["$project": .document(project)])

        var sort = BSONDocument()
        for key in query.ordering where !sort.contains(key: key.name) {
            sort[key.name] = .int32(key.descending ? -1 : 1)
        }
        for key in query.groupBy where !sort.contains(key: key.name) {
            sort[key.name] = .int32(1)
        }
        if !sort.isEmpty { pipeline.append(["$sort": .document(sort)]) }
        return pipeline
    }

    /// A result document of ``aggregatePipeline(_:)`` as a row, values typed by their fields.
    static func aggregateRow(_ document: BSONDocument, query: AggregateQuery) -> Row {
        var row = Row()
        for key in query.groupBy {
            row[key.name] = ValueMapping.value(document[key.name] ?? .null, as: key.field.type)
        }
        for aggregate in query.aggregates {
            let raw = document[aggregate.name] ?? .null
            let function = aggregate.function
            let value: Value
            switch function.kind {
            case .count:
                value = .int(Int64(raw.intValue ?? 0))
            case .avg:
                value = ValueMapping.value(raw, as: .double)
            case .sum, .min, .max:
                value = ValueMapping.value(raw, as: function.field?.type ?? .json)
            }
            row[aggregate.name] = value
        }
        return row
    }
}
