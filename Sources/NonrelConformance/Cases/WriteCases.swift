import Foundation
import Nonrel

enum WriteCases {
    static var cases: [ConformanceCase] { saving + managers + unique + validation + storedForms }

    static var saving: [ConformanceCase] {
        [
            ConformanceCase("writes.create_assigns_key") {
                let author = try await Author.objects.create(Author(name: "ann"))
                let id = try unwrap(author.id, "id")
                try expectTrue(PrimaryKey.isValid(id) && id == id.lowercased(), "key \(id) is 24 lowercase hex characters")
                try expectEqual(try await Author.objects.get("pk", id).name, "ann", "get by key")
            },
            ConformanceCase("writes.save_inserts_then_replaces") {
                var author = Author(name: "ann", email: "ann@example.com", age: 30)
                try await author.save()
                let id = try unwrap(author.id, "id")
                author.age = 31
                author.email = nil
                try await author.save()
                try expectEqual(author.id, id, "same key")
                try expectEqual(try await Author.objects.count(), 1, "one document")
                let stored = try await Author.objects.get("pk", id)
                try expectEqual(stored, Author(id: id, name: "ann", email: nil, age: 31), "replaced whole")
                try expectEqual(try await Author.objects.filter("email__isnull", true).count(), 1, "nil email not stored")
            },
            ConformanceCase("writes.save_with_new_key_upserts") {
                var author = Author(id: "0123456789abcdef01234567", name: "ann")
                try await author.save()
                try expectEqual(try await Author.objects.get("pk", "0123456789abcdef01234567").name, "ann", "inserted under the given key")
                try expectEqual(try await Author.objects.count(), 1, "count")
            },
            ConformanceCase("writes.save_uppercase_key_normalized") {
                var author = Author(id: "0123456789ABCDEF01234567", name: "ann")
                try await author.save()
                let found = try await Author.objects.get("pk", "0123456789abcdef01234567")
                try expectEqual(found.id, "0123456789abcdef01234567", "lowercase key")
            },
            ConformanceCase("writes.save_invalid_key_refused") {
                var author = Author(id: "nope", name: "ann")
                try await expectError(.invalidValue, mentioning: ["nope"], "save") { try await author.save() }
                try expectEqual(try await Author.objects.count(), 0, "nothing written")
            },
            ConformanceCase("writes.delete_model") {
                let blog = try await Blog.load()
                try await blog.post("p3").delete()
                try expectEqual(try await Post.objects.count(), 8, "count")
                try await expectError(.doesNotExist, "deleted") { _ = try await Post.objects.get("slug", "p3") }
            },
            ConformanceCase("writes.delete_unsaved_refused") {
                try await expectError(.invalidValue, "delete unsaved") { try await Author(name: "x").delete() }
            },
            ConformanceCase("writes.queryset_delete") {
                _ = try await Blog.load()
                try expectEqual(try await Post.objects.filter("published", false).delete(), 4, "deleted")
                try await expectSlugs(Post.objects.all(), ["p1", "p3", "p4", "p6", "p8"], "left")
                try expectEqual(try await Post.objects.filter("views__gt", 1000).delete(), 0, "none")
            },
            ConformanceCase("writes.queryset_delete_negated_with_nulls") {
                _ = try await Blog.load()
                try expectEqual(try await Post.objects.exclude("likes__gt", 10).delete(), 5, "deleted")
                try await expectSlugs(Post.objects.all(), ["p1", "p2", "p5", "p9"], "left")
            },
            ConformanceCase("writes.delete_all") {
                _ = try await Blog.load()
                try expectEqual(try await Post.objects.all().delete(), 9, "deleted")
                try expectEqual(try await Post.objects.count(), 0, "empty")
                try expectEqual(try await Post.objects.exists(), false, "exists")
            },
            ConformanceCase("writes.refresh_from_database") {
                let blog = try await Blog.load()
                var p1 = try blog.post("p1")
                try await Post.objects.filter("slug", "p1").update(["views": F("views") + 5])
                try await p1.refreshFromDatabase()
                try expectEqual(p1.views, 15, "refreshed")
            },
            ConformanceCase("writes.refresh_deleted") {
                let blog = try await Blog.load()
                var p1 = try blog.post("p1")
                try await p1.delete()
                try await expectError(.doesNotExist, "refresh deleted") { try await p1.refreshFromDatabase() }
            },
        ]
    }

