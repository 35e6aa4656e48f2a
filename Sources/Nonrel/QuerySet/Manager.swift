/// A model's `objects`: starts query sets and creates objects, as Django's default manager.
public struct Manager<M: Model>: Sendable {
    public init() {}

    /// Every object.
    public func all() -> QuerySet<M> { QuerySet() }
    public func filter(_ lookup: String, _ value: some QueryValue) -> QuerySet<M> { all().filter(lookup, value) }
    public func filter(_ conditions: KeyValuePairs<String, Value>) -> QuerySet<M> { all().filter(conditions) }
    public func filter(_ q: Q) -> QuerySet<M> { all().filter(q) }
    public func exclude(_ lookup: String, _ value: some QueryValue) -> QuerySet<M> { all().exclude(lookup, value) }
    public func exclude(_ conditions: KeyValuePairs<String, Value>) -> QuerySet<M> { all().exclude(conditions) }
    public func exclude(_ q: Q) -> QuerySet<M> { all().exclude(q) }
    public func orderBy(_ fields: String...) -> QuerySet<M> { all().orderBy(fields) }
    public func using(_ alias: String) -> QuerySet<M> { all().using(alias) }
    public func get(_ lookup: String, _ value: some QueryValue) async throws -> M { try await all().get(lookup, value) }
    public func get(_ conditions: KeyValuePairs<String, Value>) async throws -> M { try await all().get(conditions) }
    public func count() async throws -> Int { try await all().count() }
    public func first() async throws -> M? { try await all().first() }
    public func last() async throws -> M? { try await all().last() }
    public func exists() async throws -> Bool { try await all().exists() }
    public func fetch() async throws -> [M] { try await all().fetch() }
    public func inBulk(_ ids: [String]) async throws -> [String: M] { try await all().inBulk(ids) }
    public func only(_ fields: String...) -> QuerySet<M> { var q = all(); q.onlyFields = fields; return q }
    public func values(_ fields: String...) -> ValuesQuerySet<M> { ValuesQuerySet(base: all(), fields: fields) }
    public func valuesList(flat field: String) async throws -> [Value] { try await all().valuesList(flat: field) }
    public func distinctValues(_ field: String) async throws -> [Value] { try await all().distinctValues(field) }
    public func aggregate(_ aggregates: Aggregate...) async throws -> Row {
        try await all().aggregate(named: aggregates.map { ($0.defaultName, $0) })
    }
    public func aggregate(_ aggregates: KeyValuePairs<String, Aggregate>) async throws -> Row { try await all().aggregate(aggregates) }
    /// Updates every object (`Post.objects.update(...)`, as `all().update(...)`).
    @discardableResult
    public func update(_ assignments: KeyValuePairs<String, any QueryValue>) async throws -> Int { try await all().update(assignments) }
    /// Deletes every object of the model.
    @discardableResult
    public func delete() async throws -> Int { try await all().delete() }

    /// Saves a new object and returns it with its primary key.
    @discardableResult
    public func create(_ model: M, using alias: String? = nil) async throws -> M {
        var model = model
        try await model.save(using: alias)
        return model
    }

    /// The object matching `conditions`, or a new one made by `make` and saved. Returns the
    /// object and whether it was created. (Not atomic: a unique index makes it safe.)
    public func getOrCreate(_ conditions: KeyValuePairs<String, Value>, using alias: String? = nil, defaults make: () -> M) async throws -> (M, created: Bool) {
        var query = all().filter(conditions)
        if let alias { query = query.using(alias) }
        do {
            return (try await query.get(), false)
        } catch let error as NonrelError where error.kind == .doesNotExist {
            do {
                return (try await create(make(), using: alias), true)
            } catch let error as NonrelError where error.kind == .integrity {
                // Created concurrently: return the winner.
                return (try await query.get(), false)
            }
        }
    }

    /// Updates the object matching `conditions` with `change`, or creates it with `make`.
    public func updateOrCreate(_ conditions: KeyValuePairs<String, Value>, using alias: String? = nil,
                               update change: (inout M) -> Void, create make: () -> M) async throws -> (M, created: Bool) {
        var query = all().filter(conditions)
        if let alias { query = query.using(alias) }
        do {
            var model = try await query.get()
            change(&model)
            try await model.save(using: alias)
            return (model, false)
        } catch let error as NonrelError where error.kind == .doesNotExist {
            return (try await create(make(), using: alias), true)
        }
    }

    /// Inserts many new objects in one operation (hooks do not run, as in Django) and returns
    /// them with their primary keys. Every object is validated before anything is written.
    @discardableResult
    public func bulkCreate(_ models: [M], using alias: String? = nil) async throws -> [M] {
        guard !models.isEmpty else { return [] }
        var rows: [Row] = []
        rows.reserveCapacity(models.count)
        for model in models {
            guard model.id == nil else {
                throw NonrelError(.invalidValue, "bulkCreate() takes unsaved \(M.descriptor.name) objects; this one has id \(model.id!)", model: M.descriptor.name)
            }
            rows.append(try ModelCoding.row(from: model))
        }
        let backend = try Databases.backend(alias ?? Databases.aliasForWrite(M.descriptor))
        let ids = try await backend.insert(rows, into: M.descriptor)
        return zip(models, ids).map { model, id in
            var saved = model
            saved.id = id
            return saved
        }
    }

    /// Writes the given fields of saved objects (one update per object); returns how many matched.
    @discardableResult
    public func bulkUpdate(_ models: [M], fields: [String], using alias: String? = nil) async throws -> Int {
        let descriptor = M.descriptor
        var plans: [(String, [(String, Value)])] = []
        for model in models {
            guard let id = model.id else {
                throw NonrelError(.invalidValue, "bulkUpdate() takes saved \(descriptor.name) objects; one has no primary key", model: descriptor.name)
            }
            let row = try ModelCoding.row(from: model)
            var values: [(String, Value)] = []
            for name in fields {
                guard let field = descriptor.field(named: name), !field.primaryKey else {
                    throw NonrelError(.fieldDoesNotExist, "bulkUpdate(): \(descriptor.name) has no updatable field \"\(name)\"", model: descriptor.name, field: name)
                }
                values.append((name, row[field.column] ?? .null))
            }
            plans.append((id, values))
        }
        var matched = 0
        for (id, values) in plans {
            var query = all().filter("pk", id)
            if let alias { query = query.using(alias) }
            matched += try await query.update(pairs: values.map { ($0.0, $0.1 as any QueryValue) })
        }
        return matched
    }

    /// Creates the model's declared indexes and reports drift (Django's old `syncdb` job).
    @discardableResult
    public func ensureIndexes(using alias: String? = nil) async throws -> IndexReport {
        let backend = try Databases.backend(alias ?? Databases.aliasForWrite(M.descriptor))
        return try await backend.ensureIndexes(for: M.descriptor)
    }
}
