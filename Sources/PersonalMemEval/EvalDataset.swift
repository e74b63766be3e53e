import Foundation
import PersonalMem

/// A retrieval benchmark normalised from LoCoMo or LongMemEval: conversations of sessions of turns,
/// and questions whose evidence names turns or sessions.
public struct EvalDataset: Sendable, Hashable {
    public var conversations: [EvalConversation]

    public init(conversations: [EvalConversation]) {
        self.conversations = conversations
    }

    public var sessionCount: Int { conversations.reduce(0) { $0 + $1.sessions.count } }
    public var turnCount: Int { conversations.reduce(0) { $0 + $1.sessions.reduce(0) { $0 + $1.turns.count } } }
    public var questionCount: Int { conversations.reduce(0) { $0 + $1.questions.count } }
}

/// One user's conversation history and the questions asked about it.
public struct EvalConversation: Sendable, Hashable, Identifiable {
    public var id: String
    /// Participants' names when the format gives them (LoCoMo's speaker_a and speaker_b).
    public var speakers: [String]
    public var sessions: [EvalSession]
    public var questions: [EvalQuestion]

    public init(id: String, speakers: [String] = [], sessions: [EvalSession], questions: [EvalQuestion]) {
        self.id = id
        self.speakers = speakers
        self.sessions = sessions
        self.questions = questions
    }

    /// Session id of every turn id.
    public func sessionIDsByTurnID() -> [String: String] {
        var result: [String: String] = [:]
        for session in sessions {
            for turn in session.turns { result[turn.id] = session.id }
        }
        return result
    }
}

/// One sitting of a conversation.
public struct EvalSession: Sendable, Hashable, Identifiable {
    public var id: String
    /// When the session took place, if the file gives a parseable date.
    public var date: Date?
    public var turns: [EvalTurn]

    public init(id: String, date: Date?, turns: [EvalTurn]) {
        self.id = id
        self.date = date
        self.turns = turns
    }
}

/// One message.
public struct EvalTurn: Sendable, Hashable, Identifiable {
    /// LoCoMo's dia_id ("D1:3", leading zeros removed) or "s<session>:t<turn>" (both 1-based) for
    /// LongMemEval.
    public var id: String
    /// A name (LoCoMo) or "user" / "assistant" (LongMemEval).
    public var speaker: String
    public var text: String

    public init(id: String, speaker: String, text: String) {
        self.id = id
        self.speaker = speaker
        self.text = text
    }
}

/// A question with the turns or sessions that hold its answer.
public struct EvalQuestion: Sendable, Hashable, Identifiable {
    /// LongMemEval's question_id, or "<sample_id>:q<n>" (1-based, in file order) for LoCoMo.
    public var id: String
    public var question: String
    /// The expected answer as text (numbers converted), nil when the file has none.
    public var answer: String?
    /// LoCoMo's category number as text ("1"..."5"), or LongMemEval's question_type.
    public var category: String
    /// When the question is asked (LongMemEval's question_date), if given and parseable.
    public var date: Date?
    /// Turn ids that hold the answer (all of them exist in the conversation).
    public var evidenceTurnIDs: [String]
    /// Session ids that hold the answer (all of them exist in the conversation).
    public var evidenceSessionIDs: [String]

    public init(
        id: String, question: String, answer: String?, category: String, date: Date? = nil,
        evidenceTurnIDs: [String], evidenceSessionIDs: [String]
    ) {
        self.id = id
        self.question = question
        self.answer = answer
        self.category = category
        self.date = date
        self.evidenceTurnIDs = evidenceTurnIDs
        self.evidenceSessionIDs = evidenceSessionIDs
    }
}