    static var managers: [ConformanceCase] {
        [
            ConformanceCase("writes.bulk_create_keys") {
                let authors = try await Author.objects.bulkCreate((0..<20).map { (i: Int) in Author(name: "a\(i)", age: i) })
                let ids = authors.compactMap(\.id)
                try expectEqual(ids.count, 20, "keys")
                try expectEqual(Set(ids).count, 20, "distinct keys")
                try expectEqual(try await Author.objects.count(), 20, "count")
                try expectEqual(try await Author.objects.get("pk", ids[7]).age, 7, "key order matches input order")
            },
            ConformanceCase("writes.bulk_create_empty") {
                try expectEqual(try await Author.objects.bulkCreate([]).count, 0, "nothing")
            },
            ConformanceCase("writes.bulk_create_saved_refused") {
                try await expectError(.invalidValue, "bulkCreate with a key") {
                    _ = try await Author.objects.bulkCreate([Author(id: "0123456789abcdef01234567", name: "x")])
                }
            },
            ConformanceCase("writes.bulk_create_validates_all_first") {
                try await expectError(.validation, "bulkCreate with an invalid object") {
                    _ = try await Author.objects.bulkCreate([Author(name: "ok"), Author(name: String(repeating: "x", count: 51))])
                }
                try expectEqual(try await Author.objects.count(), 0, "nothing written")
            },
            ConformanceCase("writes.bulk_update") {
                let blog = try await Blog.load()
                var p1 = try blog.post("p1"), p2 = try blog.post("p2")
                p1.views = 111
                p2.views = 222
                p1.title = "not written"
                try expectEqual(try await Post.objects.bulkUpdate([p1, p2], fields: ["views"]), 2, "matched")
                let stored = try await fieldBySlug { ($0.views, $0.title) }
                try expectEqual(stored["p1"]?.0, 111, "p1 views")
                try expectEqual(stored["p2"]?.0, 222, "p2 views")
                try expectEqual(stored["p1"]?.1, "Hello World", "title not written")
            },
            ConformanceCase("writes.bulk_update_to_nil") {
                let blog = try await Blog.load()
                var p1 = try blog.post("p1")
                p1.rating = nil
                try await Post.objects.bulkUpdate([p1], fields: ["rating"])
                try expectNil(try await Post.objects.get("slug", "p1").rating, "rating")
            },
            ConformanceCase("writes.get_or_create") {
                let (first, created) = try await Author.objects.getOrCreate(["name": "ann"]) { Author(name: "ann", age: 1) }
                try expectTrue(created, "created the first time")
                let (second, createdAgain) = try await Author.objects.getOrCreate(["name": "ann"]) { Author(name: "ann", age: 2) }
                try expectTrue(!createdAgain, "found the second time")
                try expectEqual(second.id, first.id, "same object")
                try expectEqual(second.age, 1, "not recreated")
                try expectEqual(try await Author.objects.count(), 1, "count")
            },
            ConformanceCase("writes.update_or_create") {
                let (made, created) = try await Author.objects.updateOrCreate(["name": "ann"], update: { $0.age = 5 }, create: { Author(name: "ann", age: 1) })
                try expectTrue(created, "created")
                try expectEqual(made.age, 1, "made")
                let (changed, createdAgain) = try await Author.objects.updateOrCreate(["name": "ann"], update: { $0.age = 5 }, create: { Author(name: "ann", age: 1) })
                try expectTrue(!createdAgain, "updated")
                try expectEqual(changed.id, made.id, "same object")
                try expectEqual(try await Author.objects.get("name", "ann").age, 5, "stored")
            },
            ConformanceCase("writes.get_errors") {
                _ = try await Blog.load()
                try await expectError(.doesNotExist, mentioning: ["Post"], "get none") { _ = try await Post.objects.get("slug", "nope") }
                try await expectError(.multipleObjectsReturned, mentioning: ["Post"], "get many") { _ = try await Post.objects.get("views", 20) }
                try expectEqual(try await Post.objects.get(["views": 20, "likes": 20]).slug, "p2", "get with two conditions")
            },
            ConformanceCase("writes.count_and_exists") {
                _ = try await Blog.load()
                try expectEqual(try await Post.objects.count(), 9, "count")
                try expectEqual(try await Post.objects.filter("views__gt", 1000).exists(), false, "exists none")
                try expectEqual(try await Post.objects.filter("views__gt", 50).exists(), true, "exists")
            },
            ConformanceCase("writes.using_alias") {
                _ = try await Blog.load()
                try expectEqual(try await Post.objects.using(Databases.defaultAlias).count(), 9, "using the case's alias")
                try await expectError(.improperlyConfigured, "unknown alias") { _ = try await Post.objects.using("no-such-alias").count() }
            },
            ConformanceCase("writes.only_and_defer") {
                var setting = Setting(key: "theme", value: "dark", level: 2)
                try await setting.save()
                let only = try await Setting.objects.all().only("key").get()
                try expectEqual(only.key, "theme", "loaded")
                try expectNil(only.value, "not loaded")
                try expectEqual(only.level, 5, "not loaded: default")
                let deferred = try await Setting.objects.all().deferFields("value").get()
                try expectNil(deferred.value, "deferred")
                try expectEqual(deferred.level, 2, "loaded")
                try expectEqual(deferred.id, setting.id, "key always loaded")
            },
            ConformanceCase("writes.only_refuses_required_fields") {
                _ = try await Blog.load()
                try await expectError(.invalidValue, mentioning: ["views"], "only(slug) on Post") { _ = try await Post.objects.all().only("slug", "title", "tags", "created").fetch() }
            },
            ConformanceCase("writes.default_applied_when_nil") {
                var setting = Setting(key: "x")
                try await setting.save()
                try expectEqual(try await Setting.objects.get("key", "x").level, 5, "default")
            },
        ]
    }

