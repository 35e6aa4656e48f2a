import Foundation
import Nonrel

struct Address: EmbeddedModel, Equatable {
    var city: String
    var zip: String?

    static let schema = Schema<Address>(embedded: ()) {
        Field("city", \.city)
        Field("zip", \.zip)
    }
}

struct Author: Model {
    var id: String?
    var username: String
    var age: Int?

    static let schema = Schema<Author>("authors") {
        Field("username", \.username, maxLength: 20, unique: true)
        Field("age", \.age)
    }
}

struct Post: Model {
    var id: String?
    var title: String
    var author: ForeignKey<Author>
    var tags: [String]
    var views: Int
    var created: Date
    var address: Address?
    var meta: [String: Int]
    var status: String

    static let schema = Schema<Post>("posts", ordering: ["-created"]) {
        Field("title", \.title, maxLength: 100)
        Field("author", \.author, relatedName: "posts")
        Field("tags", \.tags, blank: true)
        Field("views", \.views, default: { 0 })
        Field("created", \.created)
        Field("address", \.address)
        Field("meta", \.meta, column: "m", blank: true)
        Field("status", \.status, choices: ["draft", "published"])
    }
}
