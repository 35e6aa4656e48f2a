import Foundation
import Nonrel

// views: 10 20 0 5 100 7 20 3 50 (sum 215); likes: 12 20 nil 2 100 3 nil 3 60 (sum 200)
// rating: 4.5 nil 3 1.5 5 nil 2.5 nil 0 (sum 16.5, avg 2.75); price: 9.99 nil 10 0.5 100.25 nil 9.99 nil -1.5
enum AggregateCases {
    static var cases: [ConformanceCase] { plain + grouped + values }

    static func aggregateCase(_ name: String, _ body: @escaping @Sendable (Blog) async throws -> Void) -> ConformanceCase {
        ConformanceCase("aggregates.\(name)") { try await body(try await Blog.load()) }
    }

    static var plain: [ConformanceCase] {
        [
            aggregateCase("count_objects") { _ in
                let r = try await Post.objects.all().aggregate(Count())
                try expectEqual(r["pk__count"], .int(9), "Count()")
            },
            aggregateCase("count_field_skips_nulls") { _ in
                let r = try await Post.objects.all().aggregate(Count("likes"), Count("rating"))
                try expectNumber(r["likes__count"], 7, "Count(likes)")
                try expectNumber(r["rating__count"], 6, "Count(rating)")
            },
            aggregateCase("count_pk_is_count_objects") { _ in
                let r = try await Post.objects.filter("published", true).aggregate(Count("pk"))
                try expectNumber(r["pk__count"], 5, "Count(pk)")
            },
            aggregateCase("count_distinct") { _ in
                let r = try await Post.objects.all().aggregate(Count("views", distinct: true), Count("status", distinct: true))
                try expectNumber(r["views__count"], 8, "distinct views")
                try expectNumber(r["status__count"], 3, "distinct status")
            },
            aggregateCase("count_distinct_skips_nulls") { _ in
                let r = try await Post.objects.all().aggregate(["n": Count("rating", distinct: true)])
                try expectNumber(r["n"], 6, "distinct ratings")
            },
            aggregateCase("sum_int_is_int") { _ in
                let r = try await Post.objects.all().aggregate(Sum("views"))
                try expectEqual(r["views__sum"], .int(215), "Sum(views)")
            },
            aggregateCase("sum_skips_nulls") { _ in
                let r = try await Post.objects.all().aggregate(Sum("likes"))
                try expectNumber(r["likes__sum"], 200, "Sum(likes)")
            },
            aggregateCase("sum_double") { _ in
                let r = try await Post.objects.all().aggregate(Sum("rating"))
                try expectNumber(r["rating__sum"], 16.5, "Sum(rating)")
            },
            aggregateCase("sum_decimal") { _ in
                let r = try await Post.objects.all().aggregate(Sum("price"))
                try expectNumber(r["price__sum"], 129.23, "Sum(price)", accuracy: 1e-9)
            },
            aggregateCase("avg_is_double") { _ in
                let r = try await Post.objects.filter("views", 20).aggregate(Avg("views"))
                try expectEqual(r["views__avg"], .double(20), "Avg over ints is a double")
            },
            aggregateCase("avg_skips_nulls") { _ in
                let r = try await Post.objects.all().aggregate(Avg("rating"), Avg("views"))
                try expectNumber(r["rating__avg"], 2.75, "Avg(rating)")
                try expectNumber(r["views__avg"], 215.0 / 9, "Avg(views)")
            },
            aggregateCase("min_max_numbers") { _ in
                let r = try await Post.objects.all().aggregate(Min("rating"), Max("rating"), Min("likes"), Max("price"))
                try expectNumber(r["rating__min"], 0, "Min(rating) is 0, not nil")
                try expectNumber(r["rating__max"], 5, "Max(rating)")
                try expectNumber(r["likes__min"], 2, "Min(likes) skips nulls")
                try expectNumber(r["price__max"], 100.25, "Max(price)")
            },
            aggregateCase("min_max_dates") { _ in
                let r = try await Post.objects.all().aggregate(Min("created"), Max("created"))
                try expectEqual(r["created__min"], .date(utc(2022, 12, 31, 23, 59, 59)), "Min(created)")
                try expectEqual(r["created__max"], .date(utc(2024, 2, 29, 6, 15, 30)), "Max(created)")
            },
            aggregateCase("min_max_strings_by_utf8") { _ in
                let r = try await Post.objects.all().aggregate(Min("title"), Max("title"))
                try expectEqual(r["title__min"], .string("100% _sale_"), "Min(title)")
                try expectEqual(r["title__max"], .string("émile lowercase"), "Max(title)")
            },
            aggregateCase("empty_set") { _ in
                let r = try await Post.objects.filter("views__gt", 1000).aggregate(Sum("views"), Count(), Avg("views"), Max("views"), Min("created"))
                try expectEqual(r["views__sum"], .null, "Sum over nothing is nil")
                try expectEqual(r["pk__count"], .int(0), "Count over nothing is 0")
                try expectEqual(r["views__avg"], .null, "Avg over nothing")
                try expectEqual(r["views__max"], .null, "Max over nothing")
                try expectEqual(r["created__min"], .null, "Min over nothing")
            },
            aggregateCase("only_nulls") { _ in
                let r = try await Post.objects.filter("likes__isnull", true).aggregate(Sum("likes"), Avg("likes"), Count("likes"))
                try expectEqual(r["likes__sum"], .null, "Sum of nulls")
                try expectEqual(r["likes__avg"], .null, "Avg of nulls")
                try expectNumber(r["likes__count"], 0, "Count of nulls")
            },
            aggregateCase("with_filter_and_names") { _ in
                let r = try await Post.objects.filter("published", true).aggregate(["total": Sum("views"), "n": Count()])
                try expectNumber(r["total"], 25, "total")
                try expectNumber(r["n"], 5, "n")
            },
            aggregateCase("with_negated_filter") { _ in
                let r = try await Post.objects.exclude("rating__gt", 2).aggregate(Count(), Sum("rating"))
                try expectNumber(r["pk__count"], 5, "count")
                try expectNumber(r["rating__sum"], 1.5, "sum")
            },
            aggregateCase("embedded_path") { _ in
                let r = try await Post.objects.all().aggregate(Count("address__zip"), Max("address__city"))
                try expectNumber(r["address__zip__count"], 3, "zips")
                try expectEqual(r["address__city__max"], .string("Ünterstadt"), "max city")
            },
            ConformanceCase("aggregates.sum_of_text_refused") {
                try await expectError(.invalidValue, mentioning: ["title"], "Sum(title)") { _ = try await Post.objects.all().aggregate(Sum("title")) }
            },
            ConformanceCase("aggregates.unknown_field") {
                try await expectError(.fieldDoesNotExist, "Sum(nosuch)") { _ = try await Post.objects.all().aggregate(Sum("nosuch")) }
            },
        ]
    }

