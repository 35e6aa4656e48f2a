import Foundation
import Nonrel
import Synchronization

/// The blog data set every query case starts from: nulls and missing values, mixed case and
/// non-ASCII text, regex metacharacters, arrays, embedded documents and dates across months,
/// weekdays, quarters and years.
struct Blog: Sendable {
    var authors: [String: Author]
    var tags: [String: Tag]
    var posts: [Post]

    static let uuid1 = UUID(uuidString: "6BA7B810-9DAD-11D1-80B4-00C04FD430C8")!
    static let uuid2 = UUID(uuidString: "123E4567-E89B-12D3-A456-426614174000")!

    /// Every post's slug.
    var slugs: Set<String> { Set(posts.map(\.slug)) }

    func post(_ slug: String) throws -> Post {
        try unwrap(posts.first { $0.slug == slug }, "fixture post \(slug)")
    }

    func author(_ name: String) throws -> Author {
        try unwrap(authors[name], "fixture author \(name)")
    }

    func authorID(_ name: String) throws -> String { try unwrap(author(name).id, "author \(name) id") }
    func tagID(_ key: String) throws -> String { try unwrap(tags[key]?.id, "tag \(key) id") }
    func postID(_ slug: String) throws -> String { try unwrap(post(slug).id, "post \(slug) id") }

    /// The slugs of the fixture posts satisfying `predicate` (the suite's reference semantics).
    func slugs(where predicate: (Post) -> Bool) -> Set<String> {
        Set(posts.filter(predicate).map(\.slug))
    }

    /// Inserts the authors, tags and posts (three bulk inserts).
    static func load() async throws -> Blog {
        let authors = try await Author.objects.bulkCreate([
            Author(name: "Émile", email: "emile@example.com", age: 40),
            Author(name: "emile", age: 25),
            Author(name: "Zoë", email: "zoe@example.com"),
            Author(name: "bob", age: 31),
        ])
        let tags = try await Tag.objects.bulkCreate([
            Tag(group: "lang", name: "swift"),
            Tag(group: "lang", name: "python"),
            Tag(group: "topic", name: "db"),
            Tag(group: "topic", name: "swift"),
        ])
        var byName: [String: Author] = [:]
        for author in authors { byName[author.name] = author }
        var byKey: [String: Tag] = [:]
        for tag in tags { byKey["\(tag.group).\(tag.name)"] = tag }
        func fk(_ name: String) throws -> ForeignKey<Author> { try ForeignKey(byName[name]!) }
        func labels(_ keys: String...) -> ManyToMany<Tag> { ManyToMany(ids: keys.map { byKey[$0]!.id! }) }

        let posts = try await Post.objects.bulkCreate([
            Post(slug: "p1", title: "Hello World", body: "First post. Welcome!", author: try fk("Émile"),
                 tags: ["swift", "db"], created: utc(2023, 1, 15, 10, 30, 45), views: 10, likes: 12, rating: 4.5,
                 published: true, address: Address(city: "Paris", zip: "75001", country: "FR"),
                 comments: [Comment("ann", "Nice", likes: 3), Comment("bob", "meh", likes: 0)],
                 labels: labels("lang.swift", "topic.db"), counts: ["a": 1, "b": 2], extra: ["k": "v", "n": 1],
                 price: Decimal(string: "9.99"), uuid: uuid1, day: utc(2023, 1, 15), status: "published",
                 scores: [1, 5, 9], flags: ["featured", "pinned"]),
            Post(slug: "p2", title: "hello world", author: try fk("emile"), tags: ["Swift"],
                 created: utc(2023, 2, 20, 8), views: 20, likes: 20, published: false, address: Address(city: "paris"),
                 status: "draft", scores: []),
            Post(slug: "p3", title: "Émile's notes", body: "Ça va?", author: try fk("Émile"), tags: [],
                 created: utc(2023, 4, 1), views: 0, rating: 3.0, published: true,
                 comments: [Comment("carl", "Ça va", likes: 7)], labels: labels("topic.swift"), counts: ["a": 5],
                 extra: "text", price: 10, uuid: uuid2, day: utc(2023, 4, 1), status: "published", scores: [7],
                 flags: ["featured"]),
            Post(slug: "p4", title: "émile lowercase", body: "", tags: ["db", "nosql"],
                 created: utc(2023, 7, 4, 23, 59, 59, ms: 123), views: 5, likes: 2, rating: 1.5, published: true,
                 address: Address(city: "Berlin", zip: "10115", country: "DE"), comments: [Comment("ann", "Gut", likes: 1)],
                 labels: labels("topic.db"), counts: ["b": 7], extra: 42, price: Decimal(string: "0.5"),
                 day: utc(2023, 7, 4), status: "archived", scores: [2, 3]),
            Post(slug: "p5", title: "a.b*c", body: "regex (metachar) [test]", author: try fk("Zoë"), tags: ["regex"],
                 created: utc(2023, 10, 31, 12), views: 100, likes: 100, rating: 5.0, published: false,
                 address: Address(city: "Ünterstadt"), labels: labels("lang.swift", "lang.python"), extra: [1, 2],
                 price: Decimal(string: "100.25"), status: "draft", scores: [10], flags: ["pinned"]),
            Post(slug: "p6", title: "abc\n", author: try fk("Zoë"), tags: ["swift", "regex", "db"],
                 created: utc(2024, 2, 29, 6, 15, 30), views: 7, likes: 3, published: true,
                 address: Address(city: "Paris", zip: "75002"),
                 comments: [Comment("bob", "Great", likes: 5), Comment("ann", "", likes: 0)], counts: ["a": 1],
                 extra: ["k": "w"], status: "published"),
            Post(slug: "p7", title: "ABC", body: "abc", author: try fk("emile"), tags: ["SWIFT"],
                 created: utc(2022, 12, 31, 23, 59, 59), views: 20, rating: 2.5, published: false,
                 price: Decimal(string: "9.99"), status: "draft", scores: [5, 5]),
            Post(slug: "p8", title: "{\"$gt\": \"\"}", body: "$where", author: try fk("Zoë"),
                 created: utc(2023, 1, 1), views: 3, likes: 3, published: true,
                 address: Address(city: "Köln", country: "DE"), extra: true, status: "published", scores: []),
            Post(slug: "p9", title: "100% _sale_", tags: ["sale"], created: utc(2023, 12, 25, 18, 45), views: 50,
                 likes: 60, rating: 0.0, published: false, price: Decimal(string: "-1.5"), status: "archived",
                 scores: [0], flags: ["archived"]),
        ])
        var tagsByKey: [String: Tag] = [:]
        for tag in tags { tagsByKey["\(tag.group).\(tag.name)"] = tag }
        return Blog(authors: byName, tags: tagsByKey, posts: posts)
    }
}

