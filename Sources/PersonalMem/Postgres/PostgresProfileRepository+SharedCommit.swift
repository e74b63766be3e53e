import Logging
import PostgresNIO

/// Shared commits: concurrent writes (batches, and messages of the built-in extractor) are gathered
/// by ``SharedCommitQueue`` into rounds; a round decides every write's change in Swift against the
/// profile the user's row holds, and commits them all with one statement (``SharedCommitStatement``)
/// in one transaction. Each caller is answered after that commit with its own events. A write whose
/// change is refused (a list at its cap) fails alone; a database error fails the round's writes
/// (not committed: 503, or 504 when the commit's outcome is unknown).
///
/// The profile a round starts from is the one this instance's last write left (``ProfileWriteMemo``)
/// or the read cache's committed copy, checked by the statement against the row's version; only a
/// user with neither is read first. A user whose row moved (a write by another instance or outside
/// the queue, a delete) is left out whole and its writes run again from a fresh read.
extension PostgresProfileRepository {
    /// Rounds that may find a user's row moved before a write gives up as not committed.
    static let maxConflicts = 4

    /// Applies `change` to the user's profile in the next shared commit. With `storingMessage`, the
    /// message is stored in the same commit and the history rows name it.
    public func commitShared(
        _ userID: String, storingMessage: NewMessage?, cache: ProfileCache?, _ change: @escaping ProfileChange
    ) async throws -> SharedWriteResult {
        let write = PendingWrite(userID: userID, enqueued: .now, message: storingMessage, cache: cache, change: change)
        let store = self
        return try await sharedCommits.submit(write) { round in await store.runRound(round) }
    }

    /// One round: the starting profiles, each write's change in arrival order, one statement, one commit.
    func runRound(_ writes: [PendingWrite]) async -> RoundOutcome {
        var outcome = RoundOutcome()
        let now = ContinuousClock.now
        var users: [String] = []
        var byUser: [String: [PendingWrite]] = [:]
        for write in writes {
            // Queued past the deadline: answered as not committed before it can be.
            if now - write.enqueued > deadline {
                outcome.results[write.id] = .failure(DatabaseUnavailable())
                continue
            }
            if byUser[write.userID] == nil { users.append(write.userID) }
            byUser[write.userID, default: []].append(write)
        }
        guard !users.isEmpty else { return outcome }

        var bases: [String: (profile: Profile, version: Int64)] = [:]
        var unknown: [String] = []
        for user in users {
            let group = byUser[user]!
            if group.allSatisfy({ $0.conflicts == 0 }) {
                if let known = memo.latest(user) {
                    bases[user] = known
                    continue
                }
                if let cached = group[0].cache?.get(user) {
                    bases[user] = (cached.profile, cached.version)
                    continue
                }
            }
            unknown.append(user)
        }
        do {
            for (user, base) in try await storedProfiles(unknown) { bases[user] = base }
        } catch {
            let answer = notCommitted(error)
            for write in writes where outcome.results[write.id] == nil { outcome.results[write.id] = .failure(answer) }
            return outcome
        }

        var statement = SharedCommitStatement()
        var decided: [String: [(write: PendingWrite, result: Result<(profile: Profile, events: [ProfileEvent]), any Error>)]] = [:]
        var finals: [String: Profile] = [:]
        for user in users {
            let base = bases[user] ?? ([:], 0)
            var profile = base.profile
            var touched: [String] = []
            for write in byUser[user]! {
                do {
                    let (changed, events) = try write.change(profile)
                    profile = changed
                    for event in events {
                        touched.append(event.field)
                        statement.addHistory(
                            event, user: user, write: write.id, source: write.message == nil ? ChangeSource.batch.source : nil,
                            extractor: write.message?.extractor)
                    }
                    if let message = write.message { statement.addMessage(message, user: user, write: write.id) }
                    decided[user, default: []].append((write, .success((changed, events))))
                } catch {
                    decided[user, default: []].append((write, .failure(error)))
                }
            }
            var patch: [String: JSONValue] = [:]
            var removed: [String] = []
            for field in Set(touched) {
                if let value = profile[field] { patch[field] = value.json } else { removed.append(field) }
            }
            statement.addUser(user, expected: base.version, patch: JSONValue.object(patch).jsonText, removed: removed.sorted())
            finals[user] = profile
        }

        let stored: SharedCommitStatement.Stored
        do {
            stored = try await commit(statement, startedAt: now)
        } catch {
            let answer = notCommitted(error)
            for write in writes where outcome.results[write.id] == nil { outcome.results[write.id] = .failure(answer) }
            return outcome
        }

        for user in users {
            guard let version = stored.versions[user] else {
                // The row moved under the round: nothing of this user was written; run again from a fresh read.
                memo.forget(user)
                for (write, _) in decided[user]! {
                    var again = write
                    again.conflicts += 1
                    if again.conflicts > Self.maxConflicts {
                        outcome.results[write.id] = .failure(DatabaseUnavailable())
                    } else {
                        outcome.retry.append(again)
                    }
                }
                continue
            }
            let final = finals[user]!
            memo.remember(final, at: version, for: user)
            if version != bases[user]?.version, let cache = byUser[user]![0].cache {
                cache.storeCommitted(ProfileSnapshot(userID: user, profile: final, version: version, renderer: renderer))
            }
            for (write, result) in decided[user]! {
                outcome.results[write.id] = result.map { changed, events in
                    var source = ChangeSource.batch
                    if let message = write.message, let id = stored.messageIDs[write.id] {
                        source = .message(id, extractor: message.extractor)
                    }
                    return SharedWriteResult(
                        snapshot: ProfileSnapshot(userID: user, profile: changed, version: version, renderer: renderer),
                        events: events, source: source)
                }
            }
        }
        return outcome
    }

