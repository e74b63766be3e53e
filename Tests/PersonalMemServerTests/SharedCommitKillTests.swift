import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PostgresNIO
import Synchronization
import Testing

@testable import PersonalMem

#if canImport(Glibc)
import Glibc
#endif

/// Nothing acknowledged is lost on the shared-commit path under kill -9 (issue 12): many writers
/// over many users send batches and built-in-extractor messages to a real `personalmem serve`
/// process, which is SIGKILLed while they are under way and started again on the same database.
/// Every write answered 2xx must then be in the user's profile and history (a message also in the
/// messages table), and nothing may be half-applied: no history row without its profile value, no
/// profile value without its history row, no stored message without its change and vice versa.
@Suite("Shared commits survive kill -9", .serialized, .timeLimit(.minutes(4)))
struct SharedCommitKillTests {
    static let writers = 32
    static let users = (0..<48).map { "kill-\($0)" }
    /// Acknowledged writes to collect before the kill.
    static let acknowledgedBeforeKill = 1000

    /// Every write sent, and how many were acknowledged.
    final class Tally: Sendable {
        let acknowledged = Atomic(0)
        let writes = Mutex<[Write]>([])

        func record(_ write: Write) {
            writes.withLock { $0.append(write) }
            if let status = write.status, status.code / 100 == 2 { acknowledged.add(1, ordering: .relaxed) }
        }
    }

    /// What one write sent and what it was answered.
    struct Write: Sendable {
        enum Kind: Sendable {
            /// Two fields of their own, so a write applied in part shows.
            case batch(fields: [String], value: String)
            /// `I like <word>`: the built-in extractor adds `word` to `likes`.
            case message(word: String)
        }
        let user: String
        let kind: Kind
        /// nil: no answer (the connection broke).
        var status: HTTPResponse.Status?
        var messageID: Int64?
        var events: [JSONValue] = []

        var isBatch: Bool {
            if case .batch = kind { return true }
            return false
        }
    }

    static func hasRow(_ history: [[String: JSONValue]], field: String, value: JSONValue, source: String) -> Bool {
        history.contains { row in row["field"] == .string(field) && row["value"] == value && row["source"] == .string(source) }
    }

