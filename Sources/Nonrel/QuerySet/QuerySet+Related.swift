// JOINs in the query set API: forcing a strategy, `selectRelated` (forward foreign keys loaded
// with the rows, in one round trip on backends with pushdown) and `prefetchRelated`
// (many-to-many, foreign keys and reverse relations, one query per relation).

extension QuerySet {
    /// Forces how filters across relations are resolved (the indexer's default is
    /// ``JoinStrategy/automatic``), and how `selectRelated` loads (`.inMemory` makes it a second
    /// query even where the backend could join).
    public func joinStrategy(_ strategy: JoinStrategy) -> QuerySet {
        var copy = self
        copy.joinStrategyChoice = strategy
        return copy
    }

    /// Loads the objects these foreign keys refer to with the results, as Django's
    /// `select_related`: `post.author.cached` is then set and `post.author.get()` runs no query.
    /// Paths may follow several foreign keys (`"writer__country"`). One round trip on MongoDB
    /// (`$lookup`), one more query per relation elsewhere.
    public func selectRelated(_ paths: String...) -> QuerySet {
        var copy = self
        copy.selectedRelations += paths
        return copy
    }

    /// Loads related objects in one extra query per relation, never one per object, as Django's
    /// `prefetch_related`: many-to-many and foreign key fields (`"tags"`: `post.tags.cached`),
    /// and reverse relations by their related name (`"posts"`), which ``fetchWithRelated()``
    /// returns (a plain `fetch()` skips those).
    public func prefetchRelated(_ names: String...) -> QuerySet {
        var copy = self
        copy.prefetchedRelations += names
        return copy
    }

    /// The results with their prefetched reverse relations:
    ///
    /// ```swift
    /// for author in try await Author.objects.prefetchRelated("posts").fetchWithRelated() {
    ///     print(author.username, try author.related("posts", as: Post.self).count)
    /// }
    /// ```
    public func fetchWithRelated() async throws -> [WithRelated<M>] {
        try await fetchLoadingRelations(reverse: true)
    }

    // MARK: - Loading

    func fetchLoadingRelations(reverse: Bool) async throws -> [WithRelated<M>] {
        let (backend, _) = try readBackend()
        let query = try compileSelect(joins: backend.features.joins)
        let inclusions = try selectedRelations.map { path throws(NonrelError) in try inclusion(path) }
        var joined: [JoinedRow]
        let pushdown = (backend as? any JoinPushdownBackend).flatMap { $0.supportsJoinPushdown ? $0 : nil }
        if !inclusions.isEmpty, [.automatic, .lookupPushdown].contains(joinStrategyChoice), let pushdown {
            joined = try await pushdown.selectJoined(query, including: inclusions)
        } else {
            if !inclusions.isEmpty, joinStrategyChoice == .lookupPushdown {
                throw NonrelError(.unsupported, "selectRelated with joinStrategy(.lookupPushdown) needs a backend that joins in one round trip (MongoDB); this one does not", model: descriptor.name)
            }
            joined = try await backend.select(query).map { JoinedRow(row: $0) }
            if !inclusions.isEmpty { try await loadInclusions(inclusions, into: &joined, backend: backend) }
        }

        // Related rows by field path, for decoding.
        let tree = RelatedTree()
        for row in joined {
            for inclusion in inclusions {
                var node = tree
                var path: [String] = []
                for step in inclusion.steps {
                    path.append(step.field.name)
                    node = node.child(step.field.name)
                    guard let related = row.related[path.joined(separator: "__")] else { break }
                    if case .string(let key)? = related["_id"] { node.entries[key] = related }
                }
            }
        }
        var reverseRows: [String: [String: [Row]]] = [:]
        for name in prefetchedRelations {
            if let field = descriptor.field(named: name), let related = field.type.relatedModel {
                let keys = distinctKeys(joined.map { $0.row[field.column] })
                let node = tree.child(field.name)
                for row in try await select(related, column: "_id", in: keys, backend: backend) {
                    if case .string(let key)? = row["_id"] { node.entries[key] = row }
                }
            } else if let (model, field) = ModelRegistry.reverseRelation(named: name, to: descriptor) {
                guard reverse else { continue }
                let keys = distinctKeys(joined.map { $0.row["_id"] })
                var byOwner: [String: [Row]] = [:]
                for row in try await select(model, column: field.column, in: keys, backend: backend) {
                    for owner in distinctKeys([row[field.column]]) {
                        if case .string(let key) = owner { byOwner[key, default: []].append(row) }
                    }
                }
                reverseRows[name] = byOwner
            } else {
                throw NonrelError(.fieldDoesNotExist, "prefetchRelated(\"\(name)\"): \(descriptor.name) has no many-to-many or foreign key field and no reverse relation of that name", model: descriptor.name, field: name)
            }
        }

        let related = tree.rows()
        var results: [WithRelated<M>] = []
        results.reserveCapacity(joined.count)
        for row in joined {
            let object = try decode(row.row, projected: query.projection != nil, related: related)
            var lists: [String: [Row]] = [:]
            if case .string(let key)? = row.row["_id"] {
                for (name, byOwner) in reverseRows { lists[name] = byOwner[key] ?? [] }
            }
            results.append(WithRelated(object: object, prefetched: lists))
        }
        return results
    }