    static var unique: [ConformanceCase] {
        [
            ConformanceCase("writes.unique_duplicate_is_integrity") {
                try await Author.objects.ensureIndexes()
                try await Author.objects.create(Author(name: "ann"))
                try await expectError(.integrity, mentioning: ["name", "ann"], "duplicate name") {
                    try await Author.objects.create(Author(name: "ann"))
                }
                try expectEqual(try await Author.objects.count(), 1, "nothing written")
                // save() of a new object reports the same error, naming model, field and index.
                var again = Author(name: "ann")
                try await expectError(.integrity, mentioning: ["duplicate key: Author with name \"ann\" already exists (unique index name_1)"], "save") {
                    try await again.save()
                }
                try expectNil(again.id, "no key assigned by a failed save")
            },
            ConformanceCase("writes.unique_nullable_many_nils") {
                try await Author.objects.ensureIndexes()
                try await Author.objects.bulkCreate([Author(name: "a"), Author(name: "b"), Author(name: "c", email: "c@x")])
                try expectEqual(try await Author.objects.count(), 3, "several nil emails")
                try await expectError(.integrity, mentioning: ["email"], "duplicate email") {
                    try await Author.objects.create(Author(name: "d", email: "c@x"))
                }
            },
            ConformanceCase("writes.unique_is_case_sensitive") {
                try await Author.objects.ensureIndexes()
                try await Author.objects.bulkCreate([Author(name: "Ann"), Author(name: "ann"), Author(name: "ÀNN"), Author(name: "ànn")])
                try expectEqual(try await Author.objects.count(), 4, "distinct names")
            },
            ConformanceCase("writes.unique_together") {
                try await Tag.objects.ensureIndexes()
                try await Tag.objects.bulkCreate([Tag(group: "a", name: "x"), Tag(group: "b", name: "x"), Tag(group: "a", name: "y")])
                try await expectError(.integrity, mentioning: ["group"], "duplicate pair") {
                    try await Tag.objects.create(Tag(group: "a", name: "x"))
                }
                try expectEqual(try await Tag.objects.count(), 3, "count")
            },
            ConformanceCase("writes.unique_on_save_replace") {
                try await Author.objects.ensureIndexes()
                let authors = try await Author.objects.bulkCreate([Author(name: "a"), Author(name: "b")])
                var b = authors[1]
                b.name = "a"
                try await expectError(.integrity, mentioning: ["name"], "rename to a duplicate") { try await b.save() }
                try expectEqual(try await Author.objects.get("pk", b.id!).name, "b", "unchanged")
            },
            ConformanceCase("writes.unique_save_same_object_again") {
                try await Author.objects.ensureIndexes()
                var a = try await Author.objects.create(Author(name: "a"))
                a.age = 3
                try await a.save()
                try expectEqual(try await Author.objects.count(), 1, "saving itself is not a duplicate")
            },
            ConformanceCase("writes.bulk_create_stops_at_duplicate") {
                try await Author.objects.ensureIndexes()
                try await expectError(.integrity, mentioning: ["name"], "bulkCreate with a duplicate") {
                    try await Author.objects.bulkCreate([Author(name: "a"), Author(name: "b"), Author(name: "a"), Author(name: "c")])
                }
                let names = Set(try await Author.objects.fetch().map(\.name))
                try expectTrue(names.isSuperset(of: ["a", "b"]) && !names.contains("c"), "rows before the duplicate written, none after: \(names.sorted())")
            },
            ConformanceCase("writes.ensure_indexes_idempotent") {
                let first = try await Post.objects.ensureIndexes()
                try expectTrue(!first.created.isEmpty, "indexes created: \(first)")
                let second = try await Post.objects.ensureIndexes()
                try expectEqual(second.created, [], "nothing created the second time")
                try expectTrue(!second.hasDrift, "no drift: \(second)")
                try expectEqual(Set(second.existing), Set(first.created), "the same indexes exist")
            },
            ConformanceCase("writes.ensure_indexes_after_data") {
                _ = try await Blog.load()
                try await Post.objects.ensureIndexes()
                try await expectError(.integrity, mentioning: ["slug"], "duplicate after ensureIndexes") {
                    try await Post.objects.create(Post(slug: "p1", title: "dup", created: utc(2023, 1, 1)))
                }
            },
        ]
    }

