import Foundation
import Nonrel

/// A sort key for the reference ordering: strings compare by UTF-8 bytes (MongoDB's simple
/// collation), nil first ascending.
struct Bytes: Comparable {
    let bytes: [UInt8]
    init(_ string: String) { bytes = Array(string.utf8) }
    static func < (a: Bytes, b: Bytes) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }
}

extension Blog {
    /// The fixture slugs ordered by `key` as the semantics say: nil first ascending, last
    /// descending; ties by primary key ascending.
    func ordered<K: Comparable>(by key: (Post) -> K?, descending: Bool = false, among slugs: Set<String>? = nil) -> [String] {
        posts.filter { slugs?.contains($0.slug) ?? true }.sorted { a, b in
            let ka = key(a), kb = key(b)
            if ka != kb {
                switch (ka, kb) {
                case (nil, _): return !descending
                case (_, nil): return descending
                case let (x?, y?): return descending ? y < x : x < y
                }
            }
            return (a.id ?? "") < (b.id ?? "")
        }.map(\.slug)
    }
}

func orderCase<K: Comparable & Sendable>(_ name: String, _ fields: [String], by key: @escaping @Sendable (Post) -> K?, descending: Bool = false) -> ConformanceCase {
    ConformanceCase("ordering.\(name)") {
        let blog = try await Blog.load()
        try await expectOrder(Post.objects.all().orderBy(fields), blog.ordered(by: key, descending: descending), "orderBy \(fields)")
    }
}

enum OrderingCases {
    static var cases: [ConformanceCase] { simple + special + api }

    static var simple: [ConformanceCase] {
        [
            orderCase("int_ascending_ties_by_pk", ["views"], by: { $0.views }),
            orderCase("int_descending_ties_by_pk", ["-views"], by: { $0.views }, descending: true),
            orderCase("nullable_int_nulls_first", ["likes"], by: { $0.likes }),
            orderCase("nullable_int_descending_nulls_last", ["-likes"], by: { $0.likes }, descending: true),
            orderCase("double", ["rating"], by: { $0.rating }),
            orderCase("double_descending", ["-rating"], by: { $0.rating }, descending: true),
            orderCase("decimal_with_negative", ["price"], by: { $0.price }),
            orderCase("datetime", ["created"], by: { $0.created }),
            orderCase("datetime_descending", ["-created"], by: { $0.created }, descending: true),
            orderCase("date_only_nulls_first", ["day"], by: { $0.day }),
            orderCase("string_by_utf8_bytes", ["title"], by: { Bytes($0.title) }),
            orderCase("string_descending", ["-title"], by: { Bytes($0.title) }, descending: true),
            orderCase("nullable_text", ["body"], by: { $0.body.map(Bytes.init) }),
            orderCase("embedded_path", ["address__city"], by: { $0.address.map { Bytes($0.city) } }),
            orderCase("embedded_path_descending", ["-address__city"], by: { $0.address.map { Bytes($0.city) } }, descending: true),
            orderCase("dict_key", ["counts__a"], by: { $0.counts["a"] }),
            orderCase("foreign_key_by_key", ["author"], by: { $0.author?.id }),
            orderCase("pk", ["pk"], by: { $0.id }),
            orderCase("pk_descending", ["-pk"], by: { $0.id }, descending: true),
            orderCase("bool_false_first", ["published"], by: { $0.published ? 1 : 0 }),
            orderCase("uuid_nulls_first", ["uuid"], by: { $0.uuid?.uuidString }),
        ]
    }

