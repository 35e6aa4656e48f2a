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

    @Test func bytesHexAndOrderAgree() throws {
        let id = try ObjectId("00112233445566778899aabb")
        #expect(id.bytes == [0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb])
        #expect(try ObjectId(bytes: id.bytes) == id)
        let document: BSONDocument = ["_id": .objectId(id)]
        #expect(try BSONDocument(bsonBytes: document.bsonBytes())["_id"] == .objectId(id))
        // Ordering is the bytes' order, whichever byte differs.
        let hexes = ["000000000000000000000001", "0000000000000000000000ff", "000000000000000100000000",
                     "00000000000000ff00000000", "010000000000000000000000", "ff0000000000000000000000"]
        let ids = try hexes.map { try ObjectId($0) }
        #expect(ids.sorted() == ids)
        #expect(ids.map(\.hex) == hexes)
        // Within one second, generated ids increase with the counter (unless it wraps).
        let a = ObjectId(), b = ObjectId()
        #expect(a.bytes[0..<9] == b.bytes[0..<9] ? a < b || b.bytes[9...] == [0, 0, 0] : true)
    }
}
