import Testing
import NonrelBSON

@Suite struct ObjectIdTests {
    @Test func parsesAndPrintsHex() throws {
        let id = try ObjectId("507f1f77bcf86cd799439011")
        #expect(id.hex == "507f1f77bcf86cd799439011")
        #expect(try ObjectId("507F1F77BCF86CD799439011") == id)
    }

    @Test func rejectsBadStrings() {
        #expect(throws: BSONError.self) { try ObjectId("xyz") }
        #expect(throws: BSONError.self) { try ObjectId("507f1f77bcf86cd79943901g") }
        #expect(!ObjectId.isValid(""))
    }

    @Test func generatedIdsAreUniqueAndOrdered() {
        let ids = (0..<1000).map { _ in ObjectId() }
        #expect(Set(ids).count == 1000)
        #expect(abs(ids[0].timestamp.timeIntervalSinceNow) < 5)
    }
}
