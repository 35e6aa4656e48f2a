import Foundation
import Nonrel
import Testing

@Suite struct SettingsTests {
    @Test func readsDjangoShapedJSONAndTheEnvironment() throws {
        let json = Data(#"{"default": {"ENGINE": "mongodb", "NAME": "blog", "HOST": "db", "PORT": 27017}, "scratch": {"ENGINE": "memory"}}"#.utf8)
        let plain = try Databases.settings(fromJSON: json, environment: [:])
        #expect(plain["default"]?.name == "blog" && plain["default"]?.port == 27017)
        #expect(plain["scratch"]?.engine == "memory")
        let overridden = try Databases.settings(fromJSON: json, environment: ["NONREL_MONGO_URI": "mongodb://x:1/other"])
        #expect(overridden["default"]?.uri == "mongodb://x:1/other")
        #expect(overridden["scratch"]?.uri == nil)
    }

    @Test func badSettingsAreClearErrors() {
        let error = #expect(throws: NonrelError.self) { try Databases.settings(fromJSON: Data("{\"default\": {}}".utf8), environment: [:]) }
        #expect(error?.kind == .improperlyConfigured)
        let missing = #expect(throws: NonrelError.self) { try Databases.backend("no-such-alias-\(UUID())") }
        #expect(missing?.kind == .improperlyConfigured)
        #expect(missing?.message.contains("Databases.configure") == true)
    }

    @Test func routersChooseDatabasesPerModel() {
        struct ReadOnlyAuthors: DatabaseRouter {
            func databaseForRead(_ model: ModelDescriptor) -> String? { model.name == "SampleAuthor" ? "replica" : nil }
        }
        Databases.configure([:], routers: [ReadOnlyAuthors()])
        defer { Databases.configure([:]) }
        #expect(Databases.aliasForRead(SampleAuthor.descriptor) == "replica")
        #expect(Databases.aliasForWrite(SampleAuthor.descriptor) == "default")
        #expect(Databases.aliasForRead(SamplePost.descriptor) == "default")
        #expect(Databases.$defaultAlias.withValue("scratch") { Databases.aliasForRead(SamplePost.descriptor) } == "scratch")
    }
}
