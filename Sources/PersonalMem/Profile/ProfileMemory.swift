import Foundation
import Logging
import Synchronization

/// Profile memory: stores each message, extracts facts from it, applies them to the stored
/// profile with history, and serves the profile from a cache that writes keep true. Profiles and
/// messages are kept by the repositories it is given (PostgreSQL in the service, memory in tests).
public struct ProfileMemory: Sendable {
    public let repository: any ProfileRepository
    public let messages: any MessageRepository
    public let cache: ProfileCache
    public let extractor: any FactExtractor
    public let catalog: FieldCatalog
    let merger: ProfileMerger
    let logger: Logger

    public init(
        repository: any ProfileRepository, messages: any MessageRepository, cache: ProfileCache, extractor: any FactExtractor, logger: Logger
    ) {
        self.repository = repository
        self.messages = messages
        self.cache = cache
        self.extractor = extractor
        self.catalog = repository.catalog
        self.merger = ProfileMerger(catalog: repository.catalog)
        self.logger = logger
    }

    /// The outcome of extracting one message.
    public struct MessageOutcome: Sendable {
        public let messageID: Int64
        public let snapshot: ProfileSnapshot
        public let events: [ProfileEvent]
        public let extractor: String
        /// Facts the extractor proposed that failed validation and were dropped.
        public let rejectedFacts: Int
    }

    /// A message that was stored but could not be extracted; it can be extracted again later.
    public struct ExtractionFailed: Error, Sendable {
        public let messageID: Int64
        public let underlying: ExtractionError
    }

    /// Stores the message, extracts facts, and applies them. On extraction failure the message
    /// stays stored as failed and `ExtractionFailed` is thrown. With `expectedGeneration` (work that
    /// began earlier, such as a chat answer), nothing is stored when the user was deleted since:
    /// ``UserDeleted``. A delete while the extraction runs also ends in ``UserDeleted``.
    public func submit(userID: String, message: String, conversationID: String?, expectedGeneration: Int64? = nil) async throws -> MessageOutcome {
        if extractor.isLocal {
            return try await submitLocally(userID: userID, message: message, conversationID: conversationID, expectedGeneration: expectedGeneration)
        }
        let messageID = try await messages.storeMessage(
            userID: userID, conversationID: conversationID, body: message, expectedGeneration: expectedGeneration)
        return try await extract(messageID: messageID, userID: userID, message: message)
    }

    /// A local extractor cannot fail, so the message, the profile change and its history are
    /// written in one transaction (the merge still applies to the state read under the lock).
    private func submitLocally(userID: String, message: String, conversationID: String?, expectedGeneration: Int64?) async throws -> MessageOutcome {
        let current = try await profile(userID)
        let extraction = try await extractor.extract(message: message, profile: current.profile)
        let (valid, rejected) = catalog.validate(extraction.facts)
        let merger = self.merger
        let refused = RefusedCount()
        if expectedGeneration == nil {
            // No earlier work to fence: the message and its change go into a shared commit.
            let message = NewMessage(conversationID: conversationID, body: message, extractor: extraction.extractor)
            let written = try await repository.commitShared(userID, storingMessage: message, cache: cache) { stored in
                let merged = merger.merge(valid, into: stored)
                refused.set(merged.refused.count)
                return (merged.profile, merged.events)
            }
            ServiceMetrics.recordProfileEvents(written.events, source: "message")
            return MessageOutcome(
                messageID: written.source.messageID ?? 0, snapshot: written.snapshot, events: written.events,
                extractor: extraction.extractor, rejectedFacts: rejected.count + refused.value)
        }
        let (snapshot, events, source) = try await repository.update(
            userID, source: .batch,
            storingMessage: NewMessage(conversationID: conversationID, body: message, extractor: extraction.extractor), extracting: nil,
            expectedGeneration: expectedGeneration
        ) { stored in
            let merged = merger.merge(valid, into: stored)
            refused.set(merged.refused.count)
            return (merged.profile, merged.events)
        }
        cache.storeCommitted(snapshot)
        ServiceMetrics.recordProfileEvents(events, source: "message")
        return MessageOutcome(
            messageID: source.messageID ?? 0, snapshot: snapshot, events: events, extractor: extraction.extractor,
            rejectedFacts: rejected.count + refused.value)
    }

    /// Extracts a stored message again (after an LLM failure, or with a new extractor).
    public func reextract(_ message: StoredMessage) async throws -> MessageOutcome {
        try await extract(messageID: message.id, userID: message.userID, message: message.body)
    }

