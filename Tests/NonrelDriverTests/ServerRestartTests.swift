import NonrelDriver
import Testing

@Suite(.enabled(if: LocalServerProcess.executable != nil,
                "needs NONREL_TEST_SERVER_BIN (the secantusd-py that make test installs)"))
struct ServerRestartTests {
    /// A server killed mid-run gives a typed error, and the same client works again, with
    /// nothing lost, once the server is back.
    @Test func clientRecoversAfterServerIsKilledAndRestarted() async throws {
        let server = try LocalServerProcess()
        defer { server.stop() }
        try server.start()
        let client = try MongoClient(server.uri)
        let notes = client.database("restart").collection("notes")
        try await notes.insertOne(["_id": 1, "text": "before the crash"])

        server.kill()
        let error = await #expect(throws: MongoError.self) {
            try await notes.insertOne(["_id": 2, "text": "while down"])
        }
        #expect([.serverSelection, .connection].contains(error?.kind))

        try server.start()
        try await notes.insertOne(["_id": 3, "text": "after the restart"])
        let ids = try await notes.find([:], options: FindOptions(sort: ["_id": 1])).toArray().compactMap { $0["_id"]?.intValue }
        #expect(ids == [1, 3])
    }
}
