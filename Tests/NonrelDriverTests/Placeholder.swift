import Testing
import NonrelDriver

@Test func driverModuleLinks() {
    #expect(ObjectId.isValid("507f1f77bcf86cd799439011"))
}
