import Nonrel

// address: p1 {Paris, 75001, FR}, p2 {paris}, p3 nil, p4 {Berlin, 10115, DE}, p5 {Ünterstadt},
//          p6 {Paris, 75002}, p7 nil, p8 {Köln, country DE}, p9 nil
// comments: p1 [ann "Nice" 3, bob "meh" 0], p3 [carl "Ça va" 7], p4 [ann "Gut" 1],
//           p6 [bob "Great" 5, ann "" 0], others []
enum EmbeddedCases {
    static var cases: [ConformanceCase] { address + comments + writes }

    static var address: [ConformanceCase] {
        [
            match("embedded.field_exact", Q("address__city", "Paris"), ["p1", "p6"]),
            match("embedded.field_iexact", Q("address__city__iexact", "paris"), ["p1", "p2", "p6"]),
            match("embedded.field_istartswith_non_ascii", Q("address__city__istartswith", "ü"), ["p5"]),
            match("embedded.field_icontains_non_ascii", Q("address__city__icontains", "KÖ"), ["p8"]),
            match("embedded.field_startswith", Q("address__zip__startswith", "750"), ["p1", "p6"]),
            match("embedded.field_in", Q("address__country__in", ["DE"]), ["p4", "p8"]),
            match("embedded.field_gt", Q("address__city__gt", "P"), ["p1", "p2", "p5", "p6"]),
            match("embedded.field_isnull_missing_parent", Q("address__country__isnull", true), ["p2", "p3", "p5", "p6", "p7", "p9"]),
            match("embedded.two_fields_and", Q("address__city", "Paris") & Q("address__zip", "75002"), ["p6"]),
            match("embedded.or_across_fields", Q("address__city", "Berlin") | Q("address__country", "FR"), ["p1", "p4"]),
        ]
    }

    static var comments: [ConformanceCase] {
        [
            match("embedded.list_field_any_element", Q("comments__author", "ann"), ["p1", "p4", "p6"]),
            match("embedded.list_field_gt", Q("comments__likes__gt", 4), ["p3", "p6"]),
            match("embedded.list_field_empty_string", Q("comments__text", ""), ["p6"]),
            match("embedded.list_field_icontains_non_ascii", Q("comments__text__icontains", "ÇA"), ["p3"]),
            match("embedded.list_field_in", Q("comments__author__in", ["carl", "bob"]), ["p1", "p3", "p6"]),
            match("embedded.list_index_path", Q("comments__0__author", "bob"), ["p6"]),
            match("embedded.list_index_second", Q("comments__1__author", "bob"), ["p1"]),
            match("embedded.list_index_field_lookup", Q("comments__1__likes", 0), ["p1", "p6"]),
            match("embedded.list_conditions_match_separately", Q("comments__author", "ann") & Q("comments__likes__gt", 2), ["p1", "p6"]),
            match("embedded.list_len", Q("comments__len", 0), ["p2", "p5", "p7", "p8", "p9"]),
            match("embedded.list_not_any", ~Q("comments__author", "bob"), ["p2", "p3", "p4", "p5", "p7", "p8", "p9"]),
            match("embedded.list_field_isnull", Q("comments__author__isnull", false), ["p1", "p3", "p4", "p6"]),
        ]
    }

    static var writes: [ConformanceCase] {
        [
            ConformanceCase("embedded.round_trip") {
                let blog = try await Blog.load()
                let p1 = try await Post.objects.get("slug", "p1")
                try expectEqual(p1.address, try blog.post("p1").address, "address")
                try expectEqual(p1.comments, try blog.post("p1").comments, "comments")
                let p5 = try await Post.objects.get("slug", "p5")
                try expectEqual(p5.address, Address(city: "Ünterstadt"), "address with nil fields")
            },
            ConformanceCase("embedded.update_path") {
                _ = try await Blog.load()
                let n = try await Post.objects.filter("slug", "p1").update(["address__city": "Lyon"])
                try expectEqual(n, 1, "matched")
                let p1 = try await Post.objects.get("slug", "p1")
                try expectEqual(p1.address, Address(city: "Lyon", zip: "75001", country: "FR"), "only the city changed")
            },
            ConformanceCase("embedded.values_path") {
                _ = try await Blog.load()
                let rows = try await Post.objects.filter("slug__in", ["p1", "p3"]).orderBy("slug").values("slug", "address__city").fetch()
                try expectEqual(rows.map { $0["address__city"] ?? .null }, [.string("Paris"), .null], "cities")
            },
            ConformanceCase("embedded.save_embedded_change") {
                let blog = try await Blog.load()
                var p4 = try blog.post("p4")
                p4.comments.append(Comment("dora", "Neu", likes: 9))
                p4.address?.zip = nil
                try await p4.save()
                try await expectSlugs(Post.objects.filter("comments__author", "dora"), ["p4"], "new comment")
                try await expectSlugs(Post.objects.filter("address__zip__isnull", false), ["p1", "p6"], "zip removed")
            },
        ]
    }
}
