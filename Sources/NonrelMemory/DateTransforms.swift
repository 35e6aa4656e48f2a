import Foundation
import Nonrel

/// Transforms (`year`, `week_day`, `len`...) computed in UTC from the stored value, as
/// MongoDB's date operators do. A transform of null, missing or the wrong type is nil.
enum DateTransforms {
    static func apply(_ transform: Transform, to value: Value?) -> Value? {
        if transform == .length {
            guard case .array(let items)? = value else { return nil }
            return .int(Int64(items.count))
        }
        guard case .date(let date)? = value else { return nil }
        return UTCDateParts(date).value(of: transform)
    }
}
