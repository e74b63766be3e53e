import Foundation

/// Extracts facts with a chat model (the service's OpenAI-compatible one). The prompt carries the
/// catalog and the user's current profile; the reply contract is documented in docs/extraction.md.
/// Structured output (JSON schema) is asked for first, JSON mode where that is refused.
/// A reply whose facts cannot be read is asked for again, up to `readAttempts` calls; a reply the
/// model refuses (not JSON, a number out of range) is `ExtractionError.unreadableReply` at once.
public struct LLMExtractor: FactExtractor {
    let model: any ChatModel
    let catalog: FieldCatalog
    /// Attempts when the reply cannot be read (each one a new model call).
    let readAttempts: Int

    public init(model: any ChatModel, catalog: FieldCatalog = .standard, readAttempts: Int = 2) {
        self.model = model
        self.catalog = catalog
        self.readAttempts = max(1, readAttempts)
    }

    public var name: String { "llm:\(model.modelName)" }

    public func extract(message: String, profile: Profile) async throws -> Extraction {
        var request = ChatRequest(
            messages: [.system(ExtractionPrompt.system(catalog: catalog)), .user(ExtractionPrompt.user(message: message, profile: profile))],
            temperature: 0.1, maxTokens: 1024,
            responseFormat: .jsonSchema(name: "profile_facts", schema: ExtractionPrompt.replySchema))
        var lastProblem = ExtractionError.unreadableReply("no reply")
        for _ in 0..<readAttempts {
            let reply: ChatReply
            do {
                reply = try await model.chat(request)
            } catch .formatUnsupported {
                request.responseFormat = .jsonObject
                continue
            } catch .badResponse(let reason) {
                // Cut, not JSON, or carrying a number that does not fit.
                throw ExtractionError.unreadableReply(reason)
            } catch {
                throw ExtractionError.unavailable(error.description)
            }
            do {
                let parsed = try LLMReplyParser.parse(reply.content)
                return Extraction(facts: parsed.facts, extractor: name)
            } catch {
                lastProblem = error
            }
        }
        throw lastProblem
    }
}
