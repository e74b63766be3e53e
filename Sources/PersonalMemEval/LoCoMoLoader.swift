import Foundation
import PersonalMem

/// Reads LoCoMo's `locomo10.json`: an array of samples, each with "sample_id", a "conversation"
/// holding "speaker_a", "speaker_b", "session_<n>" turn lists and "session_<n>_date_time" strings,
/// and "qa" entries with "question", "answer" (missing for adversarial questions, sometimes a
/// number), "evidence" (dia_ids, several to a string at times) and "category" 1...5.
enum LoCoMoLoader {
    static func load(_ data: Data, report: inout EvalLoadReport) throws -> EvalDataset {
        let samples = try EvalDataset.decode([JSONValue].self, from: data)
        var conversations: [EvalConversation] = []
        for (index, sample) in samples.enumerated() {
            conversations.append(conversation(sample, index: index, report: &report))
        }
        return EvalDataset(conversations: conversations)
    }

    private static func conversation(_ sample: JSONValue, index: Int, report: inout EvalLoadReport) -> EvalConversation {
        let sampleID = sample["sample_id"]?.text ?? "sample-\(index + 1)"
        let body = sample["conversation"]?.object ?? [:]
        let speakers = ["speaker_a", "speaker_b"].compactMap { body[$0]?.string }

        // Sessions in numeric order: "session_<n>" keys whose value is a list.
        let numbers = body.compactMap { key, value -> Int? in
            guard key.hasPrefix("session_"), value.array != nil else { return nil }
            return Int(key.dropFirst("session_".count))
        }.sorted()

        var turnIDs = EvalIDAllocator()
        var sessionOfTurn: [String: String] = [:]
        var sessions: [EvalSession] = []
        for number in numbers {
            let sessionID = "session_\(number)"
            let date = body["\(sessionID)_date_time"]?.string.flatMap(EvalDateParser.parse)
            if date == nil { report.unparseableDates += 1 }
            var turns: [EvalTurn] = []
            for (position, rawTurn) in (body[sessionID]?.array ?? []).enumerated() {
                var text = (rawTurn["text"]?.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                if let caption = rawTurn["blip_caption"]?.string?.trimmingCharacters(in: .whitespacesAndNewlines),
                   !caption.isEmpty {
                    text += (text.isEmpty ? "" : " ") + "[image: \(caption)]"
                    report.imageCaptionsAppended += 1
                }
                guard !text.isEmpty else {
                    report.emptyTurnsSkipped += 1
                    continue
                }
                let rawID: String
                if let dia = rawTurn["dia_id"]?.text, let canonical = dialogueIDs(in: dia).first {
                    rawID = canonical
                } else {
                    rawID = "s\(number):t\(position + 1)"
                    report.turnsWithoutIDNumbered += 1
                }
                let claimed = turnIDs.claim(rawID)
                if claimed.renamed { report.duplicateTurnIDsRenamed += 1 }
                sessionOfTurn[claimed.id] = sessionID
                turns.append(EvalTurn(id: claimed.id, speaker: rawTurn["speaker"]?.text ?? "", text: text))
            }
            sessions.append(EvalSession(id: sessionID, date: date, turns: turns))
        }

        var questions: [EvalQuestion] = []
        for (position, qa) in (sample["qa"]?.array ?? []).enumerated() {
            if let question = question(qa, id: "\(sampleID):q\(position + 1)", sessionOfTurn: sessionOfTurn, report: &report) {
                questions.append(question)
            }
        }
        return EvalConversation(id: sampleID, speakers: speakers, sessions: sessions, questions: questions)
    }

    private static func question(
        _ qa: JSONValue, id: String, sessionOfTurn: [String: String], report: inout EvalLoadReport
    ) -> EvalQuestion? {
        guard let text = qa["question"]?.text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
            report.questionsWithoutTextSkipped += 1
            return nil
        }
        let category = qa["category"]?.text ?? "unknown"

        var answer: String?
        switch qa["answer"] {
        case .string(let value)?: answer = value
        case let value? where value.text != nil:
            answer = value.text
            report.nonStringAnswersConverted += 1
        default: answer = nil
        }

        // Evidence: a list of strings, or one string; each string may hold several ids.
        let entries: [JSONValue]
        switch qa["evidence"] {
        case .array(let list)?: entries = list
        case .string(let single)?: entries = [.string(single)]
        default: entries = []
        }
        var evidence: [String] = []
        var seen = Set<String>()
        for entry in entries {
            guard let raw = entry.string else {
                report.malformedEvidenceDropped += 1
                continue
            }
            let ids = dialogueIDs(in: raw)
            if ids.isEmpty {
                report.malformedEvidenceDropped += 1
                continue
            }
            if ids.count > 1 {
                report.evidenceStringsSplit += 1
            } else if ids[0] != raw.trimmingCharacters(in: .whitespacesAndNewlines) {
                report.evidenceIDsRewritten += 1
            }
            for evidenceID in ids {
                guard sessionOfTurn[evidenceID] != nil else {
                    report.unknownEvidenceIDsDropped += 1
                    continue
                }
                if seen.insert(evidenceID).inserted {
                    evidence.append(evidenceID)
                } else {
                    report.duplicateEvidenceIDsDropped += 1
                }
            }
        }
        guard !evidence.isEmpty else {
            report.questionsWithoutEvidenceSkipped += 1
            return nil
        }
        if answer == nil {
            if category == "5" { report.adversarialWithoutAnswerKept += 1 } else { report.questionsWithoutAnswerKept += 1 }
        }
        var sessionIDs: [String] = []
        for evidenceID in evidence {
            if let session = sessionOfTurn[evidenceID], !sessionIDs.contains(session) { sessionIDs.append(session) }
        }
        return EvalQuestion(
            id: id, question: text, answer: answer, category: category,
            evidenceTurnIDs: evidence, evidenceSessionIDs: sessionIDs
        )
    }

    /// Every "D<session>:<turn>" in `text`, canonical ("D30:05" → "D30:5"); spaces around the parts
    /// and any separators between ids (";", ",", spaces) are allowed.
    static func dialogueIDs(in text: String) -> [String] {
        let characters = Array(text.unicodeScalars)
        var ids: [String] = []
        var i = 0
        func skipSpaces() { while i < characters.count, characters[i] == " " { i += 1 } }
        func number() -> Int? {
            var digits = ""
            while i < characters.count, ("0"..."9").contains(characters[i]) {
                digits.unicodeScalars.append(characters[i])
                i += 1
            }
            return digits.isEmpty || digits.count > 9 ? nil : Int(digits)
        }
        while i < characters.count {
            guard characters[i] == "D" || characters[i] == "d" else {
                i += 1
                continue
            }
            let start = i
            i += 1
            skipSpaces()
            guard let session = number() else { i = start + 1; continue }
            skipSpaces()
            guard i < characters.count, characters[i] == ":" else { i = start + 1; continue }
            i += 1
            skipSpaces()
            guard let turn = number() else { i = start + 1; continue }
            ids.append("D\(session):\(turn)")
        }
        return ids
    }
}
