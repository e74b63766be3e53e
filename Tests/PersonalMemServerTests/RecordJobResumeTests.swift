import FakeOpenAI
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import PersonalMem
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Nothing acknowledged is lost between a chat answer and its indexing: the turn is in its log and
/// its `record_turn` job committed before the answer returns, so an instance that stops (or is
/// killed) before running the job indexes the turn when it starts again on the same storage.
@Suite("A chat turn's bookkeeping resumes after a stop or a kill", .serialized, .timeLimit(.minutes(3)))
struct RecordJobResumeTests {
    static let chatBody: JSONValue = .object([
        "model": .string("any"), "metadata": .object(["use_gate": .bool(false), "use_rerank": .bool(false)]),
        "messages": .array([.object(["role": .string("user"), "content": .string("I repaint the old lighthouse every May")])]),
    ])

    static func chat(_ user: String) -> JSONValue {
        guard case .object(var body) = chatBody else { return chatBody }
        body["user"] = .string(user)
        return .object(body)
    }

    @Test("an instance that stopped before indexing an answered turn indexes it when it starts again")
    func resumeAfterRestart() async throws {
        let database = try await TestService.freshDatabase("personalmem_resume_test")
        let storage = FileManager.default.temporaryDirectory.appendingPathComponent("pm-resume-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: storage) }
        let user = TestService.userID("resume")
        try await TestService.run(llm: true, environment: ["DATABASE_URL": database, "JOB_WORKERS": "0"], storage: storage) { service in
            let reply = try await service.post("/v1/chat/completions", Self.chat(user))
            #expect(reply.status == .ok)
            #expect(reply["memory"]?.objectValue?["indexing"] == .string("queued"))
            #expect(try await service.get("/users/\(user)/memories/search?q=lighthouse")["results"] == .array([]), "not indexed yet")
        }
        try await TestService.run(llm: true, environment: ["DATABASE_URL": database], storage: storage) { service in
            let hits = try await service.searchUntilFound(user, "lighthouse")
            #expect(hits.count == 1)
            #expect(try await service.get("/users/\(user)/conversations/\(user)")["turns"]?.arrayValue?.count == 1)
        }
    }

    @Test("kill -9 after the answer, before any worker ran its job: the restarted process indexes the turn")
    func killNine() async throws {
        let binary = try #require(Self.serverBinary(), "build the personalmem executable first (swift build --build-tests)")
        let database = try await TestService.freshDatabase("personalmem_resume_test")
        let storage = FileManager.default.temporaryDirectory.appendingPathComponent("pm-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: storage, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: storage) }
        let user = TestService.userID("kill")
        let fake = FakeOpenAI(embeddingDims: 64)
        try await withThrowingTaskGroup(of: Void.self) { group in
            let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
            group.addTask { try await fake.run { port in continuation.yield(port) } }
            var iterator = ports.makeAsyncIterator()
            let fakePort = try #require(await iterator.next())
            defer { group.cancelAll() }
            var environment = [
                "DATABASE_URL": database, "STORAGE_DIR": storage.path, "LOG_LEVEL": "error", "LLM_TIMEOUT_SECONDS": "2",
                "LLM_BASE_URL": "http://127.0.0.1:\(fakePort)/v1", "LLM_MODEL": "fake-model", "EMBEDDER": "openai",
                "EMB_BASE_URL": "http://127.0.0.1:\(fakePort)/v1", "EMB_MODEL": "fake-embed", "EMBEDDING_DIMS": "64",
                "MIGRATIONS_DIR": TestService.repositoryRoot.appendingPathComponent("migrations").path,
                "FRONTEND_DIR": TestService.repositoryRoot.appendingPathComponent("frontend").path,
                "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            ]

            environment["JOB_WORKERS"] = "0"
            let (first, firstPort) = try await Self.start(binary, environment: environment, in: storage)
            let reply = try await Self.request(port: firstPort, .post, "/v1/chat/completions", Self.chat(user))
            #expect(reply.status == .ok)
            #expect(reply.json.objectValue?["memory"]?.objectValue?["indexing"] == .string("queued"))
            kill(first.processIdentifier, SIGKILL)
            first.waitUntilExit()
            #expect(first.terminationReason == .uncaughtSignal)

            environment["JOB_WORKERS"] = "1"
            let (second, secondPort) = try await Self.start(binary, environment: environment, in: storage)
            defer {
                second.terminate()
                second.waitUntilExit()
            }
            var hits: [JSONValue] = []
            let deadline = ContinuousClock.now + .seconds(20)
            while hits.isEmpty, ContinuousClock.now < deadline {
                let found = try await Self.request(port: secondPort, .get, "/users/\(user)/memories/search?q=lighthouse")
                hits = found.json.objectValue?["results"]?.arrayValue ?? []
                if hits.isEmpty { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(hits.count == 1, "the turn answered before the kill is searchable after the restart")
        }
    }

    // MARK: - Helpers

    /// The `personalmem` executable beside the test bundle (built by `swift build --build-tests`).
    static func serverBinary() -> URL? {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for folder in [beside, beside.deletingLastPathComponent(), TestService.repositoryRoot.appendingPathComponent(".build/debug")] {
            let url = folder.appendingPathComponent("personalmem")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    /// Starts `personalmem serve` on a free port and waits (up to 30 s) until `/health` answers.
    static func start(_ binary: URL, environment: [String: String], in directory: URL) async throws -> (Process, Int) {
        let port = try freePort()
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve"]
        process.environment = environment.merging(["PORT": "\(port)", "HOST": "127.0.0.1"]) { $1 }
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline, process.isRunning {
            if let health = try? await request(port: port, .get, "/health"), health.status == .ok { return (process, port) }
            try await Task.sleep(for: .milliseconds(100))
        }
        process.terminate()
        throw ServerDidNotStart()
    }

    static func request(port: Int, _ method: HTTPRequest.Method, _ uri: String, _ json: JSONValue? = nil) async throws -> (
        status: HTTPResponse.Status, json: JSONValue
    ) {
        try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
            let response = try await client.execute(
                TestClient.Request(
                    uri, method: method, authority: "localhost", headers: json == nil ? [:] : [.contentType: "application/json"],
                    body: json.map { ByteBuffer(string: $0.jsonText) }))
            let text = response.body.map { String(buffer: $0) } ?? "null"
            return (response.head.status, (try? JSONValue.parse(Data(text.utf8))) ?? .string(text))
        }
    }

    /// A TCP port nothing listens on (bound once to port 0, then released).
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw ServerDidNotStart() }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw ServerDidNotStart() }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    struct ServerDidNotStart: Error {}
}
