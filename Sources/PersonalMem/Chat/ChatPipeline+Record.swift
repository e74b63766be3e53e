import Foundation

extension ChatPipeline {
    /// Step 7, once the answer is produced: appends the turn to its conversation log and commits its
    /// `record_turn` job, the log's fdatasync (on NIO's thread pool) and the commit side by side, then returns; the
    /// summary, embedding, index and profile extraction run in that job (``recordTurn(_:isRetry:)``).
    /// Never throws: the answer is given whatever happens here.
    public func record(_ prepared: PreparedChat, answer: String) async -> TurnIndexing {
        let conversationID = prepared.conversationID
        let userMessage = prepared.userMessage
        do {
            let (turn, flush) = try await memory.stores.withStoreOffloaded(userID: prepared.userID, pass: prepared.pass) { store in
                try store.conversation(conversationID).appendDeferringFlush(user: userMessage, assistant: answer)
            }
            // The log's fdatasync and the job's commit wait for the disk side by side; the turn counts as
            // recorded once both are done.
            async let flushed: Void = UserMemoryStores.offload { try flush.flush() }
            let job = try await jobs.enqueueTurn(
                userID: prepared.userID, conversationID: conversationID, turnID: turn.turnID, message: userMessage,
                generation: prepared.generation, cutoff: prepared.knobs.memoryLengthCutoffChars)
            try await flushed
            return .queued(jobID: job.id)
        } catch is UserDeleted {
            // The generation moved: a copy of it kept in the cache is not used again.
            profiles.cache.forgetUserGeneration(prepared.userID)
            logger.info("user deleted while answering; the turn is not stored")
            return .skipped
        } catch {
            ServiceMetrics.recordChatRecordFailure()
            logger.error("storing an answered chat turn failed; the answer was sent", metadata: ["error": "\(type(of: error))"])
            return .failed
        }
    }

    /// A model summary of the exchange; without a model (or when it fails) the exchange itself, cut.
    func summarise(user: String, assistant: String, cutoff: Int) async -> String {
        let exchange = "User: \(user)\nAssistant: \(assistant)"
        if let model {
            let request = ChatRequest(messages: [.system(prompts.summary), .user(exchange)], temperature: 0, maxTokens: 200)
            if let reply = try? await model.chat(request) {
                let text = reply.content.trimmingCharacters(in: .whitespacesAndNewlines)
                if !text.isEmpty { return String(text.prefix(cutoff)) }
            }
            logger.warning("summary failed; storing the exchange itself")
        }
        return String(exchange.prefix(cutoff))
    }
}