    /// Runs the round's statement in its transaction. A transaction PostgreSQL rolled back because it
    /// deadlocked or failed to serialize with another (another instance's round, an LLM extraction's
    /// write) runs again, at most ``maxRoundRetries`` times after a short random wait and while the
    /// round is within the deadline; any other error, and a commit whose outcome is unknown, is final.
    func commit(_ statement: SharedCommitStatement, startedAt started: ContinuousClock.Instant) async throws -> SharedCommitStatement.Stored {
        let logger = self.logger
        var retries = 0
        while true {
            do {
                return try await database.transaction { connection in try await statement.run(on: connection, logger: logger) }
            } catch let error as PSQLError {
                guard let state = error.serverInfo?[.sqlState], Self.retriedStates.contains(state),
                    retries < Self.maxRoundRetries, ContinuousClock.now - started < deadline
                else { throw error }
                retries += 1
                logger.warning("shared commit rolled back by the database; running it again", metadata: ["sqlstate": "\(state)", "retry": "\(retries)"])
                try? await Task.sleep(for: .microseconds(Int.random(in: 500...2_000) << retries))
            }
        }
    }

    /// Rolled back by PostgreSQL on purpose, safe to run again: deadlock detected, serialization failure.
    static let retriedStates: Set<String> = ["40P01", "40001"]
    /// Times a round that deadlocked runs again before its writes are answered 503.
    static let maxRoundRetries = 3

    /// What the round's writes are told when its transaction fails: the commit's outcome is unknown,
    /// or (any other error: the transaction rolled back) not committed.
    private func notCommitted(_ error: any Error) -> any Error {
        switch error {
        case is CommitOutcomeUnknown, is DatabaseUnavailable: return error
        case let error as PSQLError:
            logger.error("shared commit rolled back", metadata: ["code": "\(error.code)", "sqlstate": "\(error.serverInfo?[.sqlState] ?? "-")"])
        default:
            logger.error("shared commit rolled back", metadata: ["error": "\(type(of: error))"])
        }
        return DatabaseUnavailable()
    }

    /// The stored profiles and versions of users, one read; a user without a row is absent.
    func storedProfiles(_ users: [String]) async throws -> [String: (profile: Profile, version: Int64)] {
        guard !users.isEmpty else { return [:] }
        return try await database.withDeadline { [client = database.client, logger] in
            let rows = try await client.query(
                "SELECT user_id, version, profile::text FROM users WHERE user_id = ANY(\(users)::text[])", logger: logger)
            var found: [String: (profile: Profile, version: Int64)] = [:]
            for try await (user, version, text) in rows.decode((String, Int64, String).self) {
                found[user] = (try Self.decodeProfile(text), version)
            }
            return found
        }
    }
}
