import Foundation
import Nonrel

// The conformance suite's models: a small blog that uses every field type and option.

/// An embedded postal address (EmbeddedModelField).
struct Address: EmbeddedModel, Hashable {
    var city: String
    var zip: String?
    var country: String?

    init(city: String, zip: String? = nil, country: String? = nil) {
        self.city = city
        self.zip = zip
        self.country = country
    }

    static let schema = Schema<Address>(embedded: ()) {
        Field("city", \.city, maxLength: 40)
        Field("zip", \.zip)
        Field("country", \.country, maxLength: 2)
    }
}

/// A comment, stored in a list inside its post (ListField(EmbeddedModelField(Comment))).
struct Comment: EmbeddedModel, Hashable {
    var author: String
    var text: String
    var likes: Int

    init(_ author: String, _ text: String, likes: Int = 0) {
        self.author = author
        self.text = text
        self.likes = likes
    }

    static let schema = Schema<Comment>(embedded: ()) {
        Field("author", \.author)
        Field("text", \.text, blank: true)
        Field("likes", \.likes)
    }
}

/// An author: unique name, nullable unique email, `Meta.ordering`.
struct Author: Model, Hashable {
    var id: String?
    var name: String
    var email: String?
    var age: Int?

    init(id: String? = nil, name: String, email: String? = nil, age: Int? = nil) {
        self.id = id
        self.name = name
        self.email = email
        self.age = age
    }

    static let schema = Schema<Author>("conf_authors", ordering: ["name"]) {
        Field("name", \.name, maxLength: 50, unique: true)
        Field("email", \.email, unique: true)
        Field("age", \.age)
    }
}

/// A tag: names are unique within a group (`uniqueTogether`).
struct Tag: Model, Hashable {
    var id: String?
    var group: String
    var name: String

    init(id: String? = nil, group: String, name: String) {
        self.id = id
        self.group = group
        self.name = name
    }

    static let schema = Schema<Tag>("conf_tags", uniqueTogether: [["group", "name"]]) {
        Field("group", \.group)
        Field("name", \.name)
    }
}

/// A blog post using every field type.
struct Post: Model, Hashable {
    var id: String?
    var slug: String
    var title: String
    var body: String?
    var author: ForeignKey<Author>?
    var tags: [String]
    var created: Date
    var views: Int
    var likes: Int?
    var rating: Double?
    var published: Bool
    var address: Address?
    var comments: [Comment]
    var labels: ManyToMany<Tag>
    var counts: [String: Int]
    var extra: Value?
    var price: Decimal?
    var uuid: UUID?
    var day: Date?
    var status: String
    var scores: [Int]?
    var flags: Set<String>

    init(id: String? = nil, slug: String, title: String, body: String? = nil, author: ForeignKey<Author>? = nil,
         tags: [String] = [], created: Date, views: Int = 0, likes: Int? = nil, rating: Double? = nil,
         published: Bool = false, address: Address? = nil, comments: [Comment] = [], labels: ManyToMany<Tag> = ManyToMany(),
         counts: [String: Int] = [:], extra: Value? = nil, price: Decimal? = nil, uuid: UUID? = nil, day: Date? = nil,
         status: String = "draft", scores: [Int]? = nil, flags: Set<String> = []) {
        self.id = id
        self.slug = slug
        self.title = title
        self.body = body
        self.author = author
        self.tags = tags
        self.created = created
        self.views = views
        self.likes = likes
        self.rating = rating
        self.published = published
        self.address = address
        self.comments = comments
        self.labels = labels
        self.counts = counts
        self.extra = extra
        self.price = price
        self.uuid = uuid
        self.day = day
        self.status = status
        self.scores = scores
        self.flags = flags
    }

    static let statuses: [Value] = ["draft", "published", "archived"]

    static let schema = Schema<Post>("conf_posts", indexes: [IndexDescriptor(["author", "-created"])]) {
        Field("slug", \.slug, maxLength: 20, unique: true)
        Field("title", \.title, maxLength: 100)
        Field("body", \.body, type: .text, blank: true)
        Field("author", \.author, relatedName: "posts")
        Field("tags", \.tags, blank: true)
        Field("created", \.created)
        Field("views", \.views)
        Field("likes", \.likes, column: "like_count")
        Field("rating", \.rating)
        Field("published", \.published)
        Field("address", \.address)
        Field("comments", \.comments, blank: true)
        Field("labels", \.labels, blank: true)
        Field("counts", \.counts, blank: true)
        Field("extra", \.extra)
        Field("price", \.price)
        Field("uuid", \.uuid)
        Field("day", \.day, type: .date)
        Field("status", \.status, choices: Post.statuses)
        Field("scores", \.scores)
        Field("flags", \.flags, blank: true)
    }
}

/// A model with lifecycle hooks: `willSave` derives the slug and may refuse; `didSave` and
/// `didDelete` record what happened in ``HookLog``.
struct Note: Model, ModelLifecycle, Hashable {
    var id: String?
    var text: String
    var slug: String?
    var revision: Int
    /// The key of the log that records this note's hooks.
    var log: String

    init(id: String? = nil, text: String, slug: String? = nil, revision: Int = 0, log: String) {
        self.id = id
        self.text = text
        self.slug = slug
        self.revision = revision
        self.log = log
    }

    static let schema = Schema<Note>("conf_notes") {
        Field("text", \.text)
        Field("slug", \.slug)
        Field("revision", \.revision)
        Field("log", \.log)
    }

    mutating func willSave() async throws {
        if text == "forbidden" { throw ConformanceFailure("willSave refused the note") }
        slug = text.lowercased().replacingOccurrences(of: " ", with: "-")
        revision += 1
        HookLog.append(log, "willSave \(text)")
    }

    func didSave() async throws { HookLog.append(log, "didSave \(text) \(id != nil)") }
    func willDelete() async throws { HookLog.append(log, "willDelete \(text)") }
    func didDelete() async throws { HookLog.append(log, "didDelete \(text)") }
}

/// A model whose fields have defaults, for `only()`/`deferFields()` and defaults on save.
struct Setting: Model, Hashable {
    var id: String?
    var key: String
    var value: String?
    var level: Int?

    init(id: String? = nil, key: String, value: String? = nil, level: Int? = nil) {
        self.id = id
        self.key = key
        self.value = value
        self.level = level
    }

    static let schema = Schema<Setting>("conf_settings") {
        Field("key", \.key, unique: true)
        Field("value", \.value, blank: true)
        Field("level", \.level, default: { .int(5) })
    }
}
