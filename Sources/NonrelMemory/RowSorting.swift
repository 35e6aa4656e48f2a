import Nonrel

/// Orders rows as MongoDB's sort does: by each key in MongoDB's type order, an array by its
/// smallest element ascending and its largest descending, an empty array below null; then by
/// a tiebreak (the primary key for documents).
enum RowSorting {
    struct Key {
        var columns: [String]
        var descending: Bool
    }

    /// `rows` sorted by `keys`, then by `tiebreak`.
    static func sorted(_ rows: [Row], by keys: [Key], tiebreak: (Row, Row) -> Int) -> [Row] {
        guard rows.count > 1 else { return rows }
        // Compute each row's sort values once.
        let values: [[SortValue]] = rows.map { row in
            keys.map { key in
                let candidates = DocumentPath.sortCandidates(row, key.columns)
                var best = candidates[0]
                for candidate in candidates.dropFirst() {
                    let order = SortValue.compare(candidate, best)
                    if key.descending ? order > 0 : order < 0 { best = candidate }
                }
                return best
            }
        }
        let order = rows.indices.sorted { i, j in
            for (position, key) in keys.enumerated() {
                let result = SortValue.compare(values[i][position], values[j][position])
                if result != 0 { return key.descending ? result > 0 : result < 0 }
            }
            let result = tiebreak(rows[i], rows[j])
            return result != 0 ? result < 0 : i < j
        }
        return order.map { rows[$0] }
    }

    /// Documents tie by primary key, ascending.
    static func byPrimaryKey(_ a: Row, _ b: Row) -> Int {
        ValueOrdering.compare(a["_id"] ?? .null, b["_id"] ?? .null)
    }
}