    static var validation: [ConformanceCase] {
        func invalid(_ name: String, _ kind: NonrelError.Kind = .validation, mentioning: [String], _ post: Post) -> ConformanceCase {
            ConformanceCase("writes.validation.\(name)") {
                try await expectError(kind, mentioning: mentioning, "validate()") { try post.validate() }
                var copy = post
                try await expectError(kind, mentioning: mentioning, "save()") { try await copy.save() }
                try await expectError(kind, mentioning: mentioning, "bulkCreate()") { _ = try await Post.objects.bulkCreate([post]) }
                try expectEqual(try await Post.objects.count(), 0, "nothing written")
            }
        }
        let base = Post(slug: "v", title: "Valid", created: utc(2023, 1, 1))
        func with(_ change: (inout Post) -> Void) -> Post {
            var post = base
            change(&post)
            return post
        }
        let longest = with { $0.title = String(repeating: "é", count: 100); $0.slug = String(repeating: "s", count: 20) }
        let blanks = with { $0.body = ""; $0.comments = [Comment("x", "")] }
        return [
            ConformanceCase("writes.validation.valid_passes") { try base.validate() },
            invalid("max_length", mentioning: ["slug", "max_length"], with { $0.slug = String(repeating: "s", count: 21) }),
            invalid("max_length_counts_characters", mentioning: ["title"], with { $0.title = String(repeating: "é", count: 101) }),
            invalid("blank", mentioning: ["title", "blank"], with { $0.title = "" }),
            invalid("choices", mentioning: ["status", "bogus"], with { $0.status = "bogus" }),
            invalid("embedded_max_length", mentioning: ["country"], with { $0.address = Address(city: "Paris", country: "FRA") }),
            invalid("embedded_in_list_blank", mentioning: ["author"], with { $0.comments = [Comment("", "text")] }),
            invalid("dict_key_with_dot", .invalidValue, mentioning: ["a.b"], with { $0.counts = ["a.b": 1] }),
            invalid("dict_key_with_dollar", .invalidValue, mentioning: ["$set"], with { $0.counts = ["$set": 1] }),
            invalid("json_key_with_dollar", .invalidValue, mentioning: ["$gt"], with { $0.extra = ["$gt": 1] }),
            invalid("json_nested_key_with_dot", .invalidValue, mentioning: ["b.c"], with { $0.extra = ["a": ["x": ["b.c": 1]]] }),
            invalid("json_key_in_array_with_dollar", .invalidValue, mentioning: ["$where"], with { $0.extra = [["$where": "1"]] }),
            ConformanceCase("writes.validation.max_length_exact_ok") { [longest] in
                var post = longest
                try await post.save()
                try expectEqual(try await Post.objects.get("pk", post.id!).title.count, 100, "100 characters")
            },
            ConformanceCase("writes.validation.blank_allowed") { [blanks] in
                var post = blanks
                try await post.save()
                try expectEqual(try await Post.objects.get("pk", post.id!).body, "", "empty body")
            },
        ]
    }

