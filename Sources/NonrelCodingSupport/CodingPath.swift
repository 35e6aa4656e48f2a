// Machinery shared by Nonrel's Codable encoders and decoders (BSON in `NonrelBSON`, `Value` in
// the ORM core): run-time coding keys, coding paths kept unmaterialized until needed, and error
// text naming the path (`author.tags[2]: expected a string, found int32`).

/// A coding key built at run time: document keys, array indexes and `super`.
package struct CodingPathKey: CodingKey, Sendable {
    package let stringValue: String
    package let intValue: Int?
    /// Whether this key is an array position (printed `[n]` in error paths).
    package let isIndex: Bool

    package init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
        self.isIndex = false
    }

    package init(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
        self.isIndex = false
    }

    package init(index: Int) {
        self.stringValue = "Index \(index)"
        self.intValue = index
        self.isIndex = true
    }

    package static let `super` = CodingPathKey(stringValue: "super")
}

/// One step of a coding path. Kept unmaterialized so that no `[CodingKey]` array is built
/// unless someone asks for `codingPath` or an error message needs it.
package enum CodingPathComponent {
    case key(any CodingKey)
    case index(Int)

    package var codingKey: any CodingKey {
        switch self {
        case .key(let key): key
        case .index(let index): CodingPathKey(index: index)
        }
    }
}

/// A node of the encoder or decoder tree: the coding path is found by walking to the root.
package protocol CodingPathNode: AnyObject {
    var parentNode: Self? { get }
    var component: CodingPathComponent? { get }
}

extension CodingPathNode {
    package var codingPath: [any CodingKey] {
        var keys: [any CodingKey] = []
        var node: Self? = self
        while let current = node {
            if let component = current.component { keys.append(component.codingKey) }
            node = current.parentNode
        }
        keys.reverse()
        return keys
    }

    /// The coding path of this node, followed by `component` when given.
    package func codingPath(appending component: CodingPathComponent?) -> [any CodingKey] {
        var path = codingPath
        if let component { path.append(component.codingKey) }
        return path
    }

    /// `"<path>: <message>"`, or just the message at the top level.
    package func message(_ text: String, at component: CodingPathComponent? = nil) -> String {
        codingPathMessage(text, path: codingPath(appending: component))
    }
}

/// Prints a coding path as `author.tags[2].name`.
package func codingPathString(_ path: [any CodingKey]) -> String {
    var out = ""
    for key in path {
        if let key = key as? CodingPathKey, key.isIndex, let index = key.intValue {
            out += "[\(index)]"
        } else {
            if !out.isEmpty { out += "." }
            out += key.stringValue
        }
    }
    return out
}

package func codingPathMessage(_ text: String, path: [any CodingKey]) -> String {
    let printed = codingPathString(path)
    return printed.isEmpty ? text : "\(printed): \(text)"
}

/// Describes any error thrown while running someone's `encode(to:)` or `init(from:)`,
/// with the coding path where it happened.
package func describeCodingError(_ error: any Error, fallbackPath: [any CodingKey]) -> String {
    switch error {
    case let error as EncodingError:
        switch error {
        case .invalidValue(let value, let context):
            return codingPathMessage("invalid value \(value): \(context.debugDescription)", path: context.codingPath)
        @unknown default:
            return codingPathMessage("\(error)", path: fallbackPath)
        }
    case let error as DecodingError:
        switch error {
        case .typeMismatch(let type, let context):
            return codingPathMessage("type mismatch for \(type): \(context.debugDescription)", path: context.codingPath)
        case .valueNotFound(let type, let context):
            return codingPathMessage("no value for \(type): \(context.debugDescription)", path: context.codingPath)
        case .keyNotFound(let key, let context):
            return codingPathMessage("key not found", path: context.codingPath + [key])
        case .dataCorrupted(let context):
            return codingPathMessage(context.debugDescription, path: context.codingPath)
        @unknown default:
            return codingPathMessage("\(error)", path: fallbackPath)
        }
    default:
        return codingPathMessage("\(error)", path: fallbackPath)
    }
}