    static var special: [ConformanceCase] {
        [
            ConformanceCase("ordering.two_keys") {
                let blog = try await Blog.load()
                let expected = blog.posts.sorted { a, b in
                    if a.published != b.published { return !a.published }
                    if a.views != b.views { return a.views > b.views }
                    return a.id! < b.id!
                }.map(\.slug)
                try await expectOrder(Post.objects.orderBy("published", "-views"), expected, "published, -views")
            },
            ConformanceCase("ordering.array_ascending_by_smallest_element") {
                _ = try await Blog.load()
                try await expectOrder(Post.objects.filter("scores__len__gt", 0).orderBy("scores"), ["p9", "p1", "p4", "p7", "p3", "p5"], "scores ascending")
            },
            ConformanceCase("ordering.array_descending_by_largest_element") {
                _ = try await Blog.load()
                try await expectOrder(Post.objects.filter("scores__len__gt", 0).orderBy("-scores"), ["p5", "p1", "p3", "p7", "p4", "p9"], "scores descending")
            },
            ConformanceCase("ordering.mixed_types_ascending") {
                let blog = try await Blog.load()
                let nulls = blog.ordered(by: { $0.id }, among: ["p2", "p7", "p9"])
                // null/missing, numbers (the array [1, 2] by its smallest element 1, then 42),
                // strings, documents, booleans
                try await expectOrder(Post.objects.orderBy("extra"), nulls + ["p5", "p4", "p3", "p1", "p6", "p8"], "extra ascending")
            },
            ConformanceCase("ordering.mixed_types_descending") {
                let blog = try await Blog.load()
                let nulls = blog.ordered(by: { $0.id }, among: ["p2", "p7", "p9"])
                try await expectOrder(Post.objects.orderBy("-extra"), ["p8", "p6", "p1", "p3", "p4", "p5"] + nulls, "extra descending")
            },
            ConformanceCase("ordering.meta_ordering") {
                _ = try await Blog.load()
                let names = try await Author.objects.fetch().map(\.name)
                try expectEqual(names, ["Zoë", "bob", "emile", "Émile"], "Meta.ordering by name (UTF-8 bytes)")
            },
            ConformanceCase("ordering.meta_ordering_reversed") {
                _ = try await Blog.load()
                let names = try await Author.objects.all().reverse().fetch().map(\.name)
                try expectEqual(names, ["Émile", "emile", "bob", "Zoë"], "reverse()")
            },
            ConformanceCase("ordering.explicit_overrides_meta") {
                _ = try await Blog.load()
                let names = try await Author.objects.orderBy("-age").fetch().map(\.name)
                try expectEqual(names, ["Émile", "bob", "emile", "Zoë"], "-age, nil last")
            },
            ConformanceCase("ordering.reverse_twice") {
                let blog = try await Blog.load()
                try await expectOrder(Post.objects.orderBy("views").reverse().reverse(), blog.ordered(by: { $0.views }), "reverse twice")
            },
            ConformanceCase("ordering.reverse_explicit") {
                let blog = try await Blog.load()
                try await expectOrder(Post.objects.orderBy("title").reverse(), blog.ordered(by: { Bytes($0.title) }, descending: true), "reverse")
            },
            ConformanceCase("ordering.with_filter") {
                _ = try await Blog.load()
                try await expectOrder(Post.objects.filter("published", true).orderBy("-created"), ["p6", "p4", "p3", "p1", "p8"], "published by -created")
            },
        ]
    }

    static var api: [ConformanceCase] {
        [
            ConformanceCase("ordering.first_and_last") {
                _ = try await Blog.load()
                try expectEqual(try await Post.objects.orderBy("views").first()?.slug, "p3", "first")
                try expectEqual(try await Post.objects.orderBy("views").last()?.slug, "p5", "last")
                let last = try unwrap(try await Post.objects.orderBy("-likes").last(), "last by -likes")
                try expectNil(last.likes, "last by -likes is a null")
            },
            ConformanceCase("ordering.first_without_ordering_uses_pk") {
                let blog = try await Blog.load()
                let byKey = blog.ordered(by: { $0.id })
                try expectEqual(try await Post.objects.first()?.slug, byKey.first, "first by pk")
                try expectEqual(try await Post.objects.last()?.slug, byKey.last, "last by pk")
            },
            ConformanceCase("ordering.first_on_empty") {
                _ = try await Blog.load()
                try expectNil(try await Post.objects.filter("views__gt", 1000).first(), "first")
                try expectNil(try await Post.objects.filter("views__gt", 1000).last(), "last")
            },
            ConformanceCase("ordering.async_iteration_in_order") {
                let blog = try await Blog.load()
                var seen: [String] = []
                for try await post in Post.objects.orderBy("-views", "slug") { seen.append(post.slug) }
                try expectEqual(seen, blog.posts.sorted { ($0.views, $1.slug) > ($1.views, $0.slug) }.map(\.slug), "iteration")
            },
            ConformanceCase("ordering.random_unsupported") {
                try await expectError(.unsupported, "orderBy(\"?\")") { _ = try await Post.objects.orderBy("?").fetch() }
            },
            ConformanceCase("ordering.unknown_field") {
                try await expectError(.fieldDoesNotExist, mentioning: ["views"], "orderBy(\"veiws\")") { _ = try await Post.objects.orderBy("veiws").fetch() }
            },
        ]
    }
}
