import Synchronization

/// Key lists of encoded documents known to hold no repeated key, one per coding-key type: a
/// type's `encode(to:)` usually writes the same keys every time, so checking a list seen before
/// is one comparison per key instead of one per pair of keys. Only a list equal to the cached
/// one is trusted, so a type writing varying keys is still checked in full.
enum _ValueEncoderKeyCache {
    private static let checked = Mutex<[ObjectIdentifier: [String]]>([:])

    /// The key list last checked for `keyType` (what its next document will likely hold).
    static func keys(for keyType: ObjectIdentifier) -> [String]? {
        checked.withLock { $0[keyType] }
    }

    /// Whether two of `elements` share a key: none when the keys are `known` (from
    /// ``keys(for:)``), otherwise checked, and cached for `keyType` when distinct.
    static func hasDuplicateKeys(_ elements: [RowElement], known: [String]?, keyType: ObjectIdentifier?) -> Bool {
        if let known, known.count == elements.count, zip(known, elements).allSatisfy({ $0 == $1.key }) {
            return false
        }
        if _hasDuplicateKeys(elements) { return true }
        if let keyType, elements.count > 4 {
            let keys = elements.map(\.key)
            checked.withLock { $0[keyType] = keys }
        }
        return false
    }
}

/// Whether two elements share a key. Synthesized `Codable` never repeats one; custom
/// `encode(to:)` implementations might.
func _hasDuplicateKeys(_ elements: [RowElement]) -> Bool {
    let count = elements.count
    if count < 2 { return false }
    if count <= 16 {
        for i in 1..<count {
            let key = elements[i].key
            for j in 0..<i where elements[j].key == key { return true }
        }
        return false
    }
    var seen = Set<String>(minimumCapacity: count)
    for element in elements where !seen.insert(element.key).inserted { return true }
    return false
}
