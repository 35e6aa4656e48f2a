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
        let parts = CivilTime(date)
        switch transform {
        case .year: return .int(parts.year)
        case .month: return .int(parts.month)
        case .day: return .int(parts.day)
        case .hour: return .int(parts.hour)
        case .minute: return .int(parts.minute)
        case .second: return .int(parts.second)
        case .quarter: return .int((parts.month - 1) / 3 + 1)
        case .weekDay: return .int(parts.weekday + 1)
        case .isoWeekDay: return .int(parts.weekday == 0 ? 7 : parts.weekday)
        case .date: return .date(Date(timeIntervalSince1970: Double(parts.days) * 86_400))
        case .length: return nil
        }
    }
}

/// The UTC calendar fields of a date (proleptic Gregorian, days from the civil algorithm).
struct CivilTime {
    var days: Int64
    var year: Int64
    var month: Int64
    var day: Int64
    var hour: Int64
    var minute: Int64
    var second: Int64
    /// 0 = Sunday ... 6 = Saturday.
    var weekday: Int64

    init(_ date: Date) {
        let floorSeconds = Int64(date.timeIntervalSince1970.rounded(.down))
        days = Self.floorDiv(floorSeconds, 86_400)
        let secondOfDay = floorSeconds - days * 86_400
        hour = secondOfDay / 3600
        minute = secondOfDay % 3600 / 60
        second = secondOfDay % 60
        weekday = ((days % 7) + 7 + 4) % 7 // 1970-01-01 was a Thursday
        // Civil date from days since the epoch.
        let z = days + 719_468
        let era = Self.floorDiv(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}
