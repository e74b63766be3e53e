import Foundation
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
    typealias Keys = ChatCompletionRequest.CodingKeys
    typealias MetadataKeys = ChatMetadata.CodingKeys

    /// Reads the OpenAI shape: `user` is the user id, the last user message is the new message
    /// (the server keeps history itself), knobs come from `metadata`. A member of the wrong type
    /// is a 400; a number out of its range (or not whole where a count is expected) is a 422
    /// naming it; a message over `maxMessageBytes` is a 413.
    static func parse(_ body: ChatCompletionRequest, defaults: ChatKnobs, maxMessageBytes: Int) throws -> ParsedChatRequest {
        guard case .value(let user)? = body.user else {
            throw APIError.badRequest("'user' is required: it is the id of the user whose memory to use.")
        }
        let userID = try Identifier.validUserID(user)
        guard case .value(let messages)? = body.messages, !messages.isEmpty else {
            throw APIError.badRequest("'messages' must be a non-empty array of {role, content}.")
        }
        guard let last = messages.last(where: { $0.value?.role == .value("user") })?.value else {
            throw APIError.badRequest("'messages' has no message with role 'user'.")
        }
        let message = (last.content?.value?.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !message.isEmpty else { throw APIError.badRequest("The last user message is empty.") }
        guard message.utf8.count <= maxMessageBytes else {
            throw APIError.tooLarge("The last user message is \(message.utf8.count) bytes; the limit is \(maxMessageBytes) (MAX_MESSAGE_BYTES).")
        }

        let metadata: ChatMetadata
        switch body.metadata {
        case nil: metadata = ChatMetadata()
        case .value(let object)?: metadata = object
        case .other?: throw APIError.badRequest("'metadata' must be an object.")
        }
        let conversation =
            try string(metadata.conversationID, MetadataKeys.conversationID) ?? string(metadata.convID, MetadataKeys.convID) ?? userID
        var knobs = defaults
        try readInteger(metadata.recentTurns, MetadataKeys.recentTurns, 0...100, into: &knobs.recentTurns, path: "metadata.")
        try readInteger(metadata.candidateN, MetadataKeys.candidateN, 0...1000, into: &knobs.candidateN, path: "metadata.")
        try readInteger(metadata.retrieveK, MetadataKeys.retrieveK, 0...50, into: &knobs.retrieveK, path: "metadata.")
        try readInteger(metadata.gateKeepMax, MetadataKeys.gateKeepMax, 0...200, into: &knobs.gateKeepMax, path: "metadata.")
        try readInteger(
            metadata.memoryLengthCutoffChars, MetadataKeys.memoryLengthCutoffChars, 1...100_000, into: &knobs.memoryLengthCutoffChars,
            path: "metadata.")
        try readInteger(body.maxTokens, Keys.maxTokens, 1...65_536, into: &knobs.maxTokens, path: "")
        knobs.useGate = try bool(metadata.useGate, MetadataKeys.useGate) ?? knobs.useGate
        knobs.useRerank = try bool(metadata.useRerank, MetadataKeys.useRerank) ?? knobs.useRerank
        if let distance = try number(metadata.maxCosineDistance, MetadataKeys.maxCosineDistance) {
            guard (0...2).contains(distance) else {
                throw APIError.invalidValue("metadata.max_cosine_distance", "'max_cosine_distance' must be from 0 to 2.")
            }
            knobs.maxCosineDistance = distance
        }
        if let temperature = try number(body.temperature, Keys.temperature) {
            guard (0...2).contains(temperature) else { throw APIError.invalidValue("temperature", "'temperature' must be from 0 to 2.") }
            knobs.temperature = temperature
        }
        return ParsedChatRequest(
            userID: userID, conversationID: try Identifier.validConversationID(conversation), message: message,
            model: try string(body.model, Keys.model), knobs: knobs, stream: try bool(body.stream, Keys.stream) ?? false,
            dryRun: try bool(metadata.dryRun, MetadataKeys.dryRun) ?? false)
    }

    /// Reads a whole number in `range` without ever converting one that does not fit.
    static func readInteger(
        _ member: Sent<Double>?, _ key: some CodingKey, _ range: ClosedRange<Int>, into value: inout Int, path: String
    ) throws {
        guard let number = try number(member, key) else { return }
        guard let whole = Int(exactly: number), range.contains(whole) else {
            throw APIError.invalidValue(
                path + key.stringValue, "'\(key.stringValue)' must be a whole number from \(range.lowerBound) to \(range.upperBound).")
        }
        value = whole
    }

    /// An optional string member (an empty one counts as not given); another type is a 400.
    static func string(_ member: Sent<String>?, _ key: some CodingKey) throws -> String? {
        switch member {
        case nil: return nil
        case .value(let text)?: return text.isEmpty ? nil : text
        case .other?: throw APIError.badRequest("'\(key.stringValue)' must be a string.")
        }
    }

    static func bool(_ member: Sent<Bool>?, _ key: some CodingKey) throws -> Bool? {
        switch member {
        case nil: return nil
        case .value(let flag)?: return flag
        case .other?: throw APIError.badRequest("'\(key.stringValue)' must be true or false.")
        }
    }

    static func number(_ member: Sent<Double>?, _ key: some CodingKey) throws -> Double? {
        switch member {
        case nil: return nil
        case .value(let number)?: return number
        case .other?: throw APIError.badRequest("'\(key.stringValue)' must be a number.")
        }
    }
}
