import FakeOpenAI
import Foundation
import Testing

@testable import PersonalMem
@testable import PersonalMemServer

/// The Prometheus registry is one per process and other suites run alongside, so every check
/// compares a value before and after, never an absolute count.
@Suite("Prometheus metrics", .serialized, .timeLimit(.minutes(3)))
struct MetricsTests {
    @Test("GET /metrics is Prometheus text with request counters and latency histograms by route and status")
    func requestCounters() async throws {
        try await TestService.run { service in
            let user = TestService.userID()
            let labels = ["http_route": "/users/{user_id}/memories/raw", "http_request_method": "GET", "http_response_status_code": "200"]
            let before = try await Self.scrape(service)
            for _ in 0..<3 { _ = try await service.get("/users/\(user)/memories/raw") }
            _ = try await service.get("/jobs/not-a-number")
            let reply = try await service.request(.get, "/metrics")
            #expect(reply.status == .ok)
            #expect(reply.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            // Hummingbird counts a request once its body is written, just after the client has it.
            let text = try await Self.scrape(service) { Self.value($0, "hb_requests", labels) - Self.value(before, "hb_requests", labels) >= 3 }
            #expect(text.contains("# TYPE hb_requests counter"))
            #expect(Self.value(text, "hb_requests", labels) - Self.value(before, "hb_requests", labels) >= 3)
            #expect(Self.value(text, "http_server_request_duration_count", labels) >= 3)
            #expect(Self.value(text, "hb_requests", ["http_route": "/jobs/{job_id}", "http_response_status_code": "400"]) >= 1)
            #expect(!text.contains(user), "labels carry route patterns, never user ids")
        }
    }

    @Test("an LLM-backed message records model call durations, tokens and profile events; a chat records retrieval time")
    func modelCallsAndEvents() async throws {
        try await TestService.run(llm: true) { service in
            let user = TestService.userID()
            let chatCall = ["path": "chat/completions", "outcome": "ok"]
            let prompt = ["path": "chat/completions", "kind": "prompt"]
            let added = ["event": "ADD", "source": "message"]
            let before = try await Self.scrape(service)
            service.fake.script(.reply(factsReply([("name", "set", .string("Metric Mary"))])))
            #expect(try await service.message(user, "My name is Metric Mary").status == .ok)
            let chat: JSONValue = .object([
                "model": .string("any"), "user": .string(user),
                "messages": .array([.object(["role": .string("user"), "content": .string("What is my name?")])]),
            ])
            #expect(try await service.chatIndexed(chat).status == .ok)
            let after = try await Self.scrape(service)
            let duration = ServiceMetrics.modelCallDuration
            #expect(Self.value(after, duration + "_count", chatCall) > Self.value(before, duration + "_count", chatCall))
            #expect(Self.value(after, duration + "_sum", chatCall) > 0)
            #expect(Self.value(after, duration + "_count", ["path": "embeddings", "outcome": "ok"]) >= 1)
            #expect(Self.value(after, ServiceMetrics.modelTokens, prompt) >= Self.value(before, ServiceMetrics.modelTokens, prompt) + 11)
            #expect(Self.value(after, ServiceMetrics.profileEvents, added) > Self.value(before, ServiceMetrics.profileEvents, added))
            let retrieval = ServiceMetrics.retrievalDuration + "_count"
            #expect(Self.value(after, retrieval, [:]) > Self.value(before, retrieval, [:]))
            #expect(!after.contains(user))
        }
    }

    @Test("a failing model call is counted as an error and its duration carries the outcome")
    func modelErrors() async throws {
        try await TestService.run(llm: true, environment: ["LLM_MAX_ATTEMPTS": "1"]) { service in
            let failed = ["path": "chat/completions", "outcome": "status_5xx"]
            let errors = ["path": "chat/completions", "kind": "status_5xx"]
            let before = try await Self.scrape(service)
            service.fake.script(.status(500))
            #expect(try await service.message(TestService.userID(), "My name is Eve").status == .serviceUnavailable)
            let after = try await Self.scrape(service)
            let duration = ServiceMetrics.modelCallDuration + "_count"
            #expect(Self.value(after, duration, failed) > Self.value(before, duration, failed))
            #expect(Self.value(after, ServiceMetrics.modelCallErrors, errors) > Self.value(before, ServiceMetrics.modelCallErrors, errors))
        }
    }

    static func scrape(_ service: TestService) async throws -> String {
        try await service.request(.get, "/metrics").json.stringValue ?? ""
    }

    /// Scrapes until `condition` holds (a second at most) and returns the last scrape.
    static func scrape(_ service: TestService, until condition: (String) -> Bool) async throws -> String {
        var text = try await scrape(service)
        for _ in 0..<20 where !condition(text) {
            try await Task.sleep(for: .milliseconds(50))
            text = try await scrape(service)
        }
        return text
    }

    /// The sum of every sample of `name` whose labels include `labels` (0 when there is none).
    static func value(_ text: String, _ name: String, _ labels: [String: String]) -> Double {
        var total = 0.0
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let number = Double(line[line.index(after: space)...]) else { continue }
            let series = line[..<space]
            let seriesName = series.prefix { $0 != "{" }
            guard seriesName == name else { continue }
            if labels.allSatisfy({ series.contains("\($0.key)=\"\($0.value)\"") }) { total += number }
        }
        return total
    }
}
