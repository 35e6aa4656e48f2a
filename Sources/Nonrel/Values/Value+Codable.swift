import Foundation

/// `Value` passes through Nonrel's own value encoder unchanged; with other coders (JSON, BSON)
/// it maps to their natural forms: dates as dates, binary as byte arrays, documents as keyed
/// containers in order.
extension Value: Codable {
    public init(from decoder: any Decoder) throws {
        // Nonrel's own decoder hands the value over as it is (no Int/Double guessing).
        if let own = decoder as? _ValueDecoder {
            self = own.value
            return
        }
        if let keyed = try? decoder.container(keyedBy: AnyKey.self) {
            var row = Row()
            for key in keyed.allKeys { row[key.stringValue] = try keyed.decode(Value.self, forKey: key) }
            self = .document(row)
            return
        }
        if var unkeyed = try? decoder.unkeyedContainer() {
            var items: [Value] = []
            while !unkeyed.isAtEnd { items.append(try unkeyed.decode(Value.self)) }
            self = .array(items)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() { self = .null }
        else if let v = try? single.decode(Bool.self) { self = .bool(v) }
        else if let v = try? single.decode(Int64.self) { self = .int(v) }
        else if let v = try? single.decode(Double.self) { self = .double(v) }
        else if let v = try? single.decode(String.self) { self = .string(v) }
        else if let v = try? single.decode(Date.self) { self = .date(v) }
        else if let v = try? single.decode(UUID.self) { self = .uuid(v) }
        else if let v = try? single.decode(Decimal.self) { self = .decimal(v) }
        else if let v = try? single.decode(Data.self) { self = .binary(Array(v)) }
        else {
            throw DecodingError.dataCorruptedError(in: single, debugDescription: "not a value Nonrel can store")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        if let own = encoder as? _ValueEncoder {
            own.set(self)
            return
        }
        switch self {
        case .document(let row):
            var keyed = encoder.container(keyedBy: AnyKey.self)
            for element in row.elements { try keyed.encode(element.value, forKey: AnyKey(element.key)) }
        case .array(let items):
            var unkeyed = encoder.unkeyedContainer()
            for item in items { try unkeyed.encode(item) }
        default:
            var single = encoder.singleValueContainer()
            switch self {
            case .null: try single.encodeNil()
            case .bool(let v): try single.encode(v)
            case .int(let v): try single.encode(v)
            case .double(let v): try single.encode(v)
            case .decimal(let v): try single.encode(v)
            case .string(let v): try single.encode(v)
            case .date(let v): try single.encode(v)
            case .uuid(let v): try single.encode(v)
            case .binary(let v): try single.encode(Data(v))
            case .array, .document: break
            }
        }
    }
}

/// A coding key for any string.
struct AnyKey: CodingKey {
    let stringValue: String
    let intValue: Int?
    init(_ string: String) { stringValue = string; intValue = nil }
    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { stringValue = String(intValue); self.intValue = intValue }
}
