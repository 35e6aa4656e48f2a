import Foundation
import Nonrel

// created (UTC):
// p1 2023-01-15 10:30:45 Sun   p2 2023-02-20 08:00:00 Mon   p3 2023-04-01 00:00:00 Sat
// p4 2023-07-04 23:59:59.123 Tue   p5 2023-10-31 12:00:00 Tue   p6 2024-02-29 06:15:30 Thu
// p7 2022-12-31 23:59:59 Sat   p8 2023-01-01 00:00:00 Sun   p9 2023-12-25 18:45:00 Mon
// day (date only): p1 2023-01-15, p3 2023-04-01, p4 2023-07-04, others nil
enum DateLookupCases {
    static var cases: [ConformanceCase] { datetimes + transforms + dates }

    static var datetimes: [ConformanceCase] {
        [
            match("lookups.datetime.exact", Q("created", utc(2023, 1, 1)), ["p8"]),
            match("lookups.datetime.exact_milliseconds", Q("created", utc(2023, 7, 4, 23, 59, 59, ms: 123)), ["p4"]),
            match("lookups.datetime.exact_other_millisecond", Q("created", utc(2023, 7, 4, 23, 59, 59, ms: 124)), []),
            match("lookups.datetime.gt", Q("created__gt", utc(2023, 12, 25, 18, 45)), ["p6"]),
            match("lookups.datetime.gte", Q("created__gte", utc(2023, 12, 25, 18, 45)), ["p6", "p9"]),
            match("lookups.datetime.lt", Q("created__lt", utc(2023, 1, 1)), ["p7"]),
            match("lookups.datetime.lte", Q("created__lte", utc(2023, 1, 1)), ["p7", "p8"]),
            match("lookups.datetime.range_inclusive", Q("created__range", [utc(2023, 1, 1), utc(2023, 1, 15, 10, 30, 45)]), ["p1", "p8"]),
            match("lookups.datetime.in", Q("created__in", [utc(2023, 4, 1), utc(2024, 2, 29, 6, 15, 30)]), ["p3", "p6"]),
        ]
    }

    static func transform(_ name: String, _ lookup: String, _ value: Int, where predicate: @escaping @Sendable (Date) -> Bool) -> ConformanceCase {
        match("lookups.transform.\(name)", Q(lookup, value), where: { predicate($0.created) })
    }

    static var transforms: [ConformanceCase] {
        [
            transform("year", "created__year", 2023) { Parts.year($0) == 2023 },
            transform("year_gte", "created__year__gte", 2024) { Parts.year($0) >= 2024 },
            transform("year_lt", "created__year__lt", 2023) { Parts.year($0) < 2023 },
            transform("month", "created__month", 1) { Parts.month($0) == 1 },
            transform("month_gt", "created__month__gt", 9) { Parts.month($0) > 9 },
            transform("day", "created__day", 31) { Parts.day($0) == 31 },
            transform("day_lte", "created__day__lte", 4) { Parts.day($0) <= 4 },
            transform("hour", "created__hour", 23) { Parts.hour($0) == 23 },
            transform("hour_zero", "created__hour", 0) { Parts.hour($0) == 0 },
            transform("minute", "created__minute", 59) { Parts.minute($0) == 59 },
            transform("minute_gt", "created__minute__gt", 0) { Parts.minute($0) > 0 },
            transform("second", "created__second", 30) { Parts.second($0) == 30 },
            transform("week_day_sunday", "created__week_day", 1) { Parts.weekDay($0) == 1 },
            transform("week_day_saturday", "created__week_day", 7) { Parts.weekDay($0) == 7 },
            transform("week_day_tuesday", "created__week_day", 3) { Parts.weekDay($0) == 3 },
            transform("iso_week_day_monday", "created__iso_week_day", 1) { Parts.isoWeekDay($0) == 1 },
            transform("iso_week_day_sunday", "created__iso_week_day", 7) { Parts.isoWeekDay($0) == 7 },
            transform("iso_week_day_gte", "created__iso_week_day__gte", 6) { Parts.isoWeekDay($0) >= 6 },
            transform("quarter_1", "created__quarter", 1) { Parts.quarter($0) == 1 },
            transform("quarter_3", "created__quarter", 3) { Parts.quarter($0) == 3 },
            transform("quarter_4", "created__quarter", 4) { Parts.quarter($0) == 4 },
            match("lookups.transform.year_in", Q("created__year__in", [2022, 2024]), ["p6", "p7"]),
            match("lookups.transform.month_range", Q("created__month__range", [2, 4]), ["p2", "p3", "p6"]),
            match("lookups.transform.date", Q("created__date", utc(2023, 7, 4)), ["p4"]),
            match("lookups.transform.date_ignores_time_of_operand", Q("created__date", utc(2023, 7, 4, 12)), ["p4"]),
            match("lookups.transform.date_gte", Q("created__date__gte", utc(2023, 12, 1)), ["p6", "p9"]),
            match("lookups.transform.date_lt", Q("created__date__lt", utc(2023, 1, 15)), ["p7", "p8"]),
            match("lookups.transform.combined_year_month", Q("created__year", 2023) & Q("created__month", 1), ["p1", "p8"]),
        ]
    }

    static var dates: [ConformanceCase] {
        [
            match("lookups.date.exact", Q("day", utc(2023, 4, 1)), ["p3"]),
            match("lookups.date.exact_operand_time_dropped", Q("day", utc(2023, 4, 1, 15, 30)), ["p3"]),
            match("lookups.date.gt", Q("day__gt", utc(2023, 2, 1)), ["p3", "p4"]),
            match("lookups.date.lte", Q("day__lte", utc(2023, 4, 1)), ["p1", "p3"]),
            match("lookups.date.range", Q("day__range", [utc(2023, 1, 15), utc(2023, 4, 1)]), ["p1", "p3"]),
            match("lookups.date.isnull", Q("day__isnull", true), ["p2", "p5", "p6", "p7", "p8", "p9"]),
            match("lookups.date.year", Q("day__year", 2023), ["p1", "p3", "p4"]),
            match("lookups.date.month", Q("day__month", 7), ["p4"]),
            match("lookups.date.week_day", Q("day__week_day", 7), ["p3"]),
            match("lookups.date.iso_week_day", Q("day__iso_week_day", 2), ["p4"]),
            match("lookups.date.quarter", Q("day__quarter", 2), ["p3"]),
            match("lookups.date.transform_skips_nulls", Q("day__month__gt", 0), ["p1", "p3", "p4"]),
        ]
    }
}
