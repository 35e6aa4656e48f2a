import Foundation

/// The UTC calendar parts of an instant in the proleptic Gregorian calendar, as MongoDB's date
/// operators compute them; backends and the indexer use it for date transforms (Foundation's
/// `Calendar` switches to the Julian calendar before 1582, so it is not used).
public struct UTCDateParts: Sendable, Hashable {
    /// Whole days since 1970-01-01 (negative before).
    public let dayNumber: Int64
    public let year: Int64
    public let month: Int64
    public let day: Int64
    public let secondOfDay: Int64

    public init(_ date: Date) {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        dayNumber = Self.floorDivide(seconds, 86_400)
        secondOfDay = seconds - dayNumber * 86_400
        // Count from 0000-03-01 so that the leap day ends each 400-year cycle's years.
        let shifted = dayNumber + 719_468
        let cycle = Self.floorDivide(shifted, 146_097)
        let dayOfCycle = shifted - cycle * 146_097
        let yearOfCycle = (dayOfCycle - dayOfCycle / 1_460 + dayOfCycle / 36_524 - dayOfCycle / 146_096) / 365
        let dayOfYear = dayOfCycle - (365 * yearOfCycle + yearOfCycle / 4 - yearOfCycle / 100)
        let marchMonth = (5 * dayOfYear + 2) / 153 // 0 = March ... 11 = February
        day = dayOfYear - (153 * marchMonth + 2) / 5 + 1
        month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9
        year = yearOfCycle + cycle * 400 + (month <= 2 ? 1 : 0)
    }

    /// 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday).
    public var weekdayFromSunday: Int64 { Self.floorModulo(dayNumber + 4, 7) }

    /// The value of `transform` (a date part), or nil for `len`.
    public func value(of transform: Transform) -> Value? {
        switch transform {
        case .year: .int(year)
        case .month: .int(month)
        case .day: .int(day)
        case .hour: .int(secondOfDay / 3_600)
        case .minute: .int(secondOfDay % 3_600 / 60)
        case .second: .int(secondOfDay % 60)
        case .quarter: .int((month - 1) / 3 + 1)
        case .weekDay: .int(weekdayFromSunday + 1)
        case .isoWeekDay: .int(weekdayFromSunday == 0 ? 7 : weekdayFromSunday)
        case .date: .date(Date(timeIntervalSince1970: Double(dayNumber) * 86_400))
        case .length: nil
        }
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }

    private static func floorModulo(_ a: Int64, _ b: Int64) -> Int64 {
        let remainder = a % b
        return remainder < 0 ? remainder + b : remainder
    }
}
