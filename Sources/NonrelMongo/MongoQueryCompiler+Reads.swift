import Nonrel
import NonrelBSON

extension MongoQueryCompiler {
    /// The sort document of an ordering, with `_id` ascending appended as the tiebreak so every
    /// ordered query is deterministic. Nil when the query has no ordering (natural order).
    public static func sort(_ keys: [SortKey]) -> BSONDocument? {
        guard !keys.isEmpty else { return nil }
        var sort = BSONDocument()
        for key in keys where !sort.contains(key: key.field.dotted) {
            sort[key.field.dotted] = .int32(key.descending ? -1 : 1)
        }
        if !sort.contains(key: "_id") { sort["_id"] = .int32(1) }
        return sort
    }

    /// The projection of the fields to load (the primary key always comes). A path inside one
    /// already loaded is dropped, since MongoDB rejects overlapping paths.
    public static func projection(_ paths: [FieldPath]?) -> BSONDocument? {
        guard let paths else { return nil }
        let dotted = paths.map(\.dotted)
        var projection: BSONDocument = ["_id": 1]
        for path in dotted where !projection.contains(key: path) {
            let covered = dotted.contains { other in other != path && path.hasPrefix(other + ".") } || path.hasPrefix("_id.")
            if !covered { projection[path] = 1 }
        }
        return projection
    }
}
