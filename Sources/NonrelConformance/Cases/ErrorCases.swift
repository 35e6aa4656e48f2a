import Foundation
import Nonrel

// Bad input: errors name the model, the field and close matches, and are the same on every
// backend (they are raised before the backend runs the query).
enum ErrorCases {
    static var cases: [ConformanceCase] {
        [
            queryError("errors.unknown_field_close_match", Q("titel", "x"), .fieldDoesNotExist, mentioning: ["Post", "titel", "title"]),
            queryError("errors.unknown_field_lists_fields", Q("nosuchfield", 1), .fieldDoesNotExist, mentioning: ["slug", "views"]),
            queryError("errors.unknown_embedded_field", Q("address__ctiy", "x"), .fieldDoesNotExist, mentioning: ["Address", "city"]),
            queryError("errors.unknown_field_in_embedded_list", Q("comments__autor", "x"), .fieldDoesNotExist, mentioning: ["author"]),
            queryError("errors.unknown_lookup_close_match", Q("title__icontain", "x"), .lookupDoesNotExist, mentioning: ["icontains"]),
            queryError("errors.unknown_lookup_after_transform", Q("created__year__foo", 1), .lookupDoesNotExist, mentioning: ["foo"]),
            queryError("errors.text_lookup_on_int", Q("views__icontains", "1"), .lookupDoesNotExist, mentioning: ["views"]),
            queryError("errors.text_lookup_on_date", Q("created__startswith", "2023"), .lookupDoesNotExist),
            queryError("errors.order_lookup_on_bool", Q("published__gt", true), .lookupDoesNotExist, mentioning: ["published"]),
            queryError("errors.order_lookup_on_embedded", Q("address__gt", "a"), .lookupDoesNotExist),
            queryError("errors.overlap_on_scalar", Q("title__overlap", ["a"]), .lookupDoesNotExist),
            queryError("errors.len_on_string", Q("title__len", 3), .lookupDoesNotExist),
            queryError("errors.year_on_string", Q("title__year", 2023), .lookupDoesNotExist),
            queryError("errors.hour_on_date_field", Q("day__hour", 1), .lookupDoesNotExist),
            queryError("errors.gt_string_operand_on_int", Q("views__gt", "5"), .invalidValue, mentioning: ["views"]),
            queryError("errors.fractional_operand_on_int", Q("views", 20.5), .invalidValue),
            queryError("errors.string_operand_on_bool", Q("published", "true"), .invalidValue),
            queryError("errors.int_operand_on_string", Q("title", 5), .invalidValue, mentioning: ["title"]),
            queryError("errors.string_operand_on_date", Q("created", "2023-01-01"), .invalidValue),
            queryError("errors.string_operand_on_year", Q("created__year", "2023"), .invalidValue),
            queryError("errors.bad_uuid_string", Q("uuid", "not-a-uuid"), .invalidValue, mentioning: ["not-a-uuid"]),
            queryError("errors.in_needs_list", Q("title__in", "abc"), .invalidValue, mentioning: ["list"]),
            queryError("errors.range_needs_two", Q("views__range", [1]), .invalidValue),
            queryError("errors.isnull_needs_bool", Q("likes__isnull", "yes"), .invalidValue),
            queryError("errors.icontains_needs_string", Q("title__icontains", 5), .invalidValue),
            queryError("errors.wrong_element_type_in_list", Q("scores", "five"), .invalidValue),
            queryError("errors.wrong_value_type_in_dict", Q("counts__a", "1"), .invalidValue),
            queryError("errors.dict_key_with_dollar", Q("counts__$where", 1), .invalidValue),
            queryError("errors.json_key_with_dollar", Q("extra__$gt", 1), .invalidValue),
            queryError("errors.invalid_regex", Q("title__regex", "(unclosed"), .invalidValue, mentioning: ["(unclosed"]),
            queryError("errors.error_inside_q_tree", Q("views", 1) | ~(Q("slug", "x") & Q("nosuch", 1)), .fieldDoesNotExist, mentioning: ["nosuch"]),
            queryError("errors.f_unknown_field", Q("views__gt", F("veiws")), .fieldDoesNotExist, mentioning: ["views"]),
            ConformanceCase("errors.error_kinds_are_errors_not_empty_results") {
                _ = try await Blog.load()
                try await expectError(.invalidValue, "count") { _ = try await Post.objects.filter("views__gt", "5").count() }
                try await expectError(.invalidValue, "exists") { _ = try await Post.objects.filter("views__gt", "5").exists() }
                try await expectError(.invalidValue, "delete") { _ = try await Post.objects.filter("views__gt", "5").delete() }
                try await expectError(.invalidValue, "update") { _ = try await Post.objects.filter("views__gt", "5").update(["views": 1]) }
                try await expectError(.invalidValue, "aggregate") { _ = try await Post.objects.filter("views__gt", "5").aggregate(Count()) }
                try expectEqual(try await Post.objects.count(), 9, "nothing deleted")
            },
            ConformanceCase("errors.error_carries_model_and_field") {
                do {
                    _ = try await Post.objects.filter("titel", "x").fetch()
                    throw ConformanceFailure("no error")
                } catch let error as NonrelError {
                    try expectEqual(error.model, "Post", "model")
                    try expectEqual(error.field, "titel", "field")
                }
            },
            ConformanceCase("errors.values_unknown_field") {
                try await expectError(.fieldDoesNotExist, mentioning: ["slug"], "values(slgu)") { _ = try await Post.objects.all().values("slgu").fetch() }
            },
            ConformanceCase("errors.only_unknown_field") {
                try await expectError(.fieldDoesNotExist, "only(nosuch)") { _ = try await Post.objects.all().only("nosuch").fetch() }
            },
            ConformanceCase("errors.bulk_update_unknown_field") {
                let blog = try await Blog.load()
                try await expectError(.fieldDoesNotExist, "bulkUpdate(nosuch)") { _ = try await Post.objects.bulkUpdate([try blog.post("p1")], fields: ["nosuch"]) }
            },
        ]
    }
}
