import Nonrel

/// What ``Indexer/backfill(_:using:batchSize:after:progress:)`` did.
public struct BackfillReport: Sendable, Hashable {
    /// Documents read.
    public var scanned: Int
    /// Documents whose hidden fields were written (the others were already current).
    public var written: Int
    /// The primary key of the last document read: pass it as `after` to resume.
    public var lastKey: String?
    /// The hidden fields' indexes.
    public var indexes: IndexReport
}

extension Indexer {
    /// Computes the hidden fields of `model`'s documents written before its lookups were
    /// registered (or by code not going through the indexer), then creates their indexes.
    ///
    /// Documents are read in batches ordered by primary key, each written by one atomic update
    /// and only when a hidden field is stale, so an interrupted backfill leaves every document
    /// either done or untouched, and rerunning it (from the start, or `after` the last key it
    /// reported) is safe and cheap. `progress` gets the documents read so far and the count at
    /// the start (or the documents read, when more were inserted meanwhile).
    @discardableResult
    public func backfill<M: Model>(
        _ model: M.Type, using alias: String = Databases.defaultAlias, batchSize: Int = 500, after key: String? = nil,
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) async throws -> BackfillReport {
        let descriptor = M.descriptor
        guard let lookups = lookupRegistry.lookups(for: descriptor), let primaryKey = descriptor.primaryKey else {
            throw NonrelError(.improperlyConfigured, "backfill(\(descriptor.name)): no lookups are registered for \(descriptor.name) on this indexer", model: descriptor.name)
        }
        guard batchSize > 0 else {
            throw NonrelError(.invalidValue, "backfill(\(descriptor.name)): batchSize must be positive, not \(batchSize)", model: descriptor.name)
        }
        let backend = try Databases.backend(alias)
        let base = (backend as? IndexedBackend)?.base ?? backend
        let refresher = HiddenFieldRefresher(base: base, model: descriptor, fields: lookups.hidden, batchSize: batchSize)
        let keyPath = HiddenFieldRefresher.path(primaryKey)
        var last = key.map(Value.string)
        let total = try await base.count(SelectQuery(model: descriptor, filter: after(last, keyPath)))
        var report = BackfillReport(scanned: 0, written: 0, lastKey: key, indexes: IndexReport())
        while true {
            let rows = try await base.select(SelectQuery(
                model: descriptor, filter: after(last, keyPath), ordering: [SortKey(field: keyPath, descending: false)],
                limit: batchSize, projection: refresher.projection))
            guard let lastRow = rows.last else { break }
            report.written += try await refresher.write(rows)
            report.scanned += rows.count
            last = lastRow["_id"]
            report.lastKey = last?.stringValue
            progress?(report.scanned, max(total, report.scanned))
            if rows.count < batchSize { break }
        }
        report.indexes = try await base.ensureIndexes(for: lookups.augmentedModel)
        return report
    }

    private func after(_ key: Value?, _ path: FieldPath) -> FilterNode {
        guard let key else { return .all }
        return .condition(Condition(field: path, op: .gt, operand: .value(key)))
    }
}
