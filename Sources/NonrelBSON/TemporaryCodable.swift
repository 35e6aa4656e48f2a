// Temporary until the Codable encoder lands.
extension BSONDocument: Codable {
    public init(from decoder: any Decoder) throws { fatalError() }
    public func encode(to encoder: any Encoder) throws { fatalError() }
}
