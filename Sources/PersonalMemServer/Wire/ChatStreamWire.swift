import Foundation
import NIOCore
import PersonalMem

/// One `data:` event of a streamed answer, in OpenAI's chunk shape. The first chunk carries the
/// role, the middle ones the text, the last one `finish_reason`, `memory` and `usage` (`null`
/// when the model gave no counts); the other chunks leave `memory` and `usage` out.
struct ChatCompletionChunk: Codable, Equatable {
    struct Choice: Codable, Equatable {
        var index: Int
        var delta: Delta
        /// `null` until the last chunk.
        @ExplicitNull var finishReason: String?

        enum CodingKeys: String, CodingKey {
            case index, delta
            case finishReason = "finish_reason"
        }
    }

    /// What the chunk adds to the answer: `{}` in the last chunk.
    struct Delta: Codable, Equatable {
        var role: String?
        var content: String?
    }

    var id: String
    /// `chat.completion.chunk`.
    var object: String
    var created: Int
    var model: String
    var choices: [Choice]
    var memory: MemoryUsedWire?
    /// Present in the last chunk only, and `null` there when the model gave no counts.
    var usage: ExplicitNull<TokenUsage>?
}

/// The event that ends a failed stream (no `[DONE]` follows), in OpenAI's error shape.
struct ChatStreamErrorEvent: Codable, Equatable {
    struct Body: Codable, Equatable {
        var message: String
        /// `upstream_error` (the model's reply could not be read) or `upstream_unavailable`.
        var type: String
        var code: String
    }

    var error: Body
}

/// Server-sent events: `data: <JSON>\n\n`, each value encoded once, straight into its buffer.
enum ServerSentEvents {
    static func event(_ value: some Encodable) throws -> ByteBuffer {
        let json = try WireFormat.encode(value)
        var buffer = ByteBuffer()
        buffer.reserveCapacity(json.count + 8)
        buffer.writeStaticString("data: ")
        buffer.writeBytes(json)
        buffer.writeStaticString("\n\n")
        return buffer
    }

    /// The last event of a stream that succeeded.
    static let done = ByteBuffer(staticString: "data: [DONE]\n\n")
}
