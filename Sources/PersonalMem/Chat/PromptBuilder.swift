import Foundation

/// Step 6: the prompt, in this order: system prompt with the user's profile; summary-only
/// memories; replayed past turns as user/assistant pairs; the recent window; the new message.
struct PromptBuilder {
    let prompts: ChatPrompts
    let cutoff: Int
    let now: Date

    func build(profileContext: String, summaries: [ScoredMemory], replayed: [ScoredMemory], recent: [ConversationTurn], message: String) -> [ChatMessage] {
        var system = prompts.system
        if !profileContext.isEmpty { system += "\n\n" + profileContext }
        var messages: [ChatMessage] = [.system(system)]
        if !summaries.isEmpty {
            let template = SummaryTemplate(template: prompts.summaryTemplate, cutoff: cutoff)
            let lines = summaries.map { template.render(text: $0.record.summary, speaker: $0.record.speaker ?? "user", date: $0.record.ts, now: now) }
            messages.append(.system(([prompts.summaryHeader] + lines).joined(separator: "\n")))
        }
        if !replayed.isEmpty {
            messages.append(.system(prompts.replayHeader))
            for memory in replayed {
                messages.append(.user(cut(memory.record.rawUser)))
                messages.append(.assistant(cut(memory.record.rawAssistant)))
            }
        }
        for turn in recent {
            messages.append(.user(turn.user))
            messages.append(.assistant(turn.assistant))
        }
        messages.append(.user(message))
        return messages
    }

    func cut(_ text: String) -> String {
        text.count <= cutoff ? text : String(text.prefix(cutoff)) + "…"
    }

    /// `yyyy-MM-dd` in UTC. Called for every memory when a keyword index is built, so the
    /// format is made once rather than a formatter per call.
    static func day(_ date: Date) -> String { dayFormat.format(date) }

    private static let dayFormat = Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!).year().month().day()
}
