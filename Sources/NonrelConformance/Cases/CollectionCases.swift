import Nonrel

// tags: p1 [swift, db], p2 [Swift], p3 [], p4 [db, nosql], p5 [regex], p6 [swift, regex, db],
//       p7 [SWIFT], p8 [], p9 [sale]
// scores: p1 [1, 5, 9], p2 [], p3 [7], p4 [2, 3], p5 [10], p6 nil, p7 [5, 5], p8 [], p9 [0]
// flags (set): p1 {featured, pinned}, p3 {featured}, p5 {pinned}, p9 {archived}, others {}
// labels (many-to-many): p1 [lang.swift, topic.db], p3 [topic.swift], p4 [topic.db],
//                        p5 [lang.swift, lang.python], others []
// counts (dict): p1 {a: 1, b: 2}, p3 {a: 5}, p4 {b: 7}, p6 {a: 1}, others {}
enum CollectionCases {
    static var cases: [ConformanceCase] { lists + intLists + sets + manyToMany + dicts }

    static var lists: [ConformanceCase] {
        [
            match("collections.list.element_exact", Q("tags", "swift"), ["p1", "p6"]),
            match("collections.list.element_exact_case_sensitive", Q("tags", "SWIFT"), ["p7"]),
            match("collections.list.contains_single_is_membership", Q("tags__contains", "db"), ["p1", "p4", "p6"]),
            match("collections.list.contains_list_is_all", Q("tags__contains", ["swift", "db"]), ["p1", "p6"]),
            match("collections.list.contains_list_none", Q("tags__contains", ["swift", "nosql"]), []),
            match("collections.list.overlap", Q("tags__overlap", ["nosql", "regex"]), ["p4", "p5", "p6"]),
            match("collections.list.overlap_empty", Q("tags__overlap", [String]()), []),
            match("collections.list.in", Q("tags__in", ["sale", "nosql"]), ["p4", "p9"]),
            match("collections.list.exact_whole_list", Q("tags", ["swift", "db"]), ["p1"]),
            match("collections.list.exact_whole_list_order_matters", Q("tags", ["db", "swift"]), []),
            match("collections.list.exact_empty_list", Q("tags", [String]()), ["p3", "p8"]),
            match("collections.list.iexact_element", Q("tags__iexact", "swift"), ["p1", "p2", "p6", "p7"]),
            match("collections.list.icontains_element", Q("tags__icontains", "SW"), ["p1", "p2", "p6", "p7"]),
            match("collections.list.istartswith_element", Q("tags__istartswith", "s"), ["p1", "p2", "p6", "p7", "p9"]),
            match("collections.list.endswith_element", Q("tags__endswith", "ex"), ["p5", "p6"]),
            match("collections.list.regex_element", Q("tags__regex", "^s"), ["p1", "p6", "p9"]),
            match("collections.list.gt_element", Q("tags__gt", "s"), ["p1", "p6", "p9"]),
            match("collections.list.len", Q("tags__len", 2), ["p1", "p4"]),
            match("collections.list.len_zero", Q("tags__len", 0), ["p3", "p8"]),
            match("collections.list.len_gt", Q("tags__len__gt", 1), ["p1", "p4", "p6"]),
            match("collections.list.index_path", Q("tags__0", "swift"), ["p1", "p6"]),
            match("collections.list.index_path_second", Q("tags__1", "db"), ["p1"]),
            match("collections.list.index_path_lookup", Q("tags__2__startswith", "d"), ["p6"]),
            match("collections.list.index_path_out_of_range_isnull", Q("tags__1__isnull", true), ["p2", "p3", "p5", "p7", "p8", "p9"]),
        ]
    }

    static var intLists: [ConformanceCase] {
        [
            match("collections.int_list.element_exact", Q("scores", 5), ["p1", "p7"]),
            match("collections.int_list.gt_any_element", Q("scores__gt", 8), ["p1", "p5"]),
            match("collections.int_list.lt_any_element", Q("scores__lt", 1), ["p9"]),
            match("collections.int_list.range_needs_one_element_in_range", Q("scores__range", [6, 8]), ["p3"]),
            match("collections.int_list.separate_conditions_any_elements", Q("scores__gt", 3) & Q("scores__lt", 5), ["p1"]),
            match("collections.int_list.in", Q("scores__in", [7, 0]), ["p3", "p9"]),
            match("collections.int_list.exact_whole", Q("scores", [5, 5]), ["p7"]),
            match("collections.int_list.contains_all", Q("scores__contains", [5]), ["p1", "p7"]),
            match("collections.int_list.contains_all_several", Q("scores__contains", [1, 9]), ["p1"]),
            match("collections.int_list.overlap", Q("scores__overlap", [9, 10]), ["p1", "p5"]),
            match("collections.int_list.len_on_nullable_list", Q("scores__len", 0), ["p2", "p8"]),
            match("collections.int_list.len_lt_skips_missing", Q("scores__len__lt", 2), ["p2", "p3", "p5", "p8", "p9"]),
            match("collections.int_list.double_operand", Q("scores", 7.0), ["p3"]),
        ]
    }