    private func extract(messageID: Int64, userID: String, message: String) async throws -> MessageOutcome {
        let current = try await profile(userID)
        let extraction: Extraction
        do {
            extraction = try await extractor.extract(message: message, profile: current.profile)
        } catch let error as ExtractionError {
            try await messages.markFailed(messageID: messageID, reason: Self.describe(error))
            logger.warning("extraction failed", metadata: ["message_id": "\(messageID)", "reason": "\(Self.describe(error))"])
            throw ExtractionFailed(messageID: messageID, underlying: error)
        }
        let (valid, rejected) = catalog.validate(extraction.facts)
        if !rejected.isEmpty {
            logger.info("dropped invalid facts", metadata: ["message_id": "\(messageID)", "count": "\(rejected.count)"])
        }
        let extractorName = extraction.extractor
        let merger = self.merger
        let refused = RefusedCount()
        // The profile is read again under the lock, after the (possibly slow) extraction; the
        // message must still be there (a delete meanwhile removed it: nothing is written).
        let (snapshot, events, _) = try await repository.update(
            userID, source: .message(messageID, extractor: extractorName), storingMessage: nil, extracting: messageID,
            expectedGeneration: nil
        ) { stored in
            let merged = merger.merge(valid, into: stored)
            refused.set(merged.refused.count)
            return (merged.profile, merged.events)
        }
        cache.storeCommitted(snapshot)
        ServiceMetrics.recordProfileEvents(events, source: "message")
        return MessageOutcome(
            messageID: messageID, snapshot: snapshot, events: events, extractor: extractorName,
            rejectedFacts: rejected.count + refused.value)
    }

    /// The profile, from the cache when it holds a current copy.
    public func profile(_ userID: String) async throws -> ProfileSnapshot {
        if let cached = cache.get(userID) { return cached }
        let generation = cache.generation()
        let snapshot = try await repository.profile(userID)
        cache.store(snapshot, ifUnchangedSince: generation)
        return snapshot
    }

    /// How a batch treats list fields.
    public enum BatchMode: String, Sendable {
        /// Lists gain the given items; scalars are replaced.
        case merge
        /// Every given value replaces the stored one.
        case replace
    }

    /// Refused batch: every bad field with what it expected. Nothing was changed.
    public struct BatchRejected: Error, Sendable {
        public let errors: [FieldValidationError]
        /// `invalid_value`, or `list_full` when an add would take a list past its cap.
        public var code = "invalid_value"
    }

    /// Upserts fields without an LLM. `null` removes a field. All values are validated first;
    /// one bad value refuses the whole batch.
    public func applyBatch(userID: String, values: [String: JSONValue], mode: BatchMode) async throws -> (
        snapshot: ProfileSnapshot, events: [ProfileEvent]
    ) {
        let facts = values.keys.sorted().map { name -> Fact in
            let value = values[name]!
            if value == .null { return Fact(field: name, op: .clear) }
            let isList = catalog.definition(for: name, proposedValue: value).map { $0.kind == .list || $0.kind == .objects } ?? false
            return Fact(field: name, op: mode == .merge && isList ? .add : .set, value: value)
        }
        let (valid, rejected) = catalog.validate(facts)
        guard rejected.isEmpty else { throw BatchRejected(errors: rejected) }
        let merger = self.merger
        // Decided against the stored profile in a shared commit, which also puts the new version in the cache.
        let written = try await repository.commitShared(userID, storingMessage: nil, cache: cache) { stored in
            let merged = merger.merge(valid, into: stored)
            // A list at its cap refuses the whole batch (and only this batch).
            guard merged.refused.isEmpty else { throw BatchRejected(errors: merged.refused, code: "list_full") }
            return (merged.profile, merged.events)
        }
        ServiceMetrics.recordProfileEvents(written.events, source: "batch")
        return (written.snapshot, written.events)
    }

    public func history(_ userID: String) async throws -> [HistoryEntry] {
        try await repository.history(userID)
    }

    /// The user's generation as committed (see ``ProfileRepository/generation(_:)``), from the cache
    /// when it holds it: never above the committed one (see ``ProfileCache/userGeneration(_:)``).
    public func generation(_ userID: String) async throws -> Int64 {
        if let cached = cache.userGeneration(userID) { return cached }
        let token = cache.generation()
        let generation = try await repository.generation(userID)
        cache.storeUserGeneration(generation, of: userID, ifUnchangedSince: token)
        return generation
    }

    /// Removes every row about the user; the caller removes files the user owns.
    public func deleteUser(_ userID: String) async throws -> Int {
        let (count, floor) = try await repository.deleteUser(userID)
        // A write that committed before the delete may put its snapshot in the cache after this.
        cache.invalidate(userID, below: floor)
        return count
    }

    static func describe(_ error: ExtractionError) -> String {
        switch error {
        case .unavailable(let reason): "unavailable: \(reason)"
        case .unreadableReply(let reason): "unreadable reply: \(reason)"
        }
    }
}

/// How many facts the merge under the lock refused (a list at its cap), carried out of the transaction.
private final class RefusedCount: Sendable {
    private let count = Mutex(0)
    func set(_ value: Int) { count.withLock { $0 = value } }
    var value: Int { count.withLock { $0 } }
}
