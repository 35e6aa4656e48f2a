import Foundation
import Nonrel

// views (Int): p1 10, p2 20, p3 0, p4 5, p5 100, p6 7, p7 20, p8 3, p9 50
// likes (Int?, column like_count): p1 12, p2 20, p3 nil, p4 2, p5 100, p6 3, p7 nil, p8 3, p9 60
// rating (Double?): p1 4.5, p2 nil, p3 3.0, p4 1.5, p5 5.0, p6 nil, p7 2.5, p8 nil, p9 0.0
// price (Decimal?): p1 9.99, p2 nil, p3 10, p4 0.5, p5 100.25, p6 nil, p7 9.99, p8 nil, p9 -1.5
enum NumberLookupCases {
    static var cases: [ConformanceCase] { ints + nullableInts + doubles + decimals }

    static var ints: [ConformanceCase] {
        [
            match("lookups.int.exact", Q("views", 20), ["p2", "p7"]),
            match("lookups.int.exact_zero", Q("views", 0), ["p3"]),
            match("lookups.int.exact_whole_double_operand", Q("views", 20.0), ["p2", "p7"]),
            match("lookups.int.exact_decimal_operand", Q("views", Decimal(20)), ["p2", "p7"]),
            match("lookups.int.gt", Q("views__gt", 10), ["p2", "p5", "p7", "p9"]),
            match("lookups.int.gte", Q("views__gte", 10), ["p1", "p2", "p5", "p7", "p9"]),
            match("lookups.int.lt", Q("views__lt", 5), ["p3", "p8"]),
            match("lookups.int.lte", Q("views__lte", 5), ["p3", "p4", "p8"]),
            match("lookups.int.range_inclusive", Q("views__range", [5, 20]), ["p1", "p2", "p4", "p6", "p7"]),
            match("lookups.int.range_empty", Q("views__range", [30, 40]), []),
            match("lookups.int.in", Q("views__in", [0, 100, 999]), ["p3", "p5"]),
            match("lookups.int.in_empty_matches_nothing", Q("views__in", [Int]()), []),
            match("lookups.int.negative_bound", Q("views__gt", -1), ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9"]),
            match("lookups.int.large_bound", Q("views__lt", Int(Int32.max) + 10), ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9"]),
        ]
    }

    static var nullableInts: [ConformanceCase] {
        [
            match("lookups.int_nullable.exact_on_renamed_column", Q("likes", 3), ["p6", "p8"]),
            match("lookups.int_nullable.gt_skips_nulls", Q("likes__gt", 10), ["p1", "p2", "p5", "p9"]),
            match("lookups.int_nullable.lt_skips_nulls", Q("likes__lt", 100), ["p1", "p2", "p4", "p6", "p8", "p9"]),
            match("lookups.int_nullable.lte_skips_nulls", Q("likes__lte", 3), ["p4", "p6", "p8"]),
            match("lookups.int_nullable.gte_zero_skips_nulls", Q("likes__gte", 0), ["p1", "p2", "p4", "p5", "p6", "p8", "p9"]),
            match("lookups.int_nullable.range_skips_nulls", Q("likes__range", [3, 20]), ["p1", "p2", "p6", "p8"]),
            match("lookups.int_nullable.in", Q("likes__in", [3, 12]), ["p1", "p6", "p8"]),
            match("lookups.int_nullable.in_with_nil_element", Q("likes__in", [Value.int(2), Value.null]), ["p4"]),
        ]
    }

    static var doubles: [ConformanceCase] {
        [
            match("lookups.double.gt", Q("rating__gt", 2.5), ["p1", "p3", "p5"]),
            match("lookups.double.gte", Q("rating__gte", 2.5), ["p1", "p3", "p5", "p7"]),
            match("lookups.double.exact_int_operand", Q("rating", 3), ["p3"]),
            match("lookups.double.exact_zero_is_not_null", Q("rating", 0.0), ["p9"]),
            match("lookups.double.lt", Q("rating__lt", 1), ["p9"]),
            match("lookups.double.lte_fraction", Q("rating__lte", 1.5), ["p4", "p9"]),
            match("lookups.double.in_mixed_operands", Q("rating__in", [Value.double(1.5), Value.int(5)]), ["p4", "p5"]),
            match("lookups.double.range", Q("rating__range", [0.0, 1.5]), ["p4", "p9"]),
            match("lookups.double.range_int_bounds", Q("rating__range", [3, 5]), ["p1", "p3", "p5"]),
            match("lookups.double.decimal_operand", Q("rating__gt", Decimal(string: "4.4")!), ["p1", "p5"]),
        ]
    }

    static var decimals: [ConformanceCase] {
        [
            match("lookups.decimal.exact", Q("price", Decimal(string: "9.99")!), ["p1", "p7"]),
            match("lookups.decimal.exact_int_operand", Q("price", 10), ["p3"]),
            match("lookups.decimal.exact_whole_double_operand", Q("price", 10.0), ["p3"]),
            match("lookups.decimal.gt", Q("price__gt", Decimal(string: "9.99")!), ["p3", "p5"]),
            match("lookups.decimal.gte_int_operand", Q("price__gte", 10), ["p3", "p5"]),
            match("lookups.decimal.lt_negative", Q("price__lt", 0), ["p9"]),
            match("lookups.decimal.range", Q("price__range", [Decimal(0), Decimal(10)]), ["p1", "p3", "p4", "p7"]),
            match("lookups.decimal.in", Q("price__in", [Decimal(string: "0.5")!, Decimal(string: "100.25")!]), ["p4", "p5"]),
            match("lookups.decimal.isnull", Q("price__isnull", true), ["p2", "p6", "p8"]),
            match("lookups.decimal.lt_half_double_operand", Q("price__lt", 0.75), ["p4", "p9"]),
        ]
    }
}