    /// The steps of a `selectRelated` path; every step must be a foreign key.
    private func inclusion(_ path: String) throws(NonrelError) -> RelatedInclusion {
        var model = descriptor
        var steps: [(field: FieldDescriptor, model: ModelDescriptor)] = []
        for name in path.lookupParts {
            guard let field = model.field(named: name) else {
                throw NonrelError(.fieldDoesNotExist, "selectRelated(\"\(path)\"): \(model.name) has no field \"\(name)\"", model: model.name, field: name)
            }
            guard case .foreignKey(let reference) = field.type else {
                throw NonrelError(.invalidValue, "selectRelated(\"\(path)\"): \(model.name).\(name) is not a foreign key; use prefetchRelated for many-to-many and reverse relations", model: model.name, field: name)
            }
            model = reference.descriptor
            steps.append((field, model))
        }
        return RelatedInclusion(path: path, steps: steps)
    }

    /// `selectRelated` without pushdown: one `pk__in` query per relation path.
    private func loadInclusions(_ inclusions: [RelatedInclusion], into rows: inout [JoinedRow], backend: any DatabaseBackend) async throws {
        var loaded = Set<String>()
        for inclusion in inclusions {
            for (depth, step) in inclusion.steps.enumerated() {
                let path = inclusion.steps[...depth].map(\.field.name).joined(separator: "__")
                guard loaded.insert(path).inserted else { continue }
                let parent = depth == 0 ? nil : inclusion.steps[..<depth].map(\.field.name).joined(separator: "__")
                func owner(_ row: JoinedRow) -> Row? { parent.map { row.related[$0] } ?? row.row }
                let keys = distinctKeys(rows.map { owner($0)?[step.field.column] })
                var byKey: [Value: Row] = [:]
                for row in try await select(step.model, column: "_id", in: keys, backend: backend) {
                    if let key = row["_id"] { byKey[key] = row }
                }
                for index in rows.indices {
                    if let key = owner(rows[index])?[step.field.column], let related = byKey[key] {
                        rows[index].related[path] = related
                    }
                }
            }
        }
    }

    /// Rows of `model` whose `column` holds one of `keys` (one query), in the model's ordering.
    private func select(_ model: ModelDescriptor, column: String, in keys: [Value], backend: any DatabaseBackend) async throws -> [Row] {
        guard !keys.isEmpty, let field = model.field(column: column) else { return [] }
        let resolver = LookupResolver(model: model)
        var ordering: [SortKey] = []
        for name in model.ordering {
            let descending = name.hasPrefix("-")
            let path = try resolver.resolve(descending ? String(name.dropFirst()) : name, allowLookup: false).path
            ordering.append(SortKey(field: path, descending: descending))
        }
        let path = FieldPath(columns: [column], type: field.type, field: field)
        let filter = FilterNode.condition(Condition(field: path, op: .in, operand: .value(.array(keys))))
        return try await backend.select(SelectQuery(model: model, filter: filter, ordering: ordering))
    }

