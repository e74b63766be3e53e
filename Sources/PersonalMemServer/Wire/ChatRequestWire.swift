import Foundation
import PersonalMem

/// `POST /v1/chat/completions`: the OpenAI chat request. Every member is ``Sent``, so a member of
/// the wrong type reaches ``ChatRequestParser``, which answers it with the 400 it names (the
/// reading order and the words are the API's). Members nobody reads (`tools`, `n`, a
/// `frequency_penalty`) are accepted and ignored, as OpenAI clients send them.
struct ChatCompletionRequest: Codable, Equatable {
    var model: Sent<String>?
    /// Only the last message with role `user` is used: the server rebuilds the history itself.
    var messages: Sent<[Sent<ChatRequestMessage>]>?
    /// The id of the user whose memory is used.
    var user: Sent<String>?
    var stream: Sent<Bool>?
    var temperature: Sent<Double>?
    var maxTokens: Sent<Double>?
    var metadata: Sent<ChatMetadata>?

    enum CodingKeys: String, CodingKey {
        case model, messages, user, stream, temperature, metadata
        case maxTokens = "max_tokens"
    }
}

/// One message of the request. Only `role` and `content` are read; a message that is not an
/// object, or has no string role, is skipped.
struct ChatRequestMessage: Codable, Equatable {
    var role: Sent<String>?
    var content: Sent<ChatContent>?
}

/// A message's content: text, or OpenAI's list of parts, whose text parts are joined by newlines.
enum ChatContent: Codable, Equatable {
    case text(String)
    case parts([Sent<Part>])

    /// `{"type": "text", "text": …}`; other parts (images) have no text and are skipped.
    struct Part: Codable, Equatable {
        var type: Sent<String>?
        var text: Sent<String>?
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .text(text)
        } else {
            self = .parts(try container.decode([Sent<Part>].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .parts(let parts): try container.encode(parts)
        }
    }

    /// The text the pipeline reads.
    var text: String {
        switch self {
        case .text(let text): text
        case .parts(let parts): parts.compactMap { $0.value?.text?.value }.joined(separator: "\n")
        }
    }
}

/// `metadata`: the conversation and the memory knobs of one request. Counts arrive as numbers and
/// are checked to be whole and in range where they are read.
struct ChatMetadata: Codable, Equatable {
    var conversationID: Sent<String>?
    /// The original API's name for `conversation_id`.
    var convID: Sent<String>?
    var recentTurns: Sent<Double>?
    var candidateN: Sent<Double>?
    var retrieveK: Sent<Double>?
    var gateKeepMax: Sent<Double>?
    var memoryLengthCutoffChars: Sent<Double>?
    var useGate: Sent<Bool>?
    var useRerank: Sent<Bool>?
    var maxCosineDistance: Sent<Double>?
    var dryRun: Sent<Bool>?

    enum CodingKeys: String, CodingKey {
        case conversationID = "conversation_id"
        case convID = "conv_id"
        case recentTurns = "recent_turns"
        case candidateN = "candidate_n"
        case retrieveK = "retrieve_k"
        case gateKeepMax = "gate_keep_max"
        case memoryLengthCutoffChars = "memory_length_cutoff_chars"
        case useGate = "use_gate"
        case useRerank = "use_rerank"
        case maxCosineDistance = "max_cosine_distance"
        case dryRun = "dry_run"
    }
}