    static var grouped: [ConformanceCase] {
        [
            aggregateCase("group_by_choice") { _ in
                let rows = try await Post.objects.all().values("status").annotate(["n": Count(), "v": Sum("views")]).orderBy("status").fetch()
                try expectEqual(rows.map { $0["status"] }, [.string("archived"), .string("draft"), .string("published")], "groups")
                try expectEqual(rows.map { $0["n"]?.intValue }, [2, 3, 4], "counts")
                try expectEqual(rows.map { $0["v"]?.intValue }, [55, 140, 20], "sums")
            },
            aggregateCase("group_order_by_annotation") { _ in
                let rows = try await Post.objects.all().values("status").annotate(["v": Sum("views")]).orderBy("-v").fetch()
                try expectEqual(rows.map { $0["status"] }, [.string("draft"), .string("archived"), .string("published")], "by -v")
            },
            aggregateCase("group_nulls_together") { _ in
                let rows = try await Post.objects.all().values("rating").annotate(["n": Count()]).orderBy("rating").fetch()
                try expectEqual(rows.first?["rating"], .null, "the nil group sorts first")
                try expectEqual(rows.first?["n"]?.intValue, 3, "null and missing group together")
                try expectEqual(rows.count, 7, "groups")
            },
            aggregateCase("group_by_foreign_key") { blog in
                let rows = try await Post.objects.all().values("author").annotate(["n": Count()]).fetch()
                var counts: [Value: Int] = [:]
                for row in rows { counts[row["author"] ?? .null] = row["n"]?.intValue }
                try expectEqual(counts, [
                    .string(try blog.authorID("Émile")): 2, .string(try blog.authorID("emile")): 2,
                    .string(try blog.authorID("Zoë")): 3, .null: 2,
                ], "posts per author")
            },
            aggregateCase("group_by_bool_avg") { _ in
                let rows = try await Post.objects.all().values("published").annotate(["avg": Avg("views")]).orderBy("published").fetch()
                try expectEqual(rows.map { $0["published"] }, [.bool(false), .bool(true)], "groups")
                try expectNumber(rows[0]["avg"], 47.5, "false")
                try expectNumber(rows[1]["avg"], 5, "true")
            },
            aggregateCase("group_by_whole_array") { _ in
                let rows = try await Post.objects.all().values("tags").annotate(["n": Count()]).fetch()
                try expectEqual(rows.count, 8, "one group per distinct array")
                let empty = rows.first { $0["tags"] == .array([]) }
                try expectEqual(empty?["n"]?.intValue, 2, "two posts without tags")
                let both = rows.first { $0["tags"] == .array(["swift", "db"]) }
                try expectEqual(both?["n"]?.intValue, 1, "[swift, db]")
            },
            aggregateCase("group_by_embedded_path") { _ in
                let rows = try await Post.objects.all().values("address__city").annotate(["n": Count()]).orderBy("address__city").fetch()
                try expectEqual(rows.map { $0["address__city"] ?? .null }, [.null, "Berlin", "Köln", "Paris", "paris", "Ünterstadt"], "cities")
                try expectEqual(rows.map { $0["n"]?.intValue }, [3, 1, 1, 2, 1, 1], "counts")
            },
            aggregateCase("group_two_keys") { _ in
                let rows = try await Post.objects.all().values("status", "published").annotate(["n": Count()]).orderBy("status", "published").fetch()
                let expected: [[Value]] = [["archived", false, 1], ["archived", true, 1], ["draft", false, 3], ["published", true, 4]]
                try expectEqual(rows.map { [$0["status"] ?? .null, $0["published"] ?? .null, .int(Int64($0["n"]?.intValue ?? -1))] }, expected, "groups")
            },
            aggregateCase("group_with_filter") { _ in
                let rows = try await Post.objects.filter("views__gte", 10).values("published").annotate(["n": Count(), "min": Min("views")]).orderBy("published").fetch()
                try expectEqual(rows.map { $0["n"]?.intValue }, [4, 1], "counts")
                try expectEqual(rows.map { $0["min"]?.intValue }, [20, 10], "mins")
            },
            aggregateCase("group_default_names") { _ in
                let rows = try await Post.objects.filter("status", "draft").values("status").annotate(Count(), Max("views")).fetch()
                try expectEqual(rows.count, 1, "one group")
                try expectNumber(rows[0]["pk__count"], 3, "pk__count")
                try expectNumber(rows[0]["views__max"], 100, "views__max")
            },
            ConformanceCase("aggregates.group_order_unknown_name") {
                try await expectError(.fieldDoesNotExist, "orderBy unknown") {
                    _ = try await Post.objects.all().values("status").annotate(["n": Count()]).orderBy("nope").fetch()
                }
            },
        ]
    }