    /// Non-null keys in first-seen order, lists flattened.
    private func distinctKeys(_ values: [Value?]) -> [Value] {
        var seen = Set<Value>()
        var keys: [Value] = []
        for value in values {
            guard let value else { continue }
            for key in value.arrayValue ?? [value] where !key.isNull && seen.insert(key).inserted { keys.append(key) }
        }
        return keys
    }
}

extension Manager {
    /// `all().selectRelated(...)`.
    public func selectRelated(_ paths: String...) -> QuerySet<M> { var q = all(); q.selectedRelations = paths; return q }
    /// `all().prefetchRelated(...)`.
    public func prefetchRelated(_ names: String...) -> QuerySet<M> { var q = all(); q.prefetchedRelations = names; return q }
    /// `all().joinStrategy(...)`.
    public func joinStrategy(_ strategy: JoinStrategy) -> QuerySet<M> { all().joinStrategy(strategy) }
}

/// A result of ``QuerySet/fetchWithRelated()``: the object (its properties read through) and
/// the reverse relations prefetched for it.
@dynamicMemberLookup
public struct WithRelated<M: Model>: Sendable {
    public var object: M
    let prefetched: [String: [Row]]

    /// The objects of the prefetched reverse relation `name` (`"posts"`) that refer to this
    /// object, in their model's ordering.
    public func related<R: Model>(_ name: String, as type: R.Type = R.self) throws -> [R] {
        guard let rows = prefetched[name] else {
            throw NonrelError(.invalidValue, "\(M.descriptor.name): \"\(name)\" was not prefetched; add prefetchRelated(\"\(name)\") and use fetchWithRelated()", model: M.descriptor.name, field: name)
        }
        var models: [R] = []
        for row in rows { models.append(try ModelCoding.model(from: row)) }
        return models
    }

    public subscript<T>(dynamicMember keyPath: KeyPath<M, T>) -> T { object[keyPath: keyPath] }
}

/// Related rows loaded with a query, handed to `ForeignKey` and `ManyToMany` decoding through
/// the decoder's `userInfo` so that they fill their caches.
public final class RelatedRows: Sendable {
    static let key = CodingUserInfoKey(rawValue: "nonrel.relatedRows")!

    struct Entry: Sendable {
        let row: Row
        let nested: RelatedRows?

        func decode<R: Model>(_ type: R.Type) throws(NonrelError) -> R {
            try ModelCoding.model(from: row, related: nested)
        }
    }

    /// Field name → related primary key → entry.
    let fields: [String: [String: Entry]]

    init(fields: [String: [String: Entry]]) { self.fields = fields }

    /// The entries for the top-level model field being decoded by `decoder`, if any.
    static func entries(for decoder: any Decoder) -> [String: Entry]? {
        guard decoder.codingPath.count == 1, let name = decoder.codingPath.first?.stringValue,
              let related = decoder.userInfo[key] as? RelatedRows else { return nil }
        return related.fields[name]
    }
}

/// Builds ``RelatedRows`` while loading.
private final class RelatedTree {
    var entries: [String: Row] = [:]
    var children: [String: RelatedTree] = [:]

    func child(_ name: String) -> RelatedTree {
        if let existing = children[name] { return existing }
        let node = RelatedTree()
        children[name] = node
        return node
    }

    func rows() -> RelatedRows? {
        guard !children.isEmpty else { return nil }
        return RelatedRows(fields: children.mapValues { child in
            let nested = child.rows()
            return child.entries.mapValues { RelatedRows.Entry(row: $0, nested: nested) }
        })
    }
}

/// An immutable box for a cached related object (so a model may refer to its own type).
final class RelatedCache<T: Sendable>: Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

extension FieldType {
    /// The model a foreign key or many-to-many field refers to.
    var relatedModel: ModelDescriptor? {
        switch self {
        case .foreignKey(let reference), .manyToMany(let reference): reference.descriptor
        default: nil
        }
    }
}
