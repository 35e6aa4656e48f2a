import Foundation
@testable import Nonrel
import Testing

@Suite struct ModelCodingTests {
    static let authorKey = "507f1f77bcf86cd799439011"

    static func post(title: String = "Hello", status: String = "draft") -> SamplePost {
        SamplePost(id: nil, title: title, author: ForeignKey(id: authorKey), tags: ["a"], views: 3,
                   created: Date(timeIntervalSince1970: 1_700_000_000.1234), address: SampleAddress(city: "Paris", zip: nil),
                   meta: ["likes": 2], status: status)
    }

    @Test func rowsUseColumnsAndOmitNil() throws {
        let row = try ModelCoding.row(from: Self.post())
        #expect(row.keys == ["title", "author", "tags", "views", "created", "address", "m", "status"])
        #expect(row["_id"] == nil)
        #expect(row["address"] == .document(["city": "Paris"]))
        #expect(row["created"] == .date(Date(timeIntervalSince1970: 1_700_000_000.123)))
        let back: SamplePost = try ModelCoding.model(from: row)
        #expect(back.meta == ["likes": 2] && back.address?.city == "Paris" && back.author.id == Self.authorKey)
    }

    @Test func validationRunsBeforeWriting() {
        let long = #expect(throws: NonrelError.self) { try ModelCoding.row(from: Self.post(title: String(repeating: "x", count: 101))) }
        #expect(long?.kind == .validation)
        #expect(long?.message.contains("max_length is 100") == true)
        let blank = #expect(throws: NonrelError.self) { try ModelCoding.row(from: Self.post(title: "")) }
        #expect(blank?.message.contains("may not be blank") == true)
        let choice = #expect(throws: NonrelError.self) { try ModelCoding.row(from: Self.post(status: "archived")) }
        #expect(choice?.message.contains("not one of its choices") == true)
    }

    @Test func badKeysAreRejected() {
        var post = Self.post()
        post.author = ForeignKey(id: "nope")
        let error = #expect(throws: NonrelError.self) { try ModelCoding.row(from: post) }
        #expect(error?.kind == .invalidValue)
        var dotted = Self.post()
        dotted.meta = ["a.b": 1]
        #expect(throws: NonrelError.self) { try ModelCoding.row(from: dotted) }
        var dollar = Self.post()
        dollar.meta = ["$gt": 1]
        #expect(throws: NonrelError.self) { try ModelCoding.row(from: dollar) }
    }

    @Test func foreignKeyNeedsASavedModel() {
        let error = #expect(throws: NonrelError.self) { try ForeignKey(SampleAuthor(id: nil, username: "x")) }
        #expect(error?.message.contains("save it first") == true)
    }
}
