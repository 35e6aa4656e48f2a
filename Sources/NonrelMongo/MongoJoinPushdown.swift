import Nonrel
import NonrelBSON
import NonrelDriver

/// JOINs in one round trip: filters across relations and `selectRelated` compiled into an
/// aggregation pipeline with `$lookup`.
///
/// A relation node becomes a `$lookup` into the related collection (`localField`/`foreignField`:
/// the foreign key and `_id` forward, `_id` and the foreign key in reverse) whose sub-pipeline
/// applies the node's filter (nested relations nest their `$lookup`s there) and keeps at most
/// one `_id`; the node itself then tests that the joined array is not empty (`$nor` of `$eq: []`), so it composes
/// with AND, OR and NOT like any condition. Sorting, skip and limit follow the `$match`, the
/// joined arrays are projected away, and `selectRelated` lookups (`$unwind`, keeping rows
/// without a related object) run last, on the rows kept only.
public struct MongoJoinPipeline {
    private var counter = 0
    /// The names of the joined arrays at the top level, to project away.
    private(set) var joinedFields: [String] = []

    public init() {}

    /// The `$lookup` stages and the `$match` of a filter that may hold relation nodes.
    public mutating func filter(_ node: FilterNode) throws(NonrelError) -> (stages: [BSONDocument], match: BSONDocument) {
        var stages: [BSONDocument] = []
        let replaced = try replaceRelations(node, stages: &stages, topLevel: true)
        return (stages, try MongoQueryCompiler.filter(replaced))
    }

    private mutating func replaceRelations(_ node: FilterNode, stages: inout [BSONDocument], topLevel: Bool) throws(NonrelError) -> FilterNode {
        switch node {
        case .all, .none, .condition:
            return node
        case .and(let children):
            var replaced: [FilterNode] = []
            for child in children { replaced.append(try replaceRelations(child, stages: &stages, topLevel: topLevel)) }
            return .and(replaced)
        case .or(let children):
            var replaced: [FilterNode] = []
            for child in children { replaced.append(try replaceRelations(child, stages: &stages, topLevel: topLevel)) }
            return .or(replaced)
        case .not(let child):
            return .not(try replaceRelations(child, stages: &stages, topLevel: topLevel))
        case .relation(let relation):
            let name = "__join\(counter)"
            counter += 1
            if topLevel { joinedFields.append(name) }
            var inner: [BSONDocument] = []
            let match = try MongoQueryCompiler.filter(try replaceRelations(relation.filter, stages: &inner, topLevel: false))
            if !match.isEmpty { inner.append(["$match": .document(match)]) }
            inner.append(["$limit": 1])
            inner.append(["$project": ["_id": 1]])
            let (local, foreign) = relation.direction == .forward ? (relation.field.column, "_id") : ("_id", relation.field.column)
            stages.append(["$lookup": [
                "from": .string(relation.related.collection), "localField": .string(local), "foreignField": .string(foreign),
                "pipeline": .array(inner.map(BSONValue.document)), "as": .string(name),
            ]])
            // Matches when the joined array is not empty: `{$nor: [{name: {$eq: []}}]}`.
            let marker = FieldDescriptor(name: name, type: .json)
            return .not(.condition(Condition(field: FieldPath(columns: [name], type: .json, field: marker), op: .exact, operand: .value(.array([])))))
        }
    }

