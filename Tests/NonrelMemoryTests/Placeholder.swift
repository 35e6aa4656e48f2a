import Testing
import NonrelMemory

@Test func memoryModuleLinks() {
    #expect(PrimaryKey.isValid("507f1f77bcf86cd799439011"))
}