/// What lifecycle hooks did, per log key (each case uses its own key).
enum HookLog {
    private static let entries = Mutex<[String: [String]]>([:])

    static func append(_ log: String, _ entry: String) {
        entries.withLock { $0[log, default: []].append(entry) }
    }

    static func entries(_ log: String) -> [String] {
        entries.withLock { $0[log] ?? [] }
    }
}

// MARK: - Query helpers

/// The slugs a query returns, as a set (for unordered queries).
func slugSet(_ query: QuerySet<Post>) async throws -> Set<String> {
    let posts = try await query.fetch()
    let slugs = posts.map(\.slug)
    try expectEqual(Set(slugs).count, slugs.count, "a query returned the same post twice: \(slugs.sorted())")
    return Set(slugs)
}

/// The slugs a query returns, in order.
func slugList(_ query: QuerySet<Post>) async throws -> [String] {
    try await query.fetch().map(\.slug)
}

func expectSlugs(_ query: QuerySet<Post>, _ expected: Set<String>, _ message: @autoclosure () -> String = "",
                 file: String = #fileID, line: Int = #line) async throws {
    let actual = try await slugSet(query)
    guard actual == expected else {
        throw ConformanceFailure(
            "\(message()): expected \(expected.sorted()), got \(actual.sorted()) (missing \(expected.subtracting(actual).sorted()), unexpected \(actual.subtracting(expected).sorted()))",
            file: file, line: line)
    }
}

func expectOrder(_ query: QuerySet<Post>, _ expected: [String], _ message: @autoclosure () -> String = "",
                 file: String = #fileID, line: Int = #line) async throws {
    try expectEqual(try await slugList(query), expected, message(), file: file, line: line)
}

/// Checks `filter(q)`, `exclude(q)` (the exact complement, nulls included) and `count()`.
func checkMatch(_ blog: Blog, _ q: Q, _ expected: Set<String>, _ label: String,
                file: String = #fileID, line: Int = #line) async throws {
    try await expectSlugs(Post.objects.filter(q), expected, "filter \(label)", file: file, line: line)
    try await expectSlugs(Post.objects.exclude(q), blog.slugs.subtracting(expected), "exclude \(label)", file: file, line: line)
    try expectEqual(try await Post.objects.filter(q).count(), expected.count, "count \(label)", file: file, line: line)
}

/// A case that loads the blog and checks that `q` selects exactly `expected` (and its negation
/// the rest).
func match(_ name: String, _ q: Q, _ expected: Set<String>, file: String = #fileID, line: Int = #line) -> ConformanceCase {
    ConformanceCase(name) {
        let blog = try await Blog.load()
        try await checkMatch(blog, q, expected, name, file: file, line: line)
    }
}

/// A case whose expected posts are those the reference predicate accepts.
func match(_ name: String, _ q: Q, where predicate: @escaping @Sendable (Post) -> Bool,
           file: String = #fileID, line: Int = #line) -> ConformanceCase {
    ConformanceCase(name) {
        let blog = try await Blog.load()
        try await checkMatch(blog, q, blog.slugs(where: predicate), name, file: file, line: line)
    }
}

/// A case whose condition depends on the loaded data (keys).
func match(_ name: String, _ makeQ: @escaping @Sendable (Blog) throws -> Q, _ expected: Set<String>,
           file: String = #fileID, line: Int = #line) -> ConformanceCase {
    ConformanceCase(name) {
        let blog = try await Blog.load()
        try await checkMatch(blog, try makeQ(blog), expected, name, file: file, line: line)
    }
}

/// A case checking that building and running `q` is an error of `kind` (no data needed).
func queryError(_ name: String, _ q: Q, _ kind: NonrelError.Kind, mentioning: [String] = [],
                file: String = #fileID, line: Int = #line) -> ConformanceCase {
    ConformanceCase(name) {
        try await expectError(kind, mentioning: mentioning, "filter", file: file, line: line) {
            _ = try await Post.objects.filter(q).fetch()
        }
        try await expectError(kind, mentioning: mentioning, "exclude", file: file, line: line) {
            _ = try await Post.objects.exclude(q).count()
        }
    }
}