    @Test("writers over 48 users, kill -9 mid-load, restart: every 2xx is stored whole, nothing is stored in part")
    func killDuringSharedCommits() async throws {
        let binary = try #require(RecordJobResumeTests.serverBinary(), "build the personalmem executable first (swift build --build-tests)")
        let database = try await TestService.freshDatabase("personalmem_chatpipe_kill")
        let storage = FileManager.default.temporaryDirectory.appendingPathComponent("pm-killwrites-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: storage, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: storage) }
        // No LLM configured: messages go through the built-in extractor and the shared commit.
        let environment = [
            "DATABASE_URL": database, "STORAGE_DIR": storage.path, "LOG_LEVEL": "error", "EMBEDDER": "hash",
            "MIGRATIONS_DIR": TestService.repositoryRoot.appendingPathComponent("migrations").path,
            "FRONTEND_DIR": TestService.repositoryRoot.appendingPathComponent("frontend").path,
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ]

        let (first, firstPort) = try await RecordJobResumeTests.start(binary, environment: environment, in: storage)
        let tally = Tally()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<Self.writers {
                group.addTask { await Self.write(as: writer, port: firstPort, into: tally) }
            }
            let deadline = ContinuousClock.now + .seconds(90)
            while tally.acknowledged.load(ordering: .relaxed) < Self.acknowledgedBeforeKill, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(5))
            }
            kill(first.processIdentifier, SIGKILL)
            try await group.waitForAll()
        }
        let writes = tally.writes.withLock { $0 }
        first.waitUntilExit()
        #expect(first.terminationReason == .uncaughtSignal)
        let answered = writes.filter { $0.status?.code ?? 0 >= 200 && $0.status?.code ?? 0 < 300 }
        let unanswered = writes.filter { $0.status == nil }
        #expect(answered.count >= Self.acknowledgedBeforeKill, "the load ran before the kill")
        #expect(unanswered.count > 0, "the kill came while writes were under way")
        let refused = writes.filter { $0.status == .serviceUnavailable }

        let (second, secondPort) = try await RecordJobResumeTests.start(binary, environment: environment, in: storage)
        defer {
            second.terminate()
            second.waitUntilExit()
        }
        var profiles: [String: [String: JSONValue]] = [:]
        var histories: [String: [[String: JSONValue]]] = [:]
        for user in Self.users {
            let raw = try await RecordJobResumeTests.request(port: secondPort, .get, "/users/\(user)/memories/raw")
            profiles[user] = raw.json.objectValue?["memories"]?.objectValue ?? [:]
            let history = try await RecordJobResumeTests.request(port: secondPort, .get, "/users/\(user)/memories/history")
            histories[user] = (history.json.objectValue?["history"]?.arrayValue ?? []).compactMap(\.objectValue)
        }
        let messages = try await Self.storedMessages(database)

        // Every acknowledged write, whole.
        for write in answered {
            let profile = profiles[write.user] ?? [:]
            let history = histories[write.user] ?? []
            switch write.kind {
            case .batch(let fields, let value):
                for field in fields {
                    #expect(profile[field] == .string(value), "acknowledged batch \(field) is in the profile")
                    let recorded = Self.hasRow(history, field: field, value: .string(value), source: "batch")
                    #expect(recorded, "acknowledged batch \(field) is in the history")
                }
            case .message(let word):
                let id = try #require(write.messageID, "a 2xx for a message names it")
                #expect(messages[id]?.user == write.user, "acknowledged message \(id) is stored")
                let liked = profile["likes"]?.arrayValue?.contains(.string(word)) == true
                #expect(liked, "acknowledged message \(id)'s like is in the profile")
                let added = JSONValue.array([.string(word)])
                let rows: [[String: JSONValue]] = history.filter { $0["source"] == .string("message:\(id)") }
                #expect(rows.map { $0["value"] } == [added], "acknowledged message \(id)'s change is in the history")
                #expect(write.events.map { $0.objectValue?["value"] } == [added], "its answer named that change")
            }
        }
        // Answered 503 (not committed): nothing of it is stored.
        for write in refused {
            if case .batch(let fields, _) = write.kind {
                for field in fields { #expect(profiles[write.user]?[field] == nil, "a 503 batch left nothing") }
            }
        }

        // Nothing in part, whether answered or not: the profile, the history and the messages agree.
        var likesInHistory: [String: Set<String>] = [:]
        for (user, history) in histories {
            let profile = profiles[user] ?? [:]
            for row in history {
                guard let field = row["field"]?.stringValue else { continue }
                if field == "likes" {
                    let source = row["source"]?.stringValue ?? ""
                    let id = Int64(source.dropFirst("message:".count))
                    #expect(source.hasPrefix("message:") && id.flatMap { messages[$0] }?.user == user, "history row \(source) has its message")
                    for item in row["value"]?.arrayValue ?? [] {
                        guard let word = item.stringValue else { continue }
                        likesInHistory[user, default: []].insert(word)
                        let liked = profile["likes"]?.arrayValue?.contains(item) == true
                        #expect(liked, "history's like \(word) is in the profile")
                    }
                } else {
                    #expect(row["value"] != nil && profile[field] == row["value"], "history's \(field) is in the profile")
                }
            }
            for (field, value) in profile where field != "likes" {
                let recorded = Self.hasRow(history, field: field, value: value, source: "batch")
                #expect(recorded, "profile's \(field) has its history row")
            }
            for item in profile["likes"]?.arrayValue ?? [] {
                let recorded = likesInHistory[user]?.contains(item.stringValue ?? "") == true
                #expect(recorded, "profile's like \(item) has its history row")
            }
            // The two fields of one batch are stored together or not at all.
            let batchFields = profile.keys.filter { $0.hasPrefix("a_") || $0.hasPrefix("b_") }
            for field in batchFields {
                let twin = (field.hasPrefix("a_") ? "b_" : "a_") + field.dropFirst(2)
                #expect(profile[twin] == profile[field], "\(field) and \(twin) were written together")
            }
        }
        for (id, message) in messages {
            #expect(message.status == "extracted")
            let rows = histories[message.user]?.filter { $0["source"] == .string("message:\(id)") } ?? []
            #expect(rows.count == 1, "stored message \(id) has its change")
        }

        // The restarted instance takes writes again.
        let after = try await RecordJobResumeTests.request(port: secondPort, .post, "/users/\(Self.users[0])/memories/batch", .object(["after_kill": .string("yes")]))
        #expect(after.status == .ok)
        let checkedBatches = answered.filter(\.isBatch).count
        print(
            "kill -9 under shared commits: \(answered.count) acknowledged writes checked (\(checkedBatches) batches, \(answered.count - checkedBatches) messages), "
                + "\(unanswered.count) without an answer, \(refused.count) answered 503, \(messages.count) messages stored")
    }

    /// One writer: its own connection, batches and messages in turn over random users, until the
    /// connection breaks (the kill).
    static func write(as writer: Int, port: Int, into tally: Tally) async {
        _ = try? await TestClient.withClient(host: "127.0.0.1", port: port) { client in
            for sequence in 0... {
                let user = users.randomElement()!
                let name = "w\(writer)_\(sequence)"
                var write: Write
                let request: TestClient.Request
                if sequence % 2 == 0 {
                    write = Write(user: user, kind: .batch(fields: ["a_\(name)", "b_\(name)"], value: "v_\(name)"))
                    let body = JSONValue.object(["a_\(name)": .string("v_\(name)"), "b_\(name)": .string("v_\(name)")])
                    request = TestClient.Request(
                        "/users/\(user)/memories/batch", method: .post, authority: "localhost", headers: [.contentType: "application/json"],
                        body: ByteBuffer(string: body.jsonText))
                } else {
                    let word = word(writer: writer, sequence: sequence)
                    write = Write(user: user, kind: .message(word: word))
                    let body = JSONValue.object(["user_id": .string(user), "message": .string("I like \(word)")])
                    request = TestClient.Request(
                        "/messages", method: .post, authority: "localhost", headers: [.contentType: "application/json"],
                        body: ByteBuffer(string: body.jsonText))
                }
                guard let response = try? await client.execute(request) else {
                    tally.record(write)
                    break
                }
                write.status = response.status
                let reply = response.body.flatMap { try? JSONValue.parse(Data(String(buffer: $0).utf8)) }?.objectValue ?? [:]
                if case .number(let id)? = reply["message_id"] { write.messageID = Int64(id) }
                write.events = reply["events"]?.arrayValue ?? reply["extracted_memories"]?.arrayValue ?? []
                tally.record(write)
            }
            return 0
        }
    }

    /// A word of letters only, unique to the write, that the built-in extractor keeps as it is.
    static func word(writer: Int, sequence: Int) -> String {
        var number = writer * 100_000 + sequence
        var letters = ""
        repeat {
            letters.append(Character(Unicode.Scalar(UInt8(97 + number % 26))))
            number /= 26
        } while number > 0
        return "zq" + letters
    }

    /// Every stored message: its user and status, by id.
    static func storedMessages(_ url: String) async throws -> [Int64: (user: String, status: String)] {
        let client = PostgresClient(configuration: try DatabaseURL.configuration(from: url))
        return try await withThrowingTaskGroup(of: [Int64: (user: String, status: String)].self) { group in
            group.addTask {
                await client.run()
                return [:]
            }
            defer { group.cancelAll() }
            let rows = try await client.query("SELECT id, user_id, status FROM messages", logger: Logger(label: "kill-test"))
            var found: [Int64: (user: String, status: String)] = [:]
            for try await (id, user, status) in rows.decode((Int64, String, String).self) { found[id] = (user, status) }
            return found
        }
    }
}
