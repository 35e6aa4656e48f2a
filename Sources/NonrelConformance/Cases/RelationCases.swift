import Nonrel

// Authors: Émile (p1, p3), emile (p2, p7), Zoë (p5, p6, p8), bob (none); p4 and p9 have none.
enum RelationCases {
    static var cases: [ConformanceCase] {
        [
            match("relations.fk_exact_key", { try Q("author", $0.authorID("Émile")) }, ["p1", "p3"]),
            match("relations.fk_id_path", { try Q("author__id", $0.authorID("emile")) }, ["p2", "p7"]),
            match("relations.fk_pk_path", { try Q("author__pk", $0.authorID("Zoë")) }, ["p5", "p6", "p8"]),
            match("relations.fk_foreign_key_operand", { try Q("author", ForeignKey<Author>(id: $0.authorID("Zoë"))) }, ["p5", "p6", "p8"]),
            match("relations.fk_in", { try Q("author__in", [$0.authorID("Émile"), $0.authorID("Zoë")]) }, ["p1", "p3", "p5", "p6", "p8"]),
            match("relations.fk_without_posts", { try Q("author", $0.authorID("bob")) }, []),
            match("relations.fk_uppercase_key", { try Q("author", $0.authorID("Émile").uppercased()) }, ["p1", "p3"]),
            match("relations.fk_exclude_keeps_null", { try ~Q("author", $0.authorID("Zoë")) }, ["p1", "p2", "p3", "p4", "p7", "p9"]),
            match("relations.pk_exact", { try Q("pk", $0.postID("p1")) }, ["p1"]),
            match("relations.id_exact", { try Q("id", $0.postID("p2")) }, ["p2"]),
            match("relations.pk_in", { try Q("pk__in", [$0.postID("p1"), $0.postID("p9"), "0123456789abcdef01234567"]) }, ["p1", "p9"]),
            match("relations.pk_uppercase", { try Q("pk", $0.postID("p3").uppercased()) }, ["p3"]),
            match("relations.pk_unknown_valid_key", Q("pk", "0123456789abcdef01234567"), []),
            queryError("relations.pk_invalid_key", Q("pk", "not-a-key"), .invalidValue, mentioning: ["Post", "not-a-key"]),
            queryError("relations.pk_invalid_key_too_short", Q("pk", "0123abcd"), .invalidValue),
            queryError("relations.pk_in_invalid_key", Q("pk__in", ["0123456789abcdef01234567", "zzz"]), .invalidValue, mentioning: ["zzz"]),
            queryError("relations.fk_invalid_key", Q("author", "bob"), .invalidValue, mentioning: ["bob"]),
            queryError("relations.m2m_invalid_key", Q("labels", "xyz"), .invalidValue),
            queryError("relations.fk_unknown_related_field", Q("author__nosuch", 1), .fieldDoesNotExist),
            ConformanceCase("relations.fk_get_loads_related") {
                _ = try await Blog.load()
                let p5 = try await Post.objects.get("slug", "p5")
                let author = try await unwrap(p5.author, "p5 author").get()
                try expectEqual(author.name, "Zoë", "author")
            },
            ConformanceCase("relations.fk_key_round_trip") {
                let blog = try await Blog.load()
                let p1 = try await Post.objects.get("slug", "p1")
                try expectEqual(p1.author?.id, try blog.authorID("Émile"), "stored key")
                try expectTrue(PrimaryKey.isValid(p1.id ?? ""), "post key \(p1.id ?? "nil") is 24 lowercase hex characters")
                try expectEqual(p1.id, p1.id?.lowercased(), "lowercase key")
            },
            ConformanceCase("relations.delete_does_not_cascade") {
                let blog = try await Blog.load()
                try await blog.author("Émile").delete()
                try await expectSlugs(Post.objects.filter("author", try blog.authorID("Émile")), ["p1", "p3"], "posts kept")
                let p1 = try await Post.objects.get("slug", "p1")
                try await expectError(.doesNotExist, "dangling key") { _ = try await unwrap(p1.author).get() }
            },
            ConformanceCase("relations.fk_unsaved_model_refused") {
                try await expectError(.invalidValue, mentioning: ["save"], "ForeignKey(unsaved)") {
                    _ = try ForeignKey(Author(name: "nobody"))
                }
            },
            ConformanceCase("relations.fk_invalid_key_on_save") {
                var post = Post(slug: "bad", title: "Bad key", author: ForeignKey(id: "not-a-key"), created: utc(2023, 1, 1))
                try await expectError(.invalidValue, mentioning: ["not-a-key"], "save") { try await post.save() }
                try expectEqual(try await Post.objects.count(), 0, "nothing written")
            },
            ConformanceCase("relations.filter_by_related_keys") {
                _ = try await Blog.load()
                let authors = try await Author.objects.filter("name__iendswith", "MILE").fetch()
                let keys = authors.compactMap(\.id)
                try await expectSlugs(Post.objects.filter("author__in", keys), ["p1", "p2", "p3", "p7"], "two-step relation query")
            },
            ConformanceCase("relations.in_bulk") {
                let blog = try await Blog.load()
                let ids = try [blog.postID("p1"), blog.postID("p4"), "0123456789abcdef01234567"]
                let found = try await Post.objects.inBulk(ids)
                try expectEqual(Set(found.keys), Set(ids.prefix(2)), "keys")
                try expectEqual(found[ids[1]]?.slug, "p4", "p4")
                try expectEqual(try await Post.objects.inBulk([]).count, 0, "empty")
            },
        ]
    }
}

