extension QuerySet {
    /// Sets fields on every matching object in one atomic database operation per object, and
    /// returns how many matched. Values may be `F` expressions over the object's own fields:
    ///
    /// ```swift
    /// try await Post.objects.filter("slug", "hello").update(["views": F("views") + 1])
    /// ```
    /// Sliced query sets cannot be updated (as in Django). Hooks do not run.
    @discardableResult
    public func update(_ assignments: KeyValuePairs<String, any QueryValue>) async throws -> Int {
        try await update(pairs: assignments.map { ($0.key, $0.value) })
    }

    func update(pairs assignments: [(String, any QueryValue)]) async throws -> Int {
        guard !isSliced else {
            throw NonrelError(.unsupported, "cannot update a sliced query set (as in Django); filter by primary keys instead", model: descriptor.name)
        }
        guard !assignments.isEmpty else { return 0 }
        var compiled: [Assignment] = []
        for (name, value) in assignments {
            let resolved = try resolver.resolve(name, allowLookup: false)
            guard resolved.transform == nil, !resolved.path.field.primaryKey else {
                throw NonrelError(.invalidValue, "update(): \"\(name)\" cannot be assigned", model: descriptor.name, field: name)
            }
            var expression = try resolver.resolveExpression(value.queryOperand, lookup: name)
            if case .value(let constant) = expression {
                let stored = try ValueConversion.stored(constant, as: resolved.path.type, context: "\(descriptor.name).\(name)")
                if resolved.path.columns.count == 1 {
                    try ModelCoding.validate(stored, field: resolved.path.field, model: descriptor)
                }
                expression = .value(stored)
            }
            compiled.append(Assignment(field: resolved.path, value: expression))
        }
        let (backend, _) = try writeBackend()
        return try await backend.update(UpdateQuery(model: descriptor, filter: try compileFilter(joins: backend.features.joins), assignments: compiled))
    }

    /// Deletes every matching object (no cascade: related objects are left as they are) and
    /// returns how many were deleted. Hooks do not run, as Django's bulk delete skips `delete()`.
    @discardableResult
    public func delete() async throws -> Int {
        guard !isSliced else {
            throw NonrelError(.unsupported, "cannot delete a sliced query set (as in Django); filter by primary keys instead", model: descriptor.name)
        }
        let (backend, _) = try writeBackend()
        return try await backend.delete(DeleteQuery(model: descriptor, filter: try compileFilter(joins: backend.features.joins)))
    }
}
