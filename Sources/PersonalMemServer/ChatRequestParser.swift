import PersonalMem

/// An OpenAI chat request as the pipeline needs it.
struct ParsedChatRequest {
    var userID: String
    var conversationID: String
    var message: String
    var model: String?
    var knobs: ChatKnobs
    var stream: Bool
    var dryRun: Bool
}

enum ChatRequestParser {
    /// Reads the OpenAI shape: `user` is the user id, the last user message is the new message
    /// (the server keeps history itself), knobs come from `metadata`. A member of the wrong type
    /// is a 400; a number out of its range (or not whole where a count is expected) is a 422
    /// naming it; a message over `maxMessageBytes` is a 413.
    static func parse(_ body: [String: JSONValue], defaults: ChatKnobs, maxMessageBytes: Int) throws -> ParsedChatRequest {
        guard case .string(let user)? = body["user"] else {
            throw APIError.badRequest("'user' is required: it is the id of the user whose memory to use.")
        }
        let userID = try Identifier.validUserID(user)
        guard case .array(let messages)? = body["messages"], !messages.isEmpty else {
            throw APIError.badRequest("'messages' must be a non-empty array of {role, content}.")
        }
        guard let last = messages.last(where: { $0.objectValue?["role"]?.stringValue == "user" })?.objectValue else {
            throw APIError.badRequest("'messages' has no message with role 'user'.")
        }
        let message = text(of: last["content"]).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !message.isEmpty else { throw APIError.badRequest("The last user message is empty.") }
        guard message.utf8.count <= maxMessageBytes else {
            throw APIError.tooLarge("The last user message is \(message.utf8.count) bytes; the limit is \(maxMessageBytes) (MAX_MESSAGE_BYTES).")
        }

        let metadata: [String: JSONValue]
        switch body["metadata"] {
        case nil, .null?: metadata = [:]
        case .object(let object)?: metadata = object
        default: throw APIError.badRequest("'metadata' must be an object.")
        }
        let conversation = try metadata.optionalString("conversation_id") ?? metadata.optionalString("conv_id") ?? userID
        var knobs = defaults
        try readInteger("recent_turns", 0...100, into: &knobs.recentTurns, from: metadata, path: "metadata.")
        try readInteger("candidate_n", 0...1000, into: &knobs.candidateN, from: metadata, path: "metadata.")
        try readInteger("retrieve_k", 0...50, into: &knobs.retrieveK, from: metadata, path: "metadata.")
        try readInteger("gate_keep_max", 0...200, into: &knobs.gateKeepMax, from: metadata, path: "metadata.")
        try readInteger("memory_length_cutoff_chars", 1...100_000, into: &knobs.memoryLengthCutoffChars, from: metadata, path: "metadata.")
        try readInteger("max_tokens", 1...65_536, into: &knobs.maxTokens, from: body, path: "")
        knobs.useGate = try metadata.optionalBool("use_gate") ?? knobs.useGate
        knobs.useRerank = try metadata.optionalBool("use_rerank") ?? knobs.useRerank
        if let distance = try metadata.optionalNumber("max_cosine_distance") {
            guard (0...2).contains(distance) else {
                throw APIError.invalidValue("metadata.max_cosine_distance", "'max_cosine_distance' must be from 0 to 2.")
            }
            knobs.maxCosineDistance = distance
        }
        if let temperature = try body.optionalNumber("temperature") {
            guard (0...2).contains(temperature) else { throw APIError.invalidValue("temperature", "'temperature' must be from 0 to 2.") }
            knobs.temperature = temperature
        }
        return ParsedChatRequest(
            userID: userID, conversationID: try Identifier.validConversationID(conversation), message: message,
            model: try body.optionalString("model"), knobs: knobs, stream: try body.optionalBool("stream") ?? false,
            dryRun: try metadata.optionalBool("dry_run") ?? false)
    }

    /// Reads a whole number in `range` without ever converting one that does not fit.
    static func readInteger(
        _ key: String, _ range: ClosedRange<Int>, into value: inout Int, from object: [String: JSONValue], path: String
    ) throws {
        guard let number = try object.optionalNumber(key) else { return }
        guard let whole = Int(exactly: number), range.contains(whole) else {
            throw APIError.invalidValue(
                path + key, "'\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound).")
        }
        value = whole
    }

    /// Content as a string, or the text parts of a content array.
    static func text(of content: JSONValue?) -> String {
        switch content {
        case .string(let text)?: return text
        case .array(let parts)?:
            return parts.compactMap { $0.objectValue?["text"]?.stringValue }.joined(separator: "\n")
        default: return ""
        }
    }
}
