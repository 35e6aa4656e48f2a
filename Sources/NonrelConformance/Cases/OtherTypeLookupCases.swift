import Foundation
import Nonrel

// published: p1 p3 p4 p6 p8 true; p2 p5 p7 p9 false
// uuid: p1 uuid1, p3 uuid2, others nil
// extra (JSON): p1 {"k": "v", "n": 1}, p2 nil, p3 "text", p4 42, p5 [1, 2], p6 {"k": "w"}, p7 nil,
//               p8 true, p9 nil
enum OtherTypeLookupCases {
    static var cases: [ConformanceCase] { bools + uuids + json }

    static var bools: [ConformanceCase] {
        [
            match("lookups.bool.true", Q("published", true), ["p1", "p3", "p4", "p6", "p8"]),
            match("lookups.bool.false", Q("published", false), ["p2", "p5", "p7", "p9"]),
            match("lookups.bool.exact_lookup", Q("published__exact", false), ["p2", "p5", "p7", "p9"]),
            match("lookups.bool.in", Q("published__in", [true]), ["p1", "p3", "p4", "p6", "p8"]),
            match("lookups.bool.in_both", Q("published__in", [true, false]), ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9"]),
            match("lookups.bool.isnull_false", Q("published__isnull", false), ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9"]),
            match("lookups.bool.does_not_match_numbers", Q("extra", true), ["p8"]),
        ]
    }

    static var uuids: [ConformanceCase] {
        [
            match("lookups.uuid.exact", Q("uuid", Blog.uuid1), ["p1"]),
            match("lookups.uuid.exact_from_lowercase_string", Q("uuid", "123e4567-e89b-12d3-a456-426614174000"), ["p3"]),
            match("lookups.uuid.exact_from_uppercase_string", Q("uuid", "6BA7B810-9DAD-11D1-80B4-00C04FD430C8"), ["p1"]),
            match("lookups.uuid.in", Q("uuid__in", [Blog.uuid1, Blog.uuid2]), ["p1", "p3"]),
            match("lookups.uuid.isnull", Q("uuid__isnull", true), ["p2", "p4", "p5", "p6", "p7", "p8", "p9"]),
            match("lookups.uuid.unknown", Q("uuid", UUID(uuidString: "00000000-0000-0000-0000-000000000001")!), []),
        ]
    }

    static var json: [ConformanceCase] {
        [
            match("lookups.json.exact_int", Q("extra", 42), ["p4"]),
            match("lookups.json.exact_string", Q("extra", "text"), ["p3"]),
            match("lookups.json.exact_bool", Q("extra", true), ["p8"]),
            match("lookups.json.exact_array_whole", Q("extra", [1, 2]), ["p5"]),
            match("lookups.json.exact_array_element", Q("extra", 1), ["p5"]),
            match("lookups.json.exact_double_matches_int", Q("extra", 42.0), ["p4"]),
            match("lookups.json.exact_document_whole", Q("extra", ["k": "w"] as Value), ["p6"]),
            match("lookups.json.key_path", Q("extra__k", "v"), ["p1"]),
            match("lookups.json.key_path_startswith", Q("extra__k__startswith", "w"), ["p6"]),
            match("lookups.json.key_path_in", Q("extra__k__in", ["v", "w"]), ["p1", "p6"]),
            match("lookups.json.key_path_gt", Q("extra__n__gt", 0), ["p1"]),
            match("lookups.json.key_path_isnull", Q("extra__n__isnull", true), ["p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9"]),
            match("lookups.json.index_path", Q("extra__0", 1), ["p5"]),
            match("lookups.json.index_path_second", Q("extra__1__gte", 2), ["p5"]),
            match("lookups.json.gt_numbers_only", Q("extra__gt", 10), ["p4"]),
            match("lookups.json.gt_strings_only", Q("extra__gt", ""), ["p3"]),
            match("lookups.json.lt_numbers_and_array_elements", Q("extra__lt", 5), ["p5"]),
            match("lookups.json.isnull", Q("extra__isnull", true), ["p2", "p7", "p9"]),
            match("lookups.json.in_mixed_types", Q("extra__in", [Value.int(42), Value.string("text"), Value.bool(false)]), ["p3", "p4"]),
            match("lookups.json.iexact", Q("extra__iexact", "TEXT"), ["p3"]),
            match("lookups.json.year_of_non_date_matches_nothing", Q("extra__year", 2023), []),
        ]
    }
}
