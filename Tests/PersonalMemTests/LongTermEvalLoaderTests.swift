import Foundation
import Testing

@testable import PersonalMem
@testable import PersonalMemEval

@Suite("LongTerm eval loaders")
struct LongTermEvalLoaderTests {
    private func fixture(_ name: String) throws -> URL {
        try #require(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"))
    }

    @Test("LoCoMo sample: turns, sessions, dates and every normalisation counted")
    func locomo() throws {
        let url = try fixture("locomo_sample")
        #expect(EvalFormat.detect(try Data(contentsOf: url)) == .locomo)
        let (dataset, report) = try EvalDataset.load(contentsOf: url)

        #expect(report.format == "locomo")
        #expect(dataset.conversations.map(\.id) == ["conv-demo-1", "conv-demo-2"])
        #expect(dataset.conversations[0].speakers == ["Mira", "Tomas"])
        #expect(dataset.sessionCount == 6 && report.sessions == 6)
        #expect(dataset.turnCount == 26 && report.turns == 26)
        #expect(dataset.questionCount == 12 && report.questions == 12)

        #expect(report.evidenceStringsSplit == 3)
        #expect(report.evidenceIDsRewritten == 1)
        #expect(report.unknownEvidenceIDsDropped == 1)
        #expect(report.duplicateEvidenceIDsDropped == 1)
        #expect(report.malformedEvidenceDropped == 1)
        #expect(report.questionsWithoutEvidenceSkipped == 1)
        #expect(report.adversarialWithoutAnswerKept == 2)
        #expect(report.questionsWithoutAnswerKept == 0)
        #expect(report.nonStringAnswersConverted == 1)
        #expect(report.unparseableDates == 1)
        #expect(report.emptyTurnsSkipped == 1)
        #expect(report.imageCaptionsAppended == 1)
        #expect(report.lines.count > 5)

        let first = dataset.conversations[0]
        #expect(first.sessions.map(\.id) == ["session_1", "session_2", "session_3"])
        let components = DateComponents(
            calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"),
            year: 2023, month: 3, day: 14, hour: 13, minute: 56
        )
        #expect(first.sessions[0].date == components.date)
        #expect(first.sessions[0].turns[2].text.hasSuffix("[image: a small terrier sitting on a rug]"))
        #expect(dataset.conversations[1].sessions[1].date == nil)

        let questions = Dictionary(uniqueKeysWithValues: first.questions.map { ($0.id, $0) })
        #expect(questions["conv-demo-1:q2"]?.evidenceTurnIDs == ["D1:3", "D1:5"])
        #expect(questions["conv-demo-1:q3"]?.evidenceTurnIDs == ["D2:1", "D2:4", "D3:2"])
        #expect(questions["conv-demo-1:q3"]?.evidenceSessionIDs == ["session_2", "session_3"])
        #expect(questions["conv-demo-1:q3"]?.category == "1")
        #expect(questions["conv-demo-1:q4"]?.answer == "4512")
        #expect(questions["conv-demo-1:q5"]?.evidenceTurnIDs == ["D3:3"])
        #expect(questions["conv-demo-1:q6"] == nil, "empty evidence is skipped")
        #expect(questions["conv-demo-1:q7"]?.answer == nil)
        #expect(questions["conv-demo-1:q7"]?.category == "5")
    }

    @Test("LongMemEval sample: one conversation per item, session and turn evidence")
    func longMemEval() throws {
        let url = try fixture("longmemeval_sample")
        #expect(EvalFormat.detect(try Data(contentsOf: url)) == .longMemEval)
        let (dataset, report) = try EvalDataset.load(contentsOf: url)

        #expect(report.format == "longmemeval")
        #expect(dataset.conversations.map(\.id) == ["demo_q1", "demo_q2", "demo_q3_abs"])
        #expect(report.sessions == 9 && report.turns == 20 && report.questions == 2)
        #expect(report.duplicateSessionIDsRenamed == 1)
        #expect(report.unparseableDates == 1)
        #expect(report.emptyTurnsSkipped == 1)
        #expect(report.nonStringAnswersConverted == 1)
        #expect(report.unknownEvidenceIDsDropped == 1)
        #expect(report.questionsWithoutEvidenceSkipped == 1)

        let first = try #require(dataset.conversations[0].questions.first)
        #expect(first.category == "single-session-user")
        #expect(first.evidenceTurnIDs == ["s2:t1"])
        #expect(first.evidenceSessionIDs == ["answer_demo_q1_1"])
        #expect(first.date != nil)
        #expect(dataset.conversations[0].sessions[1].turns[0].speaker == "user")

        let second = try #require(dataset.conversations[1].questions.first)
        #expect(second.answer == "7")
        #expect(second.evidenceTurnIDs == ["s1:t1", "s3:t1"])
        #expect(second.evidenceSessionIDs == ["answer_demo_q2_1", "answer_demo_q2_2"])
        #expect(dataset.conversations[1].sessions.map(\.id) == ["answer_demo_q2_1", "sess_b2", "answer_demo_q2_2", "sess_b2#2"])
        #expect(dataset.conversations[2].questions.isEmpty)
    }

    @Test("dialogue ids: several to a string, spaces, leading zeros, junk")
    func dialogueIDs() {
        #expect(LoCoMoLoader.dialogueIDs(in: "D1:3; D2:5") == ["D1:3", "D2:5"])
        #expect(LoCoMoLoader.dialogueIDs(in: "D1:3,D1:4") == ["D1:3", "D1:4"])
        #expect(LoCoMoLoader.dialogueIDs(in: "D30:05") == ["D30:5"])
        #expect(LoCoMoLoader.dialogueIDs(in: " D 4 : 7 ") == ["D4:7"])
        #expect(LoCoMoLoader.dialogueIDs(in: "Day 3").isEmpty)
        #expect(LoCoMoLoader.dialogueIDs(in: "").isEmpty)
    }

    @Test("dates of both formats and ISO 8601; nonsense is nil")
    func dates() {
        let utc = TimeZone(identifier: "UTC")!
        func date(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int) -> Date? {
            DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: utc, year: y, month: mo, day: d, hour: h, minute: mi).date
        }
        #expect(EvalDateParser.parse("1:56 pm on 8 May, 2023") == date(2023, 5, 8, 13, 56))
        #expect(EvalDateParser.parse("12:05 am on 1 January, 2024") == date(2024, 1, 1, 0, 5))
        #expect(EvalDateParser.parse("2023/05/20 (Sat) 02:21") == date(2023, 5, 20, 2, 21))
        #expect(EvalDateParser.parse("2023-05-20T02:21:00Z") == date(2023, 5, 20, 2, 21))
        #expect(EvalDateParser.parse("sometime in late May") == nil)
        #expect(EvalDateParser.parse("31 February, 2023") == nil)
        #expect(EvalDateParser.parse("") == nil)
    }

    @Test("files that are not benchmarks are refused")
    func refusals() {
        #expect(throws: EvalLoadError.unknownFormat) { try EvalDataset.load(data: Data("[1, 2]".utf8)) }
        #expect(throws: EvalLoadError.notAnArray) { try EvalDataset.load(data: Data("{\"qa\": []}".utf8)) }
        #expect(throws: EvalLoadError.self) { try EvalDataset.load(data: Data("[{\"question_id\": ".utf8)) }
    }
}
