import FakeOpenAI
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PersonalMem
import Testing

@testable import PersonalMemServer

/// Runs the real service (live HTTP server, real PostgreSQL from DATABASE_URL, files in a fresh
/// temporary folder) with, optionally, the fake OpenAI server as its LLM and embedder.
struct TestService {
    let client: any TestClientProtocol
    let fake: FakeOpenAI
    let parts: ServiceParts
    let storage: URL
    /// A connection of this copy's own (see `withOwnConnection`); nil uses the shared client.
    var connection: TestClient? = nil

    struct NoDatabase: Error, CustomStringConvertible {
        var description: String { "DATABASE_URL is not set: run the tests with scripts/test, which starts PostgreSQL" }
    }

    static func databaseURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty else { throw NoDatabase() }
        return url
    }

    /// A user id no other test (or earlier run) uses.
    static func userID(_ prefix: String = "u") -> String { "\(prefix)-\(UUID().uuidString.prefix(12))" }

    static func run(
        llm: Bool = false, environment: [String: String] = [:], storage fixedStorage: URL? = nil,
        _ body: @Sendable (TestService) async throws -> Void
    ) async throws {
        let databaseURL = try databaseURL()
        let fake = FakeOpenAI(embeddingDims: 64)
        try await withThrowingTaskGroup(of: Void.self) { group in
            let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
            group.addTask { try await fake.run { port in continuation.yield(port) } }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { return }
            let storage = fixedStorage ?? FileManager.default.temporaryDirectory.appendingPathComponent("pm-test-\(UUID().uuidString)")
            defer { if fixedStorage == nil { try? FileManager.default.removeItem(at: storage) } }
            var values = [
                "DATABASE_URL": databaseURL, "PORT": "0", "STORAGE_DIR": storage.path, "LLM_TIMEOUT_SECONDS": "2",
                "MIGRATIONS_DIR": Self.repositoryRoot.appendingPathComponent("migrations").path,
                "FRONTEND_DIR": Self.repositoryRoot.appendingPathComponent("frontend").path,
                // The API tests' expectations were written for the hashed embedder; MiniLM has its own tests.
                "EMBEDDER": "hash",
            ]
            if llm {
                values["LLM_BASE_URL"] = "http://127.0.0.1:\(port)/v1"
                values["LLM_MODEL"] = "fake-model"
                values["EMB_BASE_URL"] = "http://127.0.0.1:\(port)/v1"
                values["EMB_MODEL"] = "fake-embed"
                values["EMBEDDER"] = "openai"
            }
            values.merge(environment) { $1 }
            var logger = Logger(label: "personalmem-test")
            logger.logLevel = .warning
            let parts = try await ServiceParts(configuration: ServiceConfiguration(environment: [:], overrides: values), logger: logger)
            let app = try buildApplication(parts)
            try await app.test(.live) { client in
                try await body(TestService(client: client, fake: fake, parts: parts, storage: storage))
            }
            group.cancelAll()
        }
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    // MARK: - Requests

    struct Reply: Sendable {
        let status: HTTPResponse.Status
        let json: JSONValue
        let headers: HTTPFields
        /// The body exactly as sent ("null" when empty).
        var text = "null"

        subscript(_ key: String) -> JSONValue? { json.objectValue?[key] }
        var errorCode: String? { self["error"]?.objectValue?["code"]?.stringValue }
    }

    @discardableResult
    func request(_ method: HTTPRequest.Method, _ uri: String, json: JSONValue? = nil, raw: String? = nil, headers: HTTPFields = [:]) async throws -> Reply {
        let body = raw ?? json?.jsonText
        if let connection {
            let request = TestClient.Request(uri, method: method, authority: "localhost", headers: headers, body: body.map { ByteBuffer(string: $0) })
            let response = try await connection.execute(request)
            let text = response.body.map { String(buffer: $0) } ?? "null"
            return Reply(
                status: response.head.status, json: (try? JSONValue.parse(Data(text.utf8))) ?? .string(text), headers: response.head.headerFields,
                text: text)
        }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            let text = response.body.readableBytes > 0 ? String(buffer: response.body) : "null"
            return Reply(status: response.status, json: (try? JSONValue.parse(Data(text.utf8))) ?? .string(text), headers: response.headers, text: text)
        }
    }

    func post(_ uri: String, _ json: JSONValue) async throws -> Reply { try await request(.post, uri, json: json) }
    func get(_ uri: String) async throws -> Reply { try await request(.get, uri) }

    func message(_ user: String, _ text: String) async throws -> Reply {
        try await post("/messages", .object(["user_id": .string(user), "message": .string(text)]))
    }

    func memories(_ user: String) async throws -> [String: JSONValue] {
        try await get("/users/\(user)/memories/raw")["memories"]?.objectValue ?? [:]
    }
}

/// `{"facts": [...]}` as the fake LLM's reply.
func factsReply(_ facts: [(String, String, JSONValue)]) -> String {
    JSONValue.object([
        "facts": .array(facts.map { .object(["field": .string($0.0), "op": .string($0.1), "value": $0.2]) })
    ]).jsonText
}
