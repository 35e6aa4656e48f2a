extension QuerySet: AsyncSequence {
    public typealias Element = M

    /// Iterates the results (fetched in one query when iteration starts).
    public struct AsyncIterator: AsyncIteratorProtocol {
        let query: QuerySet
        var results: [M]?
        var index = 0

        public mutating func next() async throws -> M? {
            if results == nil { results = try await query.fetch() }
            guard let results, index < results.count else { return nil }
            defer { index += 1 }
            return results[index]
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(query: self) }

    /// Runs the query and returns every result, as Django's `list(qs)`.
    public func fetch() async throws -> [M] {
        // MARK: - Joins
        if !selectedRelations.isEmpty || !prefetchedRelations.isEmpty {
            return try await fetchLoadingRelations(reverse: false).map(\.object)
        }
        let (backend, _) = try readBackend()
        let query = try compileSelect(joins: backend.features.joins)
        let rows = try await backend.select(query)
        var models: [M] = []
        models.reserveCapacity(rows.count)
        for row in rows { models.append(try decode(row, projected: query.projection != nil)) }
        return models
    }

    /// The single object matching the query; ``NonrelError/Kind/doesNotExist`` when there is
    /// none and ``NonrelError/Kind/multipleObjectsReturned`` when there are several.
    public func get() async throws -> M {
        var probe = self
        if !isSliced { probe.high = probe.low + 2 }
        let results = try await probe.fetch()
        switch results.count {
        case 1: return results[0]
        case 0: throw NonrelError(.doesNotExist, "\(descriptor.name) matching query does not exist", model: descriptor.name)
        default:
            throw NonrelError(.multipleObjectsReturned, "get() returned more than one \(descriptor.name); narrow the query or use first()", model: descriptor.name)
        }
    }

    /// `filter(lookup, value).get()`.
    public func get(_ lookup: String, _ value: some QueryValue) async throws -> M {
        try await filter(lookup, value).get()
    }

    /// `filter(conditions).get()`.
    public func get(_ conditions: KeyValuePairs<String, Value>) async throws -> M {
        try await filter(conditions).get()
    }

    /// The first result in order (by primary key when the query has no ordering), or nil.
    public func first() async throws -> M? {
        var query = self
        if query.ordering ?? descriptor.ordering == [] { query = query.orderBy("pk") }
        return try await query[0..<1].fetch().first
    }

    /// The last result in order (by primary key when the query has no ordering), or nil.
    public func last() async throws -> M? {
        var query = self
        if query.ordering ?? descriptor.ordering == [] { query = query.orderBy("pk") }
        guard !isSliced else { return try await query.fetch().last }
        return try await query.reverse()[0..<1].fetch().first
    }

    /// How many objects match (counted by the database).
    public func count() async throws -> Int {
        let (backend, _) = try readBackend()
        let query = try compileSelect(joins: backend.features.joins)
        return try await backend.count(query)
    }

    /// Whether any object matches.
    public func exists() async throws -> Bool {
        try await self[0..<1].count() > 0
    }

    /// The objects with these primary keys, by key (missing keys are left out).
    public func inBulk(_ ids: [String]) async throws -> [String: M] {
        guard !ids.isEmpty else { return [:] }
        var result: [String: M] = [:]
        for model in try await filter("pk__in", ids.map(Value.string)).fetch() {
            if let id = model.id { result[id] = model }
        }
        return result
    }

    func decode(_ row: Row, projected: Bool, related: RelatedRows? = nil) throws(NonrelError) -> M {
        guard projected else { return try ModelCoding.model(from: row, related: related) }
        var complete = row
        for field in descriptor.fields where complete[field.column] == nil {
            if let makeDefault = field.defaultValue {
                complete[field.column] = makeDefault()
            } else if !field.null {
                throw NonrelError(.invalidValue, "only()/deferFields(): \(descriptor.name).\(field.name) was not loaded and is neither Optional nor has a default; load it, or use values() for partial data", model: descriptor.name, field: field.name)
            }
        }
        return try ModelCoding.model(from: complete, related: related)
    }
}