    /// The whole pipeline of a select with its `selectRelated` inclusions; `included` maps each
    /// inclusion path to the field holding its related document.
    public mutating func select(_ query: SelectQuery, including inclusions: [RelatedInclusion]) throws(NonrelError) -> (pipeline: [BSONDocument], included: [(path: String, field: String, model: ModelDescriptor)]) {
        var (pipeline, match) = try filter(query.filter)
        if !match.isEmpty { pipeline.append(["$match": .document(match)]) }
        if let sort = MongoQueryCompiler.sort(query.ordering) { pipeline.append(["$sort": .document(sort)]) }
        if query.offset > 0 { pipeline.append(["$skip": .int64(Int64(query.offset))]) }
        if let limit = query.limit { pipeline.append(["$limit": .int64(Int64(limit))]) }
        if let projection = MongoQueryCompiler.projection(query.projection) {
            pipeline.append(["$project": .document(projection)])
        } else if !joinedFields.isEmpty {
            pipeline.append(["$project": .document(BSONDocument(joinedFields.map { ($0, BSONValue.int32(0)) }))])
        }
        var included: [(path: String, field: String, model: ModelDescriptor)] = []
        var fieldByPath: [String: String] = [:]
        for inclusion in inclusions {
            for depth in inclusion.steps.indices {
                let step = inclusion.steps[depth]
                let path = inclusion.steps[...depth].map(\.field.name).joined(separator: "__")
                guard fieldByPath[path] == nil else { continue }
                let parent = depth == 0 ? nil : fieldByPath[inclusion.steps[..<depth].map(\.field.name).joined(separator: "__")]
                let name = "__related\(included.count)"
                fieldByPath[path] = name
                included.append((path, name, step.model))
                pipeline.append(["$lookup": [
                    "from": .string(step.model.collection),
                    "localField": .string(parent.map { "\($0).\(step.field.column)" } ?? step.field.column),
                    "foreignField": "_id", "as": .string(name),
                ]])
                pipeline.append(["$unwind": ["path": .string("$" + name), "preserveNullAndEmptyArrays": true]])
            }
        }
        return (pipeline, included)
    }
}

extension MongoBackend: JoinPushdownBackend {
    public var supportsJoinPushdown: Bool { true }

    public func selectJoined(_ query: SelectQuery, including inclusions: [RelatedInclusion]) async throws -> [JoinedRow] {
        if query.limit == 0 { return [] }
        var builder = MongoJoinPipeline()
        let (pipeline, included) = try compile(query.model) { () throws(NonrelError) in try builder.select(query, including: inclusions) }
        let collection = collection(query.model)
        let documents = try await run("select", query.model) { () async throws(MongoError) in
            try await collection.aggregate(pipeline).toArray()
        }
        return documents.map { document in
            var main = document
            var joined = JoinedRow(row: Row())
            for inclusion in included {
                if case .document(let related)? = main[inclusion.field] {
                    joined.related[inclusion.path] = ValueMapping.row(related, model: inclusion.model)
                }
                main[inclusion.field] = nil
            }
            joined.row = ValueMapping.row(main, model: query.model)
            return joined
        }
    }

    public func countJoined(_ query: SelectQuery) async throws -> Int {
        if query.limit == 0 { return 0 }
        var builder = MongoJoinPipeline()
        var (pipeline, match) = try compile(query.model) { () throws(NonrelError) in try builder.filter(query.filter) }
        if !match.isEmpty { pipeline.append(["$match": .document(match)]) }
        if query.offset > 0 { pipeline.append(["$skip": .int64(Int64(query.offset))]) }
        if let limit = query.limit { pipeline.append(["$limit": .int64(Int64(limit))]) }
        pipeline.append(["$count": "n"])
        let stages = pipeline
        let collection = collection(query.model)
        let documents = try await run("count", query.model) { () async throws(MongoError) in
            try await collection.aggregate(stages).toArray()
        }
        return documents.first?["n"].flatMap { ValueMapping.value($0, as: .int).intValue } ?? 0
    }

    public func aggregateJoined(_ query: AggregateQuery) async throws -> [Row] {
        var builder = MongoJoinPipeline()
        var plain = query
        plain.filter = .all
        var (pipeline, match) = try compile(query.model) { () throws(NonrelError) in try builder.filter(query.filter) }
        if !match.isEmpty { pipeline.append(["$match": .document(match)]) }
        pipeline += try compile(query.model) { () throws(NonrelError) in try MongoQueryCompiler.aggregatePipeline(plain) }
        let stages = pipeline
        let collection = collection(query.model)
        let documents = try await run("aggregate", query.model) { () async throws(MongoError) in
            try await collection.aggregate(stages).toArray()
        }
        return documents.map { MongoQueryCompiler.aggregateRow($0, query: query) }
    }
}
