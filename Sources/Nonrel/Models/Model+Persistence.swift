/// Hooks a model may implement, as Django's pre/post save and delete signals. `willSave` may
/// change the model before it is written (set a slug, a timestamp); throwing cancels the write.
public protocol ModelLifecycle {
    mutating func willSave() async throws
    func didSave() async throws
    func willDelete() async throws
    func didDelete() async throws
}

extension Model {
    /// Writes the model: inserts it when it has no primary key (which it then gets), otherwise
    /// writes it whole under its key, inserting or replacing (Django-nonrel's save: no existence
    /// check). Validates first; nothing is written when validation fails.
    public mutating func save(using alias: String? = nil) async throws {
        if var hooked = self as? any ModelLifecycle {
            try await hooked.willSave()
            self = hooked as! Self
        }
        let name = alias ?? Databases.aliasForWrite(Self.descriptor)
        let backend = try Databases.backend(name)
        let row = try ModelCoding.row(from: self)
        if id == nil {
            id = try await backend.insert([row], into: Self.descriptor)[0]
        } else {
            try await backend.save(row, into: Self.descriptor)
        }
        if let hooked = self as? any ModelLifecycle { try await hooked.didSave() }
    }

    /// Deletes the model's document (related objects are not touched: no cascade).
    public func delete(using alias: String? = nil) async throws {
        guard let id else {
            throw NonrelError(.invalidValue, "cannot delete an unsaved \(Self.descriptor.name): it has no primary key", model: Self.descriptor.name)
        }
        if let hooked = self as? any ModelLifecycle { try await hooked.willDelete() }
        var query = Self.objects.filter("pk", id)
        if let alias { query = query.using(alias) }
        try await query.delete()
        if let hooked = self as? any ModelLifecycle { try await hooked.didDelete() }
    }

    /// Reloads the model's fields from the database.
    public mutating func refreshFromDatabase(using alias: String? = nil) async throws {
        guard let id else {
            throw NonrelError(.invalidValue, "cannot refresh an unsaved \(Self.descriptor.name)", model: Self.descriptor.name)
        }
        var query = Self.objects.all()
        if let alias { query = query.using(alias) }
        self = try await query.get("pk", id)
    }

    /// Checks the model as `save()` would (null, blank, max_length, choices, stored types)
    /// without writing, as Django's `full_clean()` (uniqueness is checked by the database).
    public func validate() throws {
        _ = try ModelCoding.row(from: self)
    }
}

extension Model {
    /// A model from a stored row (keyed by storage column, as backends return them): for
    /// backend escape hatches such as raw queries.
    public init(storedRow row: Row) throws(NonrelError) {
        self = try ModelCoding.model(from: row)
    }
}
