import Metrics

/// The service's own metrics, recorded through swift-metrics (whichever backend the process
/// bootstrapped; none records nothing). Labels never carry user ids or text: only bounded values
/// such as a path, an outcome or an event kind.
public enum ServiceMetrics {
    public static let modelCallDuration = "personalmem_model_call_duration_seconds"
    public static let modelCallErrors = "personalmem_model_call_errors_total"
    public static let modelTokens = "personalmem_model_tokens_total"
    public static let profileEvents = "personalmem_profile_events_total"
    public static let retrievalDuration = "personalmem_retrieval_duration_seconds"
    public static let jobs = "personalmem_jobs_total"

    /// One model call (all its attempts), by API path and outcome (`ok` or the final error kind).
    static func recordModelCall(path: String, outcome: String, since started: ContinuousClock.Instant) {
        Timer(label: modelCallDuration, dimensions: [("path", path), ("outcome", outcome)], preferredDisplayUnit: .seconds)
            .recordNanoseconds((ContinuousClock.now - started).nanoseconds)
    }

    /// One failed attempt of a model call, retried or not.
    static func recordModelCallError(path: String, kind: String) {
        Counter(label: modelCallErrors, dimensions: [("path", path), ("kind", kind)]).increment()
    }

    /// Tokens the upstream reported in `usage`.
    static func recordTokens(path: String, usage: TokenUsage?) {
        guard let usage else { return }
        if usage.promptTokens > 0 {
            Counter(label: modelTokens, dimensions: [("path", path), ("kind", "prompt")]).increment(by: usage.promptTokens)
        }
        if usage.completionTokens > 0 {
            Counter(label: modelTokens, dimensions: [("path", path), ("kind", "completion")]).increment(by: usage.completionTokens)
        }
    }

    /// Committed profile changes, by event (ADD, UPDATE, DELETE) and source (message, batch).
    static func recordProfileEvents(_ events: [ProfileEvent], source: String) {
        for event in events {
            Counter(label: profileEvents, dimensions: [("event", event.kind.rawValue), ("source", source)]).increment()
        }
    }

    /// Time of one search of a user's memory index.
    static func recordRetrieval(since started: ContinuousClock.Instant) {
        Timer(label: retrievalDuration, preferredDisplayUnit: .seconds).recordNanoseconds((ContinuousClock.now - started).nanoseconds)
    }

    /// What happened to a background job.
    public enum JobEvent: String, Sendable {
        case queued, done, retried, failed, reclaimed
    }

    public static func recordJob(_ event: JobEvent) {
        Counter(label: jobs, dimensions: [("event", event.rawValue)]).increment()
    }
}

extension ProviderError {
    /// A bounded label for metrics: the kind of failure, never its details.
    var metricKind: String {
        switch self {
        case .timeout: "timeout"
        case .status(let code): code == 429 ? "status_429" : "status_\(code / 100)xx"
        case .transport: "transport"
        case .badResponse: "bad_response"
        case .formatUnsupported: "format_unsupported"
        }
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
