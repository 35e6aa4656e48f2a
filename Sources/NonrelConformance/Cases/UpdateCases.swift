import Foundation
import Nonrel

/// Reads a field of every fixture post after an update, by slug.
func fieldBySlug<T: Sendable>(_ key: @escaping @Sendable (Post) -> T) async throws -> [String: T] {
    var result: [String: T] = [:]
    for post in try await Post.objects.fetch() { result.updateValue(key(post), forKey: post.slug) }
    return result
}

enum UpdateCases {
    static var cases: [ConformanceCase] { constants + expressions + fComparisons + errors }

    static var constants: [ConformanceCase] {
        [
            ConformanceCase("updates.constant_returns_matched") {
                _ = try await Blog.load()
                let n = try await Post.objects.filter("published", false).update(["views": 0])
                try expectEqual(n, 4, "matched")
                try await expectSlugs(Post.objects.filter("views", 0), ["p2", "p3", "p5", "p7", "p9"], "views 0")
            },
            ConformanceCase("updates.unchanged_values_still_count") {
                _ = try await Blog.load()
                try expectEqual(try await Post.objects.filter("views", 20).update(["views": 20]), 2, "matched although unchanged")
            },
            ConformanceCase("updates.no_match") {
                _ = try await Blog.load()
                try expectEqual(try await Post.objects.filter("views__gt", 1000).update(["views": 1]), 0, "matched")
            },
            ConformanceCase("updates.several_fields") {
                _ = try await Blog.load()
                try await Post.objects.filter("slug", "p2").update(["title": "Renamed", "rating": 1.25, "published": true])
                let p2 = try await Post.objects.get("slug", "p2")
                try expectEqual(p2.title, "Renamed", "title")
                try expectEqual(p2.rating, 1.25, "rating")
                try expectEqual(p2.published, true, "published")
                try expectEqual(p2.views, 20, "views untouched")
            },
            ConformanceCase("updates.set_nil") {
                _ = try await Blog.load()
                try await Post.objects.all().update(["rating": Value.null])
                try expectEqual(try await Post.objects.filter("rating__isnull", true).count(), 9, "all nil")
                let p1 = try await Post.objects.get("slug", "p1")
                try expectNil(p1.rating, "rating")
            },
            ConformanceCase("updates.renamed_column") {
                _ = try await Blog.load()
                try await Post.objects.filter("slug", "p3").update(["likes": 4])
                try await expectSlugs(Post.objects.filter("likes", 4), ["p3"], "likes")
            },
            ConformanceCase("updates.list_value") {
                _ = try await Blog.load()
                try await Post.objects.filter("slug", "p3").update(["tags": ["new", "tags"]])
                try expectEqual(try await Post.objects.get("slug", "p3").tags, ["new", "tags"], "tags")
                try await expectSlugs(Post.objects.filter("tags", "new"), ["p3"], "element match after update")
            },
            ConformanceCase("updates.date_value") {
                _ = try await Blog.load()
                try await Post.objects.filter("slug", "p2").update(["day": utc(2023, 2, 20, 13, 45)])
                try expectEqual(try await Post.objects.get("slug", "p2").day, utc(2023, 2, 20), "a date field stores midnight UTC")
            },
            ConformanceCase("updates.dict_key_path") {
                _ = try await Blog.load()
                try await Post.objects.filter("slug", "p1").update(["counts__c": 9])
                try expectEqual(try await Post.objects.get("slug", "p1").counts, ["a": 1, "b": 2, "c": 9], "counts")
            },
            ConformanceCase("updates.embedded_path_set") {
                _ = try await Blog.load()
                try await Post.objects.filter("slug", "p1").update(["address__zip": "69001"])
                try expectEqual(try await Post.objects.get("slug", "p1").address?.zip, "69001", "zip")
            },
            ConformanceCase("updates.filter_on_updated_field") {
                _ = try await Blog.load()
                let n = try await Post.objects.filter("views__lt", 10).update(["views": F("views") + 10])
                try expectEqual(n, 4, "matched")
                try expectEqual(try await fieldBySlug { $0.views }, ["p1": 10, "p2": 20, "p3": 10, "p4": 15, "p5": 100, "p6": 17, "p7": 20, "p8": 13, "p9": 50], "views")
            },
        ]
    }

