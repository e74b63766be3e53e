import Foundation

/// One recorded change to a profile field.
public struct HistoryEntry: Sendable, Equatable {
    public let id: Int64
    public let field: String
    public let event: ProfileEvent.Kind
    public let value: JSONValue?
    public let oldValue: JSONValue?
    public let newValue: JSONValue?
    /// `message:<id>`, `batch`, or `import`.
    public let source: String
    public let extractor: String?
    public let createdAt: Date
}

/// Where a change came from, recorded with every history row.
public struct ChangeSource: Sendable {
    public let source: String
    public let extractor: String?
    /// The stored message behind the change, if any.
    public var messageID: Int64? = nil

    public static func message(_ id: Int64, extractor: String) -> ChangeSource {
        ChangeSource(source: "message:\(id)", extractor: extractor, messageID: id)
    }

    public static let batch = ChangeSource(source: "batch", extractor: nil)
}
