import Nonrel

/// The hooks ``IndexedBackend`` calls so that registered lookups stay emulated: hidden fields
/// written with every insert, save and update, conditions rewritten onto them, hidden columns
/// kept out of results, and their indexes created with the model's.
extension IndexedBackend {
    /// `rows` with their hidden fields computed (unchanged for a model without registrations).
    func withHiddenFields(_ rows: [Row], model: ModelDescriptor) -> [Row] {
        guard let lookups = indexer.lookupRegistry.lookups(for: model) else { return rows }
        return rows.map(lookups.withHiddenFields)
    }

    /// `condition`, rewritten onto a hidden field when it is a registered lookup.
    func emulatedLookup(_ condition: Condition, model: ModelDescriptor) -> FilterNode {
        guard let lookups = indexer.lookupRegistry.lookups(for: model) else { return .condition(condition) }
        return LookupRewriter(lookups: lookups).rewrite(condition)
    }

    /// Selected rows without hidden columns (only whole documents carry them; projections
    /// name their fields).
    func withoutHiddenFields(_ rows: [Row], query: SelectQuery) -> [Row] {
        guard query.projection == nil else { return rows }
        return rows.map { ModelLookups.stripped($0, model: query.model) }
    }

    /// The descriptor whose indexes include the hidden fields'.
    func modelWithHiddenFields(_ model: ModelDescriptor) -> ModelDescriptor {
        indexer.lookupRegistry.lookups(for: model)?.augmentedModel ?? model
    }

    /// Runs an update (its filter already rewritten) keeping hidden fields current.
    ///
    /// Constant assignments to a source field set its hidden fields in the same atomic update.
    /// `F()` assignments cannot be derived by the database, so the keys of the matching
    /// documents are read first and, after the update, their source fields are re-read and
    /// their hidden fields written, one document at a time. **That part is not atomic**: a
    /// reader may briefly see the new source value with the old hidden one, and a concurrent
    /// write to the same source field between the two steps can leave a hidden field stale
    /// until the document is written again (or ``Indexer/backfill(_:using:batchSize:progress:)``
    /// runs).
    func updateKeepingHiddenFields(_ query: UpdateQuery, perform: (UpdateQuery) async throws -> Int) async throws -> Int {
        guard let lookups = indexer.lookupRegistry.lookups(for: query.model) else { return try await perform(query) }
        var query = query
        var refreshed: [HiddenField] = []
        for assignment in query.assignments where assignment.field.columns.count == 1 {
            let hidden = lookups.hidden(from: assignment.field.columns[0])
            if case .value(let value) = assignment.value {
                for field in hidden {
                    query.assignments.append(Assignment(field: field.path, value: .value(field.value(for: value) ?? .null)))
                }
            } else {
                refreshed += hidden
            }
        }
        guard !refreshed.isEmpty else { return try await perform(query) }
        let keys = try await base.select(SelectQuery(model: query.model, filter: query.filter, projection: [])).compactMap { $0["_id"] }
        let matched = try await perform(query)
        try await HiddenFieldRefresher(base: base, model: query.model, fields: refreshed).refresh(keys)
        return matched
    }
}
