import Nonrel

// Nulls and missing values: nil fields are not stored; isnull / exact nil treat missing and null
// alike; comparisons never match them; negation includes them.
enum NullCases {
    static var cases: [ConformanceCase] {
        [
            match("nulls.isnull_true_missing_field", Q("likes__isnull", true), ["p3", "p7"]),
            match("nulls.isnull_false", Q("likes__isnull", false), ["p1", "p2", "p4", "p5", "p6", "p8", "p9"]),
            match("nulls.exact_nil", Q("likes", Value.null), ["p3", "p7"]),
            match("nulls.exact_nil_keyword_form", Q(["rating": nil]), ["p2", "p6", "p8"]),
            match("nulls.optional_swift_nil_operand", Q("rating", Double?.none), ["p2", "p6", "p8"]),
            match("nulls.isnull_on_embedded_model", Q("address__isnull", true), ["p3", "p7", "p9"]),
            match("nulls.isnull_inside_missing_embedded", Q("address__zip__isnull", true), ["p2", "p3", "p5", "p7", "p8", "p9"]),
            match("nulls.isnull_on_nullable_list", Q("scores__isnull", true), ["p6"]),
            match("nulls.empty_list_is_not_null", Q("tags__isnull", true), []),
            match("nulls.empty_string_is_not_null", Q("body__isnull", false), ["p1", "p3", "p4", "p5", "p7", "p8"]),
            match("nulls.isnull_on_foreign_key", Q("author__isnull", true), ["p4", "p9"]),
            match("nulls.isnull_or_value", Q("likes__isnull", true) | Q("likes", 2), ["p3", "p4", "p7"]),
            match("nulls.isnull_and_other_field", Q("rating__isnull", true) & Q("published", true), ["p6", "p8"]),
            match("nulls.ne_via_exclude_keeps_nulls", ~Q("likes", 3), ["p1", "p2", "p3", "p4", "p5", "p7", "p9"]),
            ConformanceCase("nulls.nil_fields_are_not_returned_as_values") {
                _ = try await Blog.load()
                let rows = try await Post.objects.filter("slug__in", ["p2", "p3"]).orderBy("slug").values("slug", "rating", "likes").fetch()
                try expectEqual(rows.count, 2, "rows")
                try expectEqual(rows[0]["rating"] ?? .null, .null, "p2 rating")
                try expectEqual(rows[1]["likes"] ?? .null, .null, "p3 likes")
                try expectEqual(rows[1]["rating"] ?? .null, .double(3), "p3 rating")
            },
            ConformanceCase("nulls.nil_fields_decode_as_nil") {
                _ = try await Blog.load()
                let p2 = try await Post.objects.get("slug", "p2")
                try expectNil(p2.rating, "rating")
                try expectNil(p2.body, "body")
                try expectNil(p2.extra, "extra")
                try expectNil(p2.price, "price")
                try expectNil(p2.uuid, "uuid")
                try expectNil(p2.day, "day")
                try expectEqual(p2.scores, [], "scores (empty, not nil)")
                let p6 = try await Post.objects.get("slug", "p6")
                try expectNil(p6.scores, "p6 scores")
            },
            ConformanceCase("nulls.setting_nil_then_isnull") {
                let blog = try await Blog.load()
                var p1 = try blog.post("p1")
                p1.rating = nil
                p1.address = nil
                try await p1.save()
                try await expectSlugs(Post.objects.filter("rating__isnull", true), ["p1", "p2", "p6", "p8"], "rating isnull")
                try await expectSlugs(Post.objects.filter("address__city__isnull", true), ["p1", "p3", "p7", "p9"], "address city isnull")
            },
        ]
    }
}
