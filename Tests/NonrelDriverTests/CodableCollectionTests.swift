import Foundation
import NonrelDriver
import Testing

@Suite(requiresServer) struct CodableCollectionTests {
    struct Address: Codable, Equatable, Sendable {
        var city: String
        var zip: String?
    }

    struct Person: Codable, Equatable, Sendable {
        var _id: ObjectId
        var name: String
        var born: Date
        var tags: [String]
        var address: Address
        var score: Double?
    }

    @Test func typedCollectionsRoundTripThroughTheServer() async throws {
        try await TestServer.withDatabase { db in
            let people = db.collection("people", as: Person.self)
            let born = Date(timeIntervalSince1970: 1_000_000_000.123)
            let ada = Person(_id: ObjectId(), name: "Ada", born: born, tags: ["math"], address: Address(city: "London", zip: nil), score: 9.5)
            try await people.insertOne(ada)
            let found = try await people.findOne(["address.city": "London"])
            #expect(found?.name == "Ada")
            #expect(found?.born == BSONDateTime(born).date)
            #expect(found?.address == ada.address)

            let raw = try await people.withType(BSONDocument.self).findOne()
            #expect(raw?["address"]?.documentValue?.contains(key: "zip") == false)

            let wrong = db.collection("people", as: Address.self)
            let error = await #expect(throws: MongoError.self) { try await wrong.find().toArray() }
            #expect(error?.kind == .bson)
            #expect(error?.message.contains("city") == true)
        }
    }
}
