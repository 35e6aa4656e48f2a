import Nonrel

// Q trees with &, |, ~ at depth; exclude() and chained exclusions. Expected results come from
// the same predicate over the fixture, written in Swift.
enum NegationCases {
    static var cases: [ConformanceCase] {
        [
            match("negation.or", Q("views", 0) | Q("views", 100), ["p3", "p5"]),
            match("negation.or_three", Q("slug", "p1") | Q("slug", "p2") | Q("slug", "p3"), ["p1", "p2", "p3"]),
            match("negation.and", Q("published", true) & Q("views__gt", 5), ["p1", "p6"]),
            match("negation.not", ~Q("published", true), ["p2", "p5", "p7", "p9"]),
            match("negation.double_not", ~(~Q("published", true)), ["p1", "p3", "p4", "p6", "p8"]),
            match("negation.not_and", ~(Q("published", true) & Q("views__gt", 5)), ["p2", "p3", "p4", "p5", "p7", "p8", "p9"]),
            match("negation.not_or", ~(Q("views__lt", 5) | Q("views__gt", 20)), ["p1", "p2", "p4", "p6", "p7"]),
            match("negation.not_on_nullable_includes_nulls", ~Q("rating__gt", 2), ["p2", "p4", "p6", "p8", "p9"]),
            match("negation.not_isnull", ~Q("rating__isnull", true), ["p1", "p3", "p4", "p5", "p7", "p9"]),
            match("negation.not_on_array_field", ~Q("tags", "swift"), ["p2", "p3", "p4", "p5", "p7", "p8", "p9"]),
            match("negation.not_on_embedded_path", ~Q("address__city", "Paris"), ["p2", "p3", "p4", "p5", "p7", "p8", "p9"]),
            match("negation.not_text_lookup_includes_nulls", ~Q("body__icontains", "A"), ["p1", "p2", "p4", "p6", "p8", "p9"]),
            match("negation.empty_in_or", Q("views__in", [Int]()) | Q("slug", "p1"), ["p1"]),
            match("negation.not_empty_in_matches_all", ~Q("views__in", [Int]()), ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9"]),
            match("negation.empty_in_and", Q("views__in", [Int]()) & Q("slug", "p1"), []),
            match("negation.depth_four", (Q("published", true) & (Q("views__gt", 5) | ~Q("tags", "swift")))
                    | (Q("rating__isnull", true) & ~Q("likes__lt", 5)),
                  where: { p in
                      (p.published && (p.views > 5 || !p.tags.contains("swift")))
                          || (p.rating == nil && !((p.likes ?? Int.max) < 5))
                  }),
            match("negation.depth_five_mixed", ~((Q("title__icontains", "é") | Q("extra__isnull", true)) & ~(Q("views__range", [3, 20]) & ~Q("status", "draft"))),
                  where: { p in
                      let a = p.title.lowercased().contains("é") || p.extra == nil
                      let b = p.views >= 3 && p.views <= 20 && p.status != "draft"
                      return !(a && !b)
                  }),
            match("negation.not_of_or_of_nots", ~(~Q("published", true) | ~Q("likes__gte", 10)), ["p1"]),
            match("negation.de_morgan", ~Q("published", true) & ~Q("likes__gte", 10), ["p7"]),
            ConformanceCase("negation.exclude_chain") {
                _ = try await Blog.load()
                try await expectSlugs(Post.objects.exclude("published", true).exclude("views", 20), ["p5", "p9"], "exclude twice")
            },
            ConformanceCase("negation.filter_then_exclude") {
                _ = try await Blog.load()
                try await expectSlugs(Post.objects.filter("views__gte", 5).exclude("likes__gt", 10), ["p4", "p6", "p7"], "filter then exclude")
            },
            ConformanceCase("negation.exclude_several_conditions_is_not_and") {
                _ = try await Blog.load()
                try await expectSlugs(Post.objects.exclude(["published": true, "views__gt": 5]),
                                      ["p2", "p3", "p4", "p5", "p7", "p8", "p9"], "exclude(a, b) is NOT (a AND b)")
            },
            ConformanceCase("negation.exclude_nil_matches_non_null") {
                _ = try await Blog.load()
                try await expectSlugs(Post.objects.exclude("likes", Value.null), ["p1", "p2", "p4", "p5", "p6", "p8", "p9"], "exclude nil")
            },
            ConformanceCase("negation.exclude_q_or") {
                _ = try await Blog.load()
                try await expectSlugs(Post.objects.exclude(Q("status", "draft") | Q("status", "archived")), ["p1", "p3", "p6", "p8"], "exclude or")
            },
        ]
    }
}
