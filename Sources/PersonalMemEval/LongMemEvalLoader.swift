import Foundation
import PersonalMem

/// Reads LongMemEval's JSON: an array of items, each one question over its own haystack of
/// sessions ("haystack_session_ids", "haystack_dates", "haystack_sessions" of {role, content,
/// has_answer?} turns), with "answer_session_ids" as session-level evidence and turns marked
/// `has_answer` as turn-level evidence. Each item becomes its own conversation.
enum LongMemEvalLoader {
    private struct Item: Decodable {
        var question_id: JSONValue?
        var question_type: JSONValue?
        var question: JSONValue?
        var answer: JSONValue?
        var question_date: String?
        var haystack_session_ids: [JSONValue]?
        var haystack_dates: [JSONValue]?
        var haystack_sessions: [[Turn]]?
        var answer_session_ids: [JSONValue]?
    }

    private struct Turn: Decodable {
        var role: String?
        var content: String?
        var has_answer: JSONValue?
    }

    static func load(_ data: Data, report: inout EvalLoadReport) throws -> EvalDataset {
        let items = try EvalDataset.decode([Item].self, from: data)
        var conversations: [EvalConversation] = []
        conversations.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            conversations.append(conversation(item, index: index, report: &report))
        }
        return EvalDataset(conversations: conversations)
    }

    private static func conversation(_ item: Item, index: Int, report: inout EvalLoadReport) -> EvalConversation {
        let questionID = item.question_id?.text ?? "item-\(index + 1)"
        let rawSessions = item.haystack_sessions ?? []
        let sessionIDsGiven = item.haystack_session_ids ?? []
        let datesGiven = item.haystack_dates ?? []

        var sessionIDs = EvalIDAllocator()
        var knownSessions = Set<String>()
        var sessions: [EvalSession] = []
        var evidenceTurns: [String] = []
        for (position, rawTurns) in rawSessions.enumerated() {
            let given = position < sessionIDsGiven.count ? sessionIDsGiven[position].text : nil
            let claimed = sessionIDs.claim(given ?? "session_\(position + 1)")
            if claimed.renamed { report.duplicateSessionIDsRenamed += 1 }
            knownSessions.insert(claimed.id)
            let date = position < datesGiven.count ? datesGiven[position].string.flatMap(EvalDateParser.parse) : nil
            if date == nil { report.unparseableDates += 1 }

            var turns: [EvalTurn] = []
            for (turnPosition, rawTurn) in rawTurns.enumerated() {
                let text = (rawTurn.content ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                guard !text.isEmpty else {
                    report.emptyTurnsSkipped += 1
                    continue
                }
                let turnID = "s\(position + 1):t\(turnPosition + 1)"
                turns.append(EvalTurn(id: turnID, speaker: rawTurn.role ?? "", text: text))
                if rawTurn.has_answer?.isTrue == true { evidenceTurns.append(turnID) }
            }
            sessions.append(EvalSession(id: claimed.id, date: date, turns: turns))
        }

        var evidenceSessions: [String] = []
        for raw in item.answer_session_ids ?? [] {
            guard let sessionID = raw.text else {
                report.malformedEvidenceDropped += 1
                continue
            }
            guard knownSessions.contains(sessionID) else {
                report.unknownEvidenceIDsDropped += 1
                continue
            }
            if evidenceSessions.contains(sessionID) {
                report.duplicateEvidenceIDsDropped += 1
            } else {
                evidenceSessions.append(sessionID)
            }
        }

        var questions: [EvalQuestion] = []
        let text = item.question?.text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if text.isEmpty {
            report.questionsWithoutTextSkipped += 1
        } else if evidenceTurns.isEmpty && evidenceSessions.isEmpty {
            report.questionsWithoutEvidenceSkipped += 1
        } else {
            var answer: String?
            switch item.answer {
            case .string(let value)?: answer = value
            case let value? where value.text != nil:
                answer = value.text
                report.nonStringAnswersConverted += 1
            default:
                answer = nil
                report.questionsWithoutAnswerKept += 1
            }
            var questionDate: Date?
            if let raw = item.question_date {
                questionDate = EvalDateParser.parse(raw)
                if questionDate == nil { report.unparseableDates += 1 }
            }
            questions.append(EvalQuestion(
                id: questionID, question: text, answer: answer, category: item.question_type?.text ?? "unknown",
                date: questionDate, evidenceTurnIDs: evidenceTurns, evidenceSessionIDs: evidenceSessions
            ))
        }
        return EvalConversation(id: questionID, sessions: sessions, questions: questions)
    }
}
