import Foundation
import Nonrel

struct SampleAddress: EmbeddedModel, Equatable {
    var city: String
    var zip: String?

    static let schema = Schema<SampleAddress>(embedded: ()) {
        Field("city", \.city)
        Field("zip", \.zip)
    }
}

struct SampleAuthor: Model {
    var id: String?
    var username: String
    var age: Int?

    static let schema = Schema<SampleAuthor>("authors") {
        Field("username", \.username, maxLength: 20, unique: true)
        Field("age", \.age)
    }
}

struct SamplePost: Model {
    var id: String?
    var title: String
    var author: ForeignKey<SampleAuthor>
    var tags: [String]
    var views: Int
    var created: Date
    var address: SampleAddress?
    var meta: [String: Int]
    var status: String

    static let schema = Schema<SamplePost>("posts", ordering: ["-created"]) {
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