    static var expressions: [ConformanceCase] {
        [
            ConformanceCase("updates.f_increment") {
                _ = try await Blog.load()
                try expectEqual(try await Post.objects.all().update(["views": F("views") + 1]), 9, "matched")
                try expectEqual(try await fieldBySlug { $0.views }, ["p1": 11, "p2": 21, "p3": 1, "p4": 6, "p5": 101, "p6": 8, "p7": 21, "p8": 4, "p9": 51], "views")
            },
            ConformanceCase("updates.f_on_null_stays_null") {
                _ = try await Blog.load()
                try await Post.objects.all().update(["likes": F("likes") + 1])
                try expectEqual(try await fieldBySlug { $0.likes }, ["p1": 13, "p2": 21, "p3": nil, "p4": 3, "p5": 101, "p6": 4, "p7": nil, "p8": 4, "p9": 61], "likes (null + 1 is null)")
            },
            ConformanceCase("updates.f_multiply_double_nulls") {
                _ = try await Blog.load()
                try await Post.objects.all().update(["rating": F("rating") * 2])
                try expectEqual(try await fieldBySlug { $0.rating }, ["p1": 9.0, "p2": nil, "p3": 6.0, "p4": 3.0, "p5": 10.0, "p6": nil, "p7": 5.0, "p8": nil, "p9": 0.0], "rating")
            },
            ConformanceCase("updates.f_two_fields") {
                _ = try await Blog.load()
                try await Post.objects.all().update(["likes": F("views") + F("likes")])
                try expectEqual(try await fieldBySlug { $0.likes }, ["p1": 22, "p2": 40, "p3": nil, "p4": 7, "p5": 200, "p6": 10, "p7": nil, "p8": 6, "p9": 110], "likes")
            },
            ConformanceCase("updates.f_subtract_and_constant_first") {
                _ = try await Blog.load()
                try await Post.objects.filter("slug__in", ["p1", "p5"]).update(["views": 1000 - F("views")])
                let views = try await fieldBySlug { $0.views }
                try expectEqual(views["p1"], 990, "p1")
                try expectEqual(views["p5"], 900, "p5")
            },
            ConformanceCase("updates.f_copy_field") {
                _ = try await Blog.load()
                try await Post.objects.all().update(["likes": F("views")])
                try expectEqual(try await Post.objects.filter("likes", F("views")).count(), 9, "likes = views everywhere")
            },
            ConformanceCase("updates.f_divide_whole") {
                _ = try await Blog.load()
                try await Post.objects.filter("slug", "p5").update(["views": F("views") / 4])
                try expectEqual(try await Post.objects.get("slug", "p5").views, 25, "100 / 4")
            },
            ConformanceCase("updates.f_int_into_double") {
                _ = try await Blog.load()
                try await Post.objects.filter("slug", "p4").update(["rating": F("views") * 0.5])
                try expectEqual(try await Post.objects.get("slug", "p4").rating, 2.5, "5 * 0.5")
            },
            ConformanceCase("updates.f_decimal") {
                _ = try await Blog.load()
                try await Post.objects.filter("slug", "p1").update(["price": F("price") + Decimal(string: "0.01")!])
                try expectEqual(try await Post.objects.get("slug", "p1").price, Decimal(10), "9.99 + 0.01")
            },
            ConformanceCase("updates.f_embedded_source") {
                _ = try await Blog.load()
                try await Post.objects.filter("slug", "p6").update(["body": F("address__zip")])
                try expectEqual(try await Post.objects.get("slug", "p6").body, "75002", "body copied from address.zip")
            },
        ]
    }