    static var values: [ConformanceCase] {
        [
            aggregateCase("values_rows") { _ in
                let rows = try await Post.objects.filter("slug__in", ["p1", "p4"]).orderBy("slug").values("slug", "views", "likes").fetch()
                try expectEqual(rows, [["slug": "p1", "views": 10, "likes": 12], ["slug": "p4", "views": 5, "likes": 2]], "rows")
            },
            aggregateCase("values_list_ordered") { _ in
                let rows = try await Post.objects.filter("views__gte", 50).orderBy("-views").valuesList("slug", "views")
                try expectEqual(rows, [["p5", 100], ["p9", 50]], "values list")
            },
            aggregateCase("values_list_flat") { blog in
                let slugs = try await Post.objects.orderBy("title").valuesList(flat: "slug")
                try expectEqual(slugs, blog.ordered(by: { Bytes($0.title) }).map { .string($0) }, "flat")
            },
            aggregateCase("values_foreign_key_as_key_string") { blog in
                let keys = try await Post.objects.filter("slug", "p5").valuesList(flat: "author")
                try expectEqual(keys, [.string(try blog.authorID("Zoë"))], "author key")
            },
            aggregateCase("values_pk") { blog in
                let keys = try await Post.objects.filter("slug", "p2").valuesList(flat: "pk")
                try expectEqual(keys, [.string(try blog.postID("p2"))], "pk")
            },
            aggregateCase("values_date_and_decimal") { _ in
                let rows = try await Post.objects.filter("slug", "p1").values("created", "day", "price").fetch()
                try expectEqual(rows.first?["created"], .date(utc(2023, 1, 15, 10, 30, 45)), "created")
                try expectEqual(rows.first?["day"], .date(utc(2023, 1, 15)), "day")
                try expectNumber(rows.first?["price"], 9.99, "price")
            },
            aggregateCase("distinct_values") { _ in
                let values = try await Post.objects.all().distinctValues("status")
                try expectEqual(Set(values), ["draft", "published", "archived"], "statuses")
                try expectEqual(values.count, 3, "no duplicates")
            },
            aggregateCase("distinct_values_of_list_elements") { _ in
                let values = try await Post.objects.all().distinctValues("tags")
                try expectEqual(Set(values), ["swift", "db", "Swift", "nosql", "regex", "SWIFT", "sale"], "each element (as MongoDB's distinct)")
            },
            aggregateCase("distinct_values_filtered") { _ in
                let values = try await Post.objects.filter("published", false).distinctValues("views")
                try expectEqual(Set(values.compactMap(\.intValue)), [20, 100, 50], "views")
            },
        ]
    }
}