    static var storedForms: [ConformanceCase] {
        [
            ConformanceCase("writes.round_trip_every_field") {
                let blog = try await Blog.load()
                for expected in blog.posts {
                    var stored = try await Post.objects.get("pk", try unwrap(expected.id))
                    try expectTrue(abs(stored.created.timeIntervalSince(expected.created)) < 0.001, "\(expected.slug) created \(stored.created) vs \(expected.created)")
                    stored.created = expected.created
                    try expectEqual(stored, expected, "\(expected.slug) round trip")
                }
            },
            ConformanceCase("writes.datetime_millisecond_precision") {
                var post = Post(slug: "ms", title: "ms", created: utc(2023, 3, 3, 3, 3, 3, ms: 456).addingTimeInterval(0.0004))
                try await post.save()
                let stored = try await Post.objects.get("pk", post.id!)
                try expectTrue(abs(stored.created.timeIntervalSince(utc(2023, 3, 3, 3, 3, 3, ms: 456))) < 0.0001, "truncated to milliseconds: \(stored.created.timeIntervalSince1970)")
                try await expectSlugs(Post.objects.filter("created", utc(2023, 3, 3, 3, 3, 3, ms: 456)), ["ms"], "query at millisecond precision")
            },
            ConformanceCase("writes.date_field_stored_at_midnight") {
                var post = Post(slug: "d", title: "d", created: utc(2023, 3, 3), day: utc(2024, 5, 6, 13, 14, 15))
                try await post.save()
                try expectEqual(try await Post.objects.get("pk", post.id!).day, utc(2024, 5, 6), "midnight UTC")
                try await expectSlugs(Post.objects.filter("day", utc(2024, 5, 6)), ["d"], "query")
            },
            ConformanceCase("writes.operator_lookalike_strings_stored_as_data") {
                var post = Post(slug: "inj", title: "{\"$ne\": null}", body: "$set", tags: ["$in", "a.b"], created: utc(2023, 1, 1), extra: ["text": "$gt"])
                try await post.save()
                let stored = try await Post.objects.get("pk", post.id!)
                try expectEqual(stored.title, "{\"$ne\": null}", "title")
                try expectEqual(stored.tags, ["$in", "a.b"], "tags")
                try expectEqual(stored.extra, ["text": "$gt"], "extra")
                try await expectSlugs(Post.objects.filter("tags", "$in"), ["inj"], "query by an operator-like element")
            },
            ConformanceCase("writes.document_operand_for_string_field_refused") {
                try await expectError(.invalidValue, "a document where a string is expected") {
                    _ = try await Post.objects.filter("title", ["$ne": nil] as Value).fetch()
                }
            },
            ConformanceCase("writes.json_operand_with_operator_key_refused") {
                try await expectError(.invalidValue, "a JSON operand with a $ key") {
                    _ = try await Post.objects.filter("extra", ["$gt": 0] as Value).fetch()
                }
            },
            ConformanceCase("writes.large_and_negative_numbers") {
                var post = Post(slug: "big", title: "big", created: utc(2023, 1, 1), views: Int(Int64.max - 1), likes: Int(Int64.min + 1), rating: -1e300,
                                price: Decimal(string: "-12345678901234567890.123456789"))
                try await post.save()
                let stored = try await Post.objects.get("pk", post.id!)
                try expectEqual(stored.views, Int(Int64.max - 1), "views")
                try expectEqual(stored.likes, Int(Int64.min + 1), "likes")
                try expectEqual(stored.rating, -1e300, "rating")
                try expectEqual(stored.price, Decimal(string: "-12345678901234567890.123456789"), "price")
                try await expectSlugs(Post.objects.filter("views__gt", Int(Int64.max - 2)), ["big"], "compare large int")
            },
            ConformanceCase("writes.unicode_text_round_trip") {
                let text = "Ünïcödé 🎉 日本語 \u{0301}e\u{0000}x"
                var post = Post(slug: "uni", title: "t", body: text, created: utc(2023, 1, 1))
                try await post.save()
                try expectEqual(try await Post.objects.get("pk", post.id!).body, text, "body")
                try await expectSlugs(Post.objects.filter("body__contains", "🎉"), ["uni"], "emoji contains")
            },
        ]
    }
}

