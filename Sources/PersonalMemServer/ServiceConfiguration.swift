import Foundation
import Logging
import PersonalMem

/// Every setting of the service, read from (in order of precedence) command-line options,
/// environment variables, and a `.env` file. Each name is documented once, in the README.
public struct ServiceConfiguration: Sendable {
    /// The variables the service reads, with their defaults ("" = unset).
    public static let variables: [(name: String, defaultValue: String)] = [
        ("DATABASE_URL", ""), ("HOST", "127.0.0.1"), ("PORT", "8888"), ("STORAGE_DIR", "./storage"),
        ("LOG_LEVEL", "info"), ("API_KEYS", ""), ("MAX_MESSAGE_BYTES", "16384"), ("MAX_BODY_BYTES", "2097152"), ("MAX_IMPORT_BYTES", "67108864"), ("PROFILE_CACHE_SIZE", "200000"),
        ("LLM_BASE_URL", ""), ("LLM_MODEL", "gpt-4o-mini"), ("OPENAI_API_KEY", ""),
        ("AZURE_OPENAI_ENDPOINT", ""), ("AZURE_OPENAI_API_KEY", ""), ("AZURE_OPENAI_DEPLOYMENT", ""),
        ("AZURE_OPENAI_API_VERSION", "2024-10-21"), ("LLM_TIMEOUT_SECONDS", "30"), ("LLM_MAX_ATTEMPTS", "3"),
        ("EMB_BASE_URL", ""), ("EMB_MODEL", "text-embedding-3-small"), ("EMBEDDING_DIMS", "0"),
        ("EMBEDDER", ""), ("EMBEDDER_MODEL_DIR", ".data/models/all-MiniLM-L6-v2"),
        ("FRONTEND_DIR", "./frontend"), ("MIGRATIONS_DIR", "./migrations"), ("MIGRATE_ON_START", "true"), ("DB_TIMEOUT_SECONDS", "10"), ("DB_POOL_SIZE", "10"),
        ("EMB_API_KEY", ""), ("INDEX_KIND", "flat"), ("FAISS_THREADS", "1"), ("HNSW_M", "32"), ("SNAPSHOT_EVERY", "500"),
        ("RECENT_TURNS", "6"), ("CANDIDATE_N", "60"), ("RETRIEVE_K", "5"), ("USE_GATE", "true"), ("GATE_KEEP_MAX", "30"),
        ("USE_RERANK", "true"), ("MAX_COSINE_DISTANCE", ""), ("MEMORY_LENGTH_CUTOFF_CHARS", "1000"),
        ("CHAT_TEMPERATURE", "0.3"), ("CHAT_MAX_TOKENS", "768"),
        ("RETRIEVAL_METHOD", "hybrid"), ("HYBRID_WEIGHTS", ""), ("RECENCY_HALF_LIFE_DAYS", "30"),
        ("RRF_K", "10"), ("TIME_BOOST", "1"), ("NEIGHBOUR_WEIGHT", "0.3"),
        ("MIN_MESSAGE_LENGTH", "0"), ("SUMMARY_TEMPLATE", ""),
        ("SYSTEM_PROMPT", ""), ("SUMMARY_PROMPT", ""), ("GATE_PROMPT", ""), ("RERANK_PROMPT", ""),
        ("JOB_WORKERS", "1"), ("JOB_MAX_ATTEMPTS", "5"), ("JOB_BACKOFF_MS", "1000"), ("JOB_LEASE_SECONDS", "60"),
        ("LLM_STREAM_IDLE_SECONDS", "30"),
    ]

    public let values: [String: String]

