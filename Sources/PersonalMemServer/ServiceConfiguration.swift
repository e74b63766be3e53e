import Configuration
import Foundation
import Logging
import PersonalMem

/// Every setting of the service, read through swift-configuration's `ConfigReader` from, in order of
/// precedence: command-line options, environment variables, a `.env` file, and the built-in defaults
/// of `ConfigurationVariable.all` (each name is documented there and in the README's table).
public struct ServiceConfiguration: Sendable {
    /// The variables the service reads, with their defaults and doc lines.
    public static var variables: [ConfigurationVariable] { ConfigurationVariable.all }

    let reader: ConfigReader

    /// Later arguments lose to earlier ones: `overrides` (the command line), `environment`, `dotEnv`,
    /// then the defaults. Names that are not variables are ignored. Secret variables are marked secret
    /// in every provider, so an access reporter (`CONFIG_ACCESS_LOG_FILE`, `accessReporter`) shows them redacted.
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment, dotEnv: [String: String] = [:], overrides: [String: String] = [:],
        accessReporter: (any AccessReporter)? = nil
    ) {
        let secrets = SecretsSpecifier<String, String>.specific(Set(Self.variables.filter(\.isSecret).map(\.name)))
        func inMemory(_ name: String, _ values: [String: String]) -> InMemoryProvider {
            var entries: [AbsoluteConfigKey: ConfigValue] = [:]
            for (key, value) in values {
                guard let variable = ConfigurationVariable.byName[key] else { continue }
                entries[AbsoluteConfigKey([key])] = ConfigValue(.string(value), isSecret: variable.isSecret)
            }
            return InMemoryProvider(name: name, values: entries)
        }
        reader = ConfigReader(
            providers: [
                inMemory("command line", overrides),
                EnvironmentVariablesProvider(environmentVariables: environment, secretsSpecifier: secrets),
                EnvironmentVariablesProvider(environmentVariables: dotEnv, secretsSpecifier: secrets),
                inMemory("defaults", Dictionary(uniqueKeysWithValues: Self.variables.map { ($0.name, $0.defaultValue) })),
            ],
            accessReporter: accessReporter)
    }

    /// Every variable's value as read (secrets included: for building another configuration, never for logs).
    public var values: [String: String] { Dictionary(uniqueKeysWithValues: Self.variables.map { ($0.name, self[$0.name]) }) }

    /// A variable's value through the reader; "" when unset or not a variable. The access log names the caller.
    public subscript(_ name: String, fileID fileID: String = #fileID, line line: UInt = #line) -> String {
        guard let variable = ConfigurationVariable.byName[name] else { return "" }
        return reader.string(forKey: ConfigKey([name]), isSecret: variable.isSecret, fileID: fileID, line: line) ?? ""
    }

    /// A whole number, within the variable's declared range when it has one.
    func integer(_ name: String, fileID: String = #fileID, line: UInt = #line) throws -> Int {
        guard let value = Int(self[name, fileID: fileID, line: line]) else { throw ConfigurationError("\(name) must be a whole number") }
        if let range = ConfigurationVariable.byName[name]?.range, !range.contains(value) {
            throw ConfigurationError("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    func positiveInteger(_ name: String, fileID: String = #fileID, line: UInt = #line) throws -> Int {
        guard let value = Int(self[name, fileID: fileID, line: line]), value > 0 else {
            throw ConfigurationError("\(name) must be a positive whole number")
        }
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
        if !self["MAX_COSINE_DISTANCE"].isEmpty {
            guard let distance = Double(self["MAX_COSINE_DISTANCE"]), (0...2).contains(distance) else {
                throw ConfigurationError("MAX_COSINE_DISTANCE must be a number from 0 to 2")
            }
            knobs.maxCosineDistance = distance
        }
        guard let temperature = Double(self["CHAT_TEMPERATURE"]) else { throw ConfigurationError("CHAT_TEMPERATURE must be a number") }
        guard (0...2).contains(temperature) else { throw ConfigurationError("CHAT_TEMPERATURE must be a number from 0 to 2") }
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
        guard let reply = Double(self["REPLY_WEIGHT"]), (0...1).contains(reply) else {
            throw ConfigurationError("REPLY_WEIGHT must be a number from 0 to 1")
        }
        options.replyWeight = reply
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
