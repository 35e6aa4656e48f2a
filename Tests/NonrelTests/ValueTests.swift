import Nonrel
import Testing

@Suite struct ValueTests {
    @Test func rowsKeepOrderAndReachNestedPaths() {
        var row: Row = ["b": 1, "a": ["c": [10, 20]]]
        #expect(row.keys == ["b", "a"])
        #expect(row.value(at: ["a", "c", "1"]) == 20)
        row.setValue("x", at: ["a", "d"])
        #expect(row.value(at: ["a", "d"]) == "x")
        row["b"] = nil
        #expect(row.keys == ["a"])
    }
}