    /// Merges sources; later ones win: defaults, `.env`, environment, explicit overrides.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, dotEnv: [String: String] = [:], overrides: [String: String] = [:]) {
        var values = Dictionary(uniqueKeysWithValues: Self.variables.map { ($0.name, $0.defaultValue) })
        for source in [dotEnv, environment, overrides] {
            for (name, value) in source where values[name] != nil { values[name] = value }
        }
        self.values = values
    }

    public subscript(_ name: String) -> String { values[name] ?? "" }

    func integer(_ name: String) throws -> Int {
        guard let value = Int(self[name]) else { throw ConfigurationError("\(name) must be a whole number") }
        return value
    }

    func positiveInteger(_ name: String) throws -> Int {
        guard let value = Int(self[name]), value > 0 else { throw ConfigurationError("\(name) must be a positive whole number") }
        return value
    }

    public var host: String { self["HOST"] }
    public func port() throws -> Int { try integer("PORT") }
    public var databaseURL: String? { self["DATABASE_URL"].isEmpty ? nil : self["DATABASE_URL"] }
    public var storageDirectory: URL { URL(fileURLWithPath: self["STORAGE_DIR"]).standardizedFileURL }
    public var frontendDirectory: String { self["FRONTEND_DIR"] }
    public var migrationsDirectory: URL { URL(fileURLWithPath: self["MIGRATIONS_DIR"]).standardizedFileURL }
    public var apiKeys: [String] { self["API_KEYS"].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
    public var logLevel: Logger.Level { Logger.Level(rawValue: self["LOG_LEVEL"].lowercased()) ?? .info }

    /// The chat model, when one is configured: Azure when its endpoint is set, otherwise an
    /// OpenAI-compatible base URL (OpenAI itself when only `OPENAI_API_KEY` is set).
    public func llmEndpoint() throws -> LLMEndpoint? {
        let timeout = try modelTimeout("LLM_TIMEOUT_SECONDS")
        let idle = try modelTimeout("LLM_STREAM_IDLE_SECONDS")
        let attempts = try integer("LLM_MAX_ATTEMPTS")
        if !self["AZURE_OPENAI_ENDPOINT"].isEmpty {
            guard !self["AZURE_OPENAI_API_KEY"].isEmpty, !self["AZURE_OPENAI_DEPLOYMENT"].isEmpty else {
                throw ConfigurationError("AZURE_OPENAI_ENDPOINT needs AZURE_OPENAI_API_KEY and AZURE_OPENAI_DEPLOYMENT")
            }
            return LLMEndpoint(
                flavor: .azure(
                    endpoint: self["AZURE_OPENAI_ENDPOINT"], deployment: self["AZURE_OPENAI_DEPLOYMENT"],
                    apiVersion: self["AZURE_OPENAI_API_VERSION"], apiKey: self["AZURE_OPENAI_API_KEY"]),
                model: self["AZURE_OPENAI_DEPLOYMENT"], timeout: timeout, streamIdleTimeout: idle, maxAttempts: attempts)
        }
        var base = self["LLM_BASE_URL"]
        if base.isEmpty {
            guard !self["OPENAI_API_KEY"].isEmpty else { return nil }
            base = "https://api.openai.com/v1"
        }
        let key = self["OPENAI_API_KEY"]
        return LLMEndpoint(flavor: .openAI(baseURL: base, apiKey: key.isEmpty ? nil : key), model: self["LLM_MODEL"], timeout: timeout, streamIdleTimeout: idle,
            maxAttempts: attempts)
    }

    /// Pipeline defaults; requests override them in `metadata`.
    public func chatKnobs() throws -> ChatKnobs {
        var knobs = ChatKnobs()
        knobs.recentTurns = try integer("RECENT_TURNS")
        knobs.candidateN = try integer("CANDIDATE_N")
        knobs.retrieveK = try integer("RETRIEVE_K")
        knobs.gateKeepMax = try integer("GATE_KEEP_MAX")
        knobs.memoryLengthCutoffChars = try integer("MEMORY_LENGTH_CUTOFF_CHARS")
        knobs.maxTokens = try integer("CHAT_MAX_TOKENS")
        knobs.useGate = self["USE_GATE"] != "false"
        knobs.useRerank = self["USE_RERANK"] != "false"
        knobs.maxCosineDistance = Double(self["MAX_COSINE_DISTANCE"])
        guard let temperature = Double(self["CHAT_TEMPERATURE"]) else { throw ConfigurationError("CHAT_TEMPERATURE must be a number") }
        knobs.temperature = temperature
        return knobs
    }

    /// The pipeline's prompts, each replaceable by its variable.
    public var chatPrompts: ChatPrompts {
        var prompts = ChatPrompts()
        if !self["SYSTEM_PROMPT"].isEmpty { prompts.system = self["SYSTEM_PROMPT"] }
        if !self["SUMMARY_PROMPT"].isEmpty { prompts.summary = self["SUMMARY_PROMPT"] }
        if !self["GATE_PROMPT"].isEmpty { prompts.gate = self["GATE_PROMPT"] }
        if !self["RERANK_PROMPT"].isEmpty { prompts.rerank = self["RERANK_PROMPT"] }
        if !self["SUMMARY_TEMPLATE"].isEmpty { prompts.summaryTemplate = self["SUMMARY_TEMPLATE"] }
        return prompts
    }

    /// How memories are found and ordered: method, fusion and prior weights, recency half-life,
    /// rank offset, time boost, neighbour share.
    public func rankingOptions() throws -> RankingOptions {
        var options = RankingOptions()
        guard let method = RankingOptions.Method(rawValue: self["RETRIEVAL_METHOD"].lowercased()) else {
            throw ConfigurationError("RETRIEVAL_METHOD must be dense, keyword or hybrid")
        }
        options.method = method
        if !self["HYBRID_WEIGHTS"].isEmpty {
            let numbers = self["HYBRID_WEIGHTS"].split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            let weights = numbers.count == 5
                ? HybridWeights(semantic: numbers[0], keyword: numbers[1], recency: numbers[2], frequency: numbers[3], confidence: numbers[4]) : nil
            guard let weights, weights.isValid else {
                throw ConfigurationError("HYBRID_WEIGHTS must be five non-negative numbers: dense,keyword,recency,frequency,confidence")
            }
            options.weights = weights
        }
        guard let days = Double(self["RECENCY_HALF_LIFE_DAYS"]), days > 0 else {
            throw ConfigurationError("RECENCY_HALF_LIFE_DAYS must be a positive number")
        }
        options.halfLife = days * 86_400
        guard let rrfK = Double(self["RRF_K"]), rrfK >= 0, rrfK.isFinite else { throw ConfigurationError("RRF_K must be a number ≥ 0") }
        options.rrfK = rrfK
        guard let boost = Double(self["TIME_BOOST"]), boost >= 0, boost.isFinite else { throw ConfigurationError("TIME_BOOST must be a number ≥ 0") }
        options.timeBoost = boost
        guard let neighbour = Double(self["NEIGHBOUR_WEIGHT"]), (0...1).contains(neighbour) else {
            throw ConfigurationError("NEIGHBOUR_WEIGHT must be a number from 0 to 1")
        }
        options.neighbourWeight = neighbour
        return options
    }

    /// The embeddings endpoint, when one is configured (see `makeEmbedder` for which embedder runs).
    public func embeddingEndpoint() throws -> LLMEndpoint? {
        guard !self["EMB_BASE_URL"].isEmpty else { return nil }
        let key = self["EMB_API_KEY"].isEmpty ? self["OPENAI_API_KEY"] : self["EMB_API_KEY"]
        return LLMEndpoint(
            flavor: .openAI(baseURL: self["EMB_BASE_URL"], apiKey: key.isEmpty ? nil : key), model: self["EMB_MODEL"],
            timeout: try modelTimeout("LLM_TIMEOUT_SECONDS"), maxAttempts: try integer("LLM_MAX_ATTEMPTS"))
    }

    /// A model time limit in whole seconds, from 1 to 3600.
    func modelTimeout(_ name: String) throws -> Duration {
        guard let seconds = Int(self[name]), (1...3600).contains(seconds) else {
            throw ConfigurationError("\(name) must be a whole number of seconds from 1 to 3600")
        }
        return .seconds(seconds)
    }

    public func indexKind() throws -> MemoryIndex.Kind {
        switch self["INDEX_KIND"].lowercased() {
        case "flat": return .flat
        case "hnsw": return .hnsw
        default: throw ConfigurationError("INDEX_KIND must be flat or hnsw")
        }
    }

    /// Reads `KEY=value` lines; `#` starts a comment; surrounding quotes are dropped.
    public static func readDotEnv(at path: String) -> [String: String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        var values: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") else { continue }
            var key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
            if key.hasPrefix("export ") { key = String(key.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
            var value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == value.last, first == "\"" || first == "'" {
                value = String(value.dropFirst().dropLast())
            }
            values[key] = value
        }
        return values
    }
}

public struct ConfigurationError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
