import NonrelConformance
import NonrelMemory
import Testing

/// The shared conformance suite on the memory backend: a fresh backend per case.
@Suite struct MemoryConformanceTests {
    @Test(arguments: ConformanceSuite.cases)
    func memory(_ conformanceCase: ConformanceCase) async throws {
        try await ConformanceSuite.run(conformanceCase, on: MemoryBackend())
    }
}