extension Author {
    /// The reverse accessor of `Post.author` (Django's `author.posts`).
    var posts: QuerySet<Post> { related(Post.self, via: "author") }
}

extension Tag {
    /// The reverse accessor of `Post.labels`.
    var labelled: QuerySet<Post> { related(Post.self, via: "labels") }
}

enum ReverseRelationCases {
    static var cases: [ConformanceCase] {
        [
            ConformanceCase("relations.reverse_foreign_key") {
                let blog = try await Blog.load()
                try await expectSlugs(try blog.author("Zoë").posts, ["p5", "p6", "p8"], "Zoë's posts")
                try expectEqual(try await blog.author("bob").posts.count(), 0, "bob's posts")
                try await expectOrder(try blog.author("Émile").posts.orderBy("-views"), ["p1", "p3"], "ordered reverse accessor")
            },
            ConformanceCase("relations.reverse_many_to_many") {
                let blog = try await Blog.load()
                try await expectSlugs(try unwrap(blog.tags["lang.swift"]).labelled, ["p1", "p5"], "posts labelled lang.swift")
            },
            ConformanceCase("relations.reverse_of_unsaved") {
                try await expectError(.invalidValue, "reverse accessor of an unsaved author") { _ = try await Author(name: "x").posts.fetch() }
            },
        ]
    }
}

// Typed key-path queries build the same conditions as lookup strings.
enum KeyPathQueryCases {
    static var cases: [ConformanceCase] {
        [
            match("keypaths.equal", \Post.views == 20, ["p2", "p7"]),
            match("keypaths.greater", \Post.views > 10, ["p2", "p5", "p7", "p9"]),
            match("keypaths.not_equal_includes_nulls", \Post.likes != 3, ["p1", "p2", "p3", "p4", "p5", "p7", "p9"]),
            match("keypaths.combined", \Post.published == true && \Post.views >= 5, ["p1", "p4", "p6"]),
            match("keypaths.or_not", \Post.views < 5 || !(\Post.published == false), ["p1", "p3", "p4", "p6", "p8"]),
            match("keypaths.lookup_operator", Q(\Post.title, .icontains, "WORLD"), ["p1", "p2"]),
            ConformanceCase("keypaths.filter_and_order") {
                let blog = try await Blog.load()
                try await expectOrder(Post.objects.filter(\.published, .exact, false).orderBy(\.views, descending: true),
                                      blog.ordered(by: { $0.views }, descending: true, among: ["p2", "p5", "p7", "p9"]), "typed")
            },
        ]
    }
}
