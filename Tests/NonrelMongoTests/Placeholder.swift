import Testing
import NonrelMongo

@Test func mongoModuleLinks() {
    #expect(!PrimaryKey.isValid("nope"))
}
