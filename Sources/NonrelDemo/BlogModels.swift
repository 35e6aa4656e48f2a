import Foundation
import Nonrel

/// The demo's blog: authors, tags, posts with an embedded location and embedded comments.
struct Author: Model {
    var id: String?
    var username: String
    var email: String
    var joined: Date

    static let schema = Schema<Author>("authors", ordering: ["username"]) {
        Field("username", \.username, maxLength: 30, unique: true)
        Field("email", \.email, dbIndex: true)
        Field("joined", \.joined)
    }
}

struct Tag: Model {
    var id: String?
    var name: String

    static let schema = Schema<Tag>("tags") {
        Field("name", \.name, maxLength: 30, unique: true)
    }
}

struct Location: EmbeddedModel {
    var city: String
    var country: String

    static let schema = Schema<Location>(embedded: ()) {
        Field("city", \.city)
        Field("country", \.country)
    }
}

struct Comment: EmbeddedModel {
    var author: String
    var text: String
    var likes: Int

    static let schema = Schema<Comment>(embedded: ()) {
        Field("author", \.author)
        Field("text", \.text, type: .text)
        Field("likes", \.likes)
    }
}

struct Post: Model, ModelLifecycle {
    var id: String?
    var title: String
    var slug: String = ""
    var author: ForeignKey<Author>
    var tags: ManyToMany<Tag> = ManyToMany()
    var keywords: [String] = []
    var body: String
    var views: Int = 0
    var likes: Int = 0
    var created: Date
    var published: Bool = true
    var location: Location?
    var comments: [Comment] = []

    static let schema = Schema<Post>("posts", ordering: ["-created"], indexes: [IndexDescriptor(["author", "-created"])]) {
        Field("title", \.title, maxLength: 200)
        Field("slug", \.slug, maxLength: 200, unique: true)
        Field("author", \.author, relatedName: "posts")
        Field("tags", \.tags, blank: true)
        Field("keywords", \.keywords, blank: true)
        Field("body", \.body, type: .text, blank: true)
        Field("views", \.views)
        Field("likes", \.likes)
        Field("created", \.created, dbIndex: true)
        Field("published", \.published)
        Field("location", \.location)
        Field("comments", \.comments, blank: true)
    }

    /// A pre-save hook, as Django's `pre_save` signal: derive the slug from the title.
    mutating func willSave() async throws {
        if slug.isEmpty {
            slug = title.lowercased().split { !$0.isLetter && !$0.isNumber }.joined(separator: "-")
        }
    }

    func didSave() async throws {}
    func willDelete() async throws {}
    func didDelete() async throws {}
}