    static var sets: [ConformanceCase] {
        [
            match("collections.set.element", Q("flags", "featured"), ["p1", "p3"]),
            match("collections.set.contains_all", Q("flags__contains", ["featured", "pinned"]), ["p1"]),
            match("collections.set.overlap", Q("flags__overlap", ["pinned", "archived"]), ["p1", "p5", "p9"]),
            match("collections.set.len_zero", Q("flags__len", 0), ["p2", "p4", "p6", "p7", "p8"]),
            match("collections.set.in", Q("flags__in", ["archived"]), ["p9"]),
            ConformanceCase("collections.set.round_trip") {
                _ = try await Blog.load()
                let p1 = try await Post.objects.get("slug", "p1")
                try expectEqual(p1.flags, ["featured", "pinned"], "flags")
            },
        ]
    }

    static var manyToMany: [ConformanceCase] {
        [
            match("collections.m2m.element", { try Q("labels", $0.tagID("topic.db")) }, ["p1", "p4"]),
            match("collections.m2m.element_id_path", { try Q("labels__id", $0.tagID("topic.db")) }, ["p1", "p4"]),
            match("collections.m2m.in", { try Q("labels__in", [$0.tagID("lang.python"), $0.tagID("topic.swift")]) }, ["p3", "p5"]),
            match("collections.m2m.contains_all", { try Q("labels__contains", [$0.tagID("lang.swift"), $0.tagID("topic.db")]) }, ["p1"]),
            match("collections.m2m.overlap", { try Q("labels__overlap", [$0.tagID("lang.python"), $0.tagID("topic.db")]) }, ["p1", "p4", "p5"]),
            match("collections.m2m.len", Q("labels__len", 2), ["p1", "p5"]),
            match("collections.m2m.uppercase_key_operand", { try Q("labels", $0.tagID("topic.swift").uppercased()) }, ["p3"]),
            ConformanceCase("collections.m2m.all_loads_related") {
                let blog = try await Blog.load()
                let p5 = try await Post.objects.get("slug", "p5")
                let names = try await p5.labels.all().map { "\($0.group).\($0.name)" }
                try expectEqual(Set(names), ["lang.swift", "lang.python"], "labels")
                try expectEqual(p5.labels.ids, try [blog.tagID("lang.swift"), blog.tagID("lang.python")], "ids keep their order")
            },
            ConformanceCase("collections.m2m.add_and_save") {
                let blog = try await Blog.load()
                var p2 = try blog.post("p2")
                try p2.labels.add(try unwrap(blog.tags["topic.db"]))
                p2.labels.add(try blog.tagID("topic.db"))
                try await p2.save()
                try await expectSlugs(Post.objects.filter("labels", try blog.tagID("topic.db")), ["p1", "p2", "p4"], "after add")
                let reloaded = try await Post.objects.get("slug", "p2")
                try expectEqual(reloaded.labels.ids.count, 1, "no duplicates")
            },
        ]
    }

    static var dicts: [ConformanceCase] {
        [
            match("collections.dict.key", Q("counts__a", 1), ["p1", "p6"]),
            match("collections.dict.key_gt", Q("counts__a__gt", 1), ["p3"]),
            match("collections.dict.key_isnull", Q("counts__b__isnull", true), ["p2", "p3", "p5", "p6", "p7", "p8", "p9"]),
            match("collections.dict.key_in", Q("counts__b__in", [2, 7]), ["p1", "p4"]),
            match("collections.dict.key_range", Q("counts__b__range", [3, 10]), ["p4"]),
            match("collections.dict.missing_key", Q("counts__zzz__isnull", false), []),
            ConformanceCase("collections.dict.round_trip") {
                _ = try await Blog.load()
                let p1 = try await Post.objects.get("slug", "p1")
                try expectEqual(p1.counts, ["a": 1, "b": 2], "counts")
                let p2 = try await Post.objects.get("slug", "p2")
                try expectEqual(p2.counts, [:], "empty counts")
            },
            ConformanceCase("collections.dict.unicode_keys") {
                _ = try await Blog.load()
                var post = Post(slug: "u1", title: "Unicode keys", created: utc(2023, 5, 5), counts: ["é": 1, "ключ": 2, "a b": 3])
                try await post.save()
                try await expectSlugs(Post.objects.filter("counts__ключ", 2), ["u1"], "cyrillic key")
                try await expectSlugs(Post.objects.filter("counts__a b", 3), ["u1"], "key with a space")
                post = try await Post.objects.get("slug", "u1")
                try expectEqual(post.counts, ["é": 1, "ключ": 2, "a b": 3], "round trip")
            },
        ]
    }
}