    // F() in filters: never match when either side is null; numbers across types.
    static var fComparisons: [ConformanceCase] {
        [
            match("updates.f_filter_gt", Q("likes__gt", F("views")), ["p1", "p9"]),
            match("updates.f_filter_exact", Q("likes", F("views")), ["p2", "p5", "p8"]),
            match("updates.f_filter_lt", Q("likes__lt", F("views")), ["p4", "p6"]),
            match("updates.f_filter_gte_expression", Q("likes__gte", F("views") + 10), ["p9"]),
            match("updates.f_filter_lte_multiplied", Q("likes__lte", F("views") * 2), ["p1", "p2", "p4", "p5", "p6", "p8", "p9"]),
            match("updates.f_filter_int_vs_double", Q("rating__lt", F("views")), ["p1", "p4", "p5", "p7", "p9"]),
            match("updates.f_filter_decimal_vs_double", Q("price__gt", F("rating")), ["p1", "p3", "p5", "p7"]),
            match("updates.f_filter_same_field", Q("likes", F("likes")), ["p1", "p2", "p4", "p5", "p6", "p8", "p9"]),
            match("updates.f_filter_embedded_strings", Q("address__zip__lt", F("address__city")), ["p1", "p4", "p6"]),
        ]
    }

    static var errors: [ConformanceCase] {
        [
            ConformanceCase("updates.max_length_validated") {
                _ = try await Blog.load()
                try await expectError(.validation, mentioning: ["max_length"], "update") {
                    _ = try await Post.objects.filter("slug", "p1").update(["slug": String(repeating: "x", count: 30)])
                }
                try await expectSlugs(Post.objects.filter("slug", "p1"), ["p1"], "unchanged")
            },
            ConformanceCase("updates.choices_validated") {
                _ = try await Blog.load()
                try await expectError(.validation, mentioning: ["bogus"], "update") {
                    _ = try await Post.objects.all().update(["status": "bogus"])
                }
                try expectEqual(try await Post.objects.filter("status", "bogus").count(), 0, "nothing written")
            },
            ConformanceCase("updates.wrong_type") {
                try await expectError(.invalidValue, mentioning: ["views"], "update") {
                    _ = try await Post.objects.all().update(["views": "ten"])
                }
            },
            ConformanceCase("updates.non_nullable_nil_refused") {
                try await expectError(.validation, mentioning: ["views"], "update") {
                    _ = try await Post.objects.all().update(["views": Value.null])
                }
            },
            ConformanceCase("updates.primary_key_refused") {
                try await expectError(.invalidValue, "update pk") {
                    _ = try await Post.objects.all().update(["pk": "0123456789abcdef01234567"])
                }
            },
            ConformanceCase("updates.unknown_field") {
                try await expectError(.fieldDoesNotExist, mentioning: ["views"], "update") {
                    _ = try await Post.objects.all().update(["veiws": 1])
                }
            },
            ConformanceCase("updates.unknown_f_field") {
                try await expectError(.fieldDoesNotExist, "F(nosuch)") {
                    _ = try await Post.objects.all().update(["views": F("nosuch") + 1])
                }
            },
            ConformanceCase("updates.f_with_text_lookup_refused") {
                try await expectError(.invalidValue, "icontains F()") {
                    _ = try await Post.objects.filter("title__icontains", F("body")).fetch()
                }
            },
            ConformanceCase("updates.dict_key_with_dot_refused") {
                try await expectError(.invalidValue, "update counts with a bad key") {
                    _ = try await Post.objects.all().update(["counts": ["a.b": 1] as Value])
                }
            },
            ConformanceCase("updates.unique_violation") {
                try await Post.objects.ensureIndexes()
                _ = try await Blog.load()
                try await expectError(.integrity, mentioning: ["slug"], "update to a duplicate slug") {
                    _ = try await Post.objects.filter("slug", "p2").update(["slug": "p1"])
                }
                try await expectSlugs(Post.objects.filter("slug", "p1"), ["p1"], "p1 only once")
                try expectEqual(try await Post.objects.filter("slug", "p2").count(), 1, "p2 unchanged")
            },
        ]
    }
}
