import Foundation

extension ConversationTurn {
    /// A conversation log line read as ``init(from:)`` reads it: by the hand JSON parser when the
    /// line is exactly of the form the log writes (every chat reads its recent window).
    static func read(line: some Collection<UInt8>) throws -> ConversationTurn {
        try JSONLine.decode(ConversationTurn.self, from: line, parsed: ConversationTurn.init(parsed:))
    }

    /// The turn from parsed JSON, or nil when `JSONDecoder` might read it otherwise: a member
    /// missing or of another type, or a turn id that is not a whole number below 2⁵³.
    init?(parsed: JSONValue) {
        guard case .object(let members) = parsed, case .number(let number)? = members["turn_id"],
            abs(number) < JSONValue.maxSafeInteger, let turnID = Int(exactly: number),
            case .string(let stamp)? = members["ts"], let ts = Timestamp.parse(stamp),
            case .string(let user)? = members["user"], case .string(let assistant)? = members["assistant"]
        else { return nil }
        self.init(turnID: turnID, ts: ts, user: user, assistant: assistant)
    }
}
