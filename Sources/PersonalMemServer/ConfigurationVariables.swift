/// One setting of the service: its name (as an environment variable, a `.env` line or
/// `--set NAME=value`), its default, and the line the README's configuration table shows for it.
public struct ConfigurationVariable: Sendable, Equatable {
    public let name: String
    /// The value used when no source sets it; "" means unset.
    public let defaultValue: String
    /// What an unset variable means, as the README's default column says it (`nil` when there is a default).
    public let unsetMeaning: String?
    /// Keys, passwords and URLs holding them: redacted wherever swift-configuration reports a value.
    public let isSecret: Bool
    /// The README's meaning column for this variable.
    public let doc: String
    /// For a whole number checked by `ServiceConfiguration.integer`: the values it may take.
    public let range: ClosedRange<Int>?

    init(
        _ name: String, default defaultValue: String = "", unset: String? = nil, secret: Bool = false, range: ClosedRange<Int>? = nil,
        doc: String
    ) {
        self.name = name
        self.defaultValue = defaultValue
        self.unsetMeaning = unset
        self.isSecret = secret
        self.range = range
        self.doc = doc
    }

    /// The default as the README's table writes it.
    public var documentedDefault: String { defaultValue.isEmpty ? unsetMeaning ?? "" : "`\(defaultValue)`" }
}

extension ConfigurationVariable {
    /// Every variable the service reads, in the README's order. The README table is checked against this list by a test.
    public static let all: [ConfigurationVariable] = [
        .init("DATABASE_URL", unset: #"(local cluster)"#, secret: true,
              doc: #"`postgres://user:password@host:5432/db`; `?sslmode=require` for TLS, `?host=/dir` for a socket"#),
        .init("HOST", default: "127.0.0.1",
              doc: #"address to listen on"#),
        .init("PORT", default: "8888", range: 0...65_535,
              doc: #"port to listen on"#),
        .init("STORAGE_DIR", default: "./storage",
              doc: #"per-user conversation logs and indexes"#),
        .init("LOG_LEVEL", default: "info",
              doc: #"`trace` … `critical`; message text and field values are never logged at info"#),
        .init("API_KEYS", unset: #"(none)"#, secret: true,
              doc: #"comma-separated keys; when set, every request needs `Authorization: Bearer <key>` (scheme in any case) except `GET /health` and the page's own files (`/`, `/docs` and each file of `FRONTEND_DIR` at its exact path); `/health/llm` and `/health/embed` need a key"#),
        .init("MAX_MESSAGE_BYTES", default: "16384", range: 1...1_073_741_824,
              doc: #"longer messages (`POST /messages`, the last user message of a chat request) are refused with 413"#),
        .init("MAX_BODY_BYTES", default: "2097152",
              doc: #"largest request body of every route but import (2 MiB), chunked or not; larger ones get 413 `body_too_large`"#),
        .init("MAX_IMPORT_BYTES", default: "67108864",
              doc: #"largest `POST /users/{id}/import` body (64 MiB), read into memory once; larger exports go through the `import` command"#),
        .init("PROFILE_CACHE_SIZE", default: "200000",
              doc: #"profiles (and users' generations) kept in memory (kept true across instances by PostgreSQL NOTIFY)"#),
        .init("DB_POOL_SIZE", default: "10", range: 1...1000,
              doc: #"PostgreSQL connections per instance; a few per database core is best"#),
        .init("DB_TIMEOUT_SECONDS", default: "10", range: 1...3600,
              doc: #"longest wait for one database operation before a 503"#),
        .init("MIGRATE_ON_START", default: "true",
              doc: #"`serve` applies pending migrations before it listens"#),
        .init("LLM_BASE_URL", unset: #"(none)"#,
              doc: #"OpenAI-compatible base URL, e.g. `http://localhost:8000/v1` (vLLM, Ollama, llama.cpp)"#),
        .init("LLM_MODEL", default: "gpt-4o-mini",
              doc: #"chat model name"#),
        .init("OPENAI_API_KEY", unset: #"(none)"#, secret: true,
              doc: #"bearer key; alone (without `LLM_BASE_URL`) it selects api.openai.com"#),
        .init("AZURE_OPENAI_ENDPOINT", unset: #"(none)"#,
              doc: #"Azure resource URL; selects Azure OpenAI"#),
        .init("AZURE_OPENAI_API_KEY", unset: #"(none)"#, secret: true,
              doc: #"sent as the `api-key` header"#),
        .init("AZURE_OPENAI_DEPLOYMENT", unset: #"(none)"#,
              doc: #"deployment name"#),
        .init("AZURE_OPENAI_API_VERSION", default: "2024-10-21",
              doc: #"`api-version` query value"#),
        .init("LLM_TIMEOUT_SECONDS", default: "30",
              doc: #"limit for one attempt of a model or embedding call, end to end: connecting, the response headers and the whole body (1–3600); for a streamed chat, until the response headers"#),
        .init("LLM_STREAM_IDLE_SECONDS", default: "30",
              doc: #"longest gap between two events of a streamed chat once it has started (1–3600); past it the client's stream ends with an error event"#),
        .init("LLM_MAX_ATTEMPTS", default: "3", range: 1...100,
              doc: #"attempts per call; 429, 5xx, timeouts are retried with backoff (at most 8 s), honouring `Retry-After` (at most 20 s). A whole call therefore takes at most `LLM_MAX_ATTEMPTS` × `LLM_TIMEOUT_SECONDS` plus the waits between attempts"#),
        .init("EMBEDDER", unset: #"(chosen)"#,
              doc: #"`minilm`, `hash` or `openai`; unset: `openai` when `EMB_BASE_URL` is set, else `minilm` when its files are in `EMBEDDER_MODEL_DIR`, else `hash`"#),
        .init("EMBEDDER_MODEL_DIR", default: ".data/models/all-MiniLM-L6-v2",
              doc: #"folder with all-MiniLM-L6-v2's `config.json`, `vocab.txt`, `model.safetensors`"#),
        .init("EMB_BASE_URL", unset: #"(none)"#,
              doc: #"OpenAI-compatible embeddings base URL; when set it is the default embedder"#),
        .init("EMB_MODEL", default: "text-embedding-3-small",
              doc: #"embedding model name"#),
        .init("EMB_API_KEY", unset: #"(`OPENAI_API_KEY`)"#, secret: true,
              doc: #"key for the embeddings endpoint"#),
        .init("EMBEDDING_DIMS", default: "0", range: 0...65_536,
              doc: #"vector size of the endpoint (0 learns it from the first reply) or the hashed embedder (0: 384); MiniLM has 384"#),
        .init("INDEX_KIND", default: "flat",
              doc: #"`flat` (exact) or `hnsw` (approximate, for users with very many memories)"#),
        .init("FAISS_THREADS", default: "1", range: 0...1024,
              doc: #"threads one FAISS search may use, OpenMP and OpenBLAS (0: their defaults); requests already run in parallel"#),
        .init("HNSW_M", default: "32", range: 2...512,
              doc: #"HNSW graph degree"#),
        .init("SNAPSHOT_EVERY", default: "500", range: 1...1_000_000,
              doc: #"adds between index snapshots (the tail is replayed from meta on load)"#),
        .init("RECENT_TURNS", default: "6", range: 0...100,
              doc: #"chat default: turns of the current conversation sent as they are"#),
        .init("CANDIDATE_N", default: "60", range: 0...1000,
              doc: #"chat default: memories fetched from the index"#),
        .init("RETRIEVE_K", default: "5", range: 0...50,
              doc: #"chat default: memories replayed as whole turns"#),
        .init("USE_GATE", default: "true",
              doc: #"chat default: the model filters candidates"#),
        .init("GATE_KEEP_MAX", default: "30", range: 0...200,
              doc: #"chat default: most candidates the gate keeps"#),
        .init("USE_RERANK", default: "true",
              doc: #"chat default: the model picks which memories to replay"#),
        .init("MAX_COSINE_DISTANCE", unset: #"(none)"#,
              doc: #"chat default: drop candidates farther than this"#),
        .init("MEMORY_LENGTH_CUTOFF_CHARS", default: "1000", range: 1...100_000,
              doc: #"replayed turns and summaries are cut at this length"#),
        .init("CHAT_TEMPERATURE", default: "0.3",
              doc: #"chat default temperature"#),
        .init("CHAT_MAX_TOKENS", default: "768", range: 1...65_536,
              doc: #"chat default max tokens"#),
        .init("RETRIEVAL_METHOD", default: "hybrid",
              doc: #"how memory search and the chat pipeline rank: `dense` (vector similarity), `keyword` (BM25) or `hybrid` (see Long-term memory)"#),
        .init("HYBRID_WEIGHTS", unset: #"(by embedder)"#,
              doc: #"fusion weights dense, keyword, then prior weights recency, frequency, confidence (priors sum to at most 0.1); default `0.7,1,0.03,0.01,0.01`, dense `0.25` with the built-in hashed embedder"#),
        .init("RECENCY_HALF_LIFE_DAYS", default: "30",
              doc: #"age (since creation or last prompt use) at which a memory's recency prior is 0.5"#),
        .init("RRF_K", default: "5",
              doc: #"rank offset of the reciprocal rank fusion"#),
        .init("TIME_BOOST", default: "1",
              doc: #"a memory dated in the period a question names ("last May", "two weeks ago") has its relevance multiplied by up to `1 + TIME_BOOST`"#),
        .init("NEIGHBOUR_WEIGHT", default: "0.5",
              doc: #"share of the better adjacent turn's score a memory gets added (0 turns it off)"#),
        .init("REPLY_WEIGHT", default: "0.8",
              doc: #"the share instead of `NEIGHBOUR_WEIGHT` when the adjacent turn is the one just before and it ends with a question: the reply gets more of its question's score"#),
        .init("MIN_MESSAGE_LENGTH", default: "0", range: 0...1_000_000,
              doc: #"chat turns shorter than this (user message + answer, in characters) are logged but not made into memories"#),
        .init("SUMMARY_TEMPLATE", unset: #"`- ({date}) {summary}`"#,
              doc: #"one summary-only memory line in the chat prompt; placeholders `{date}`, `{time_difference}`, `{speaker}`, `{summary}`"#),
        .init("SYSTEM_PROMPT", unset: #"(built in)"#,
              doc: #"replace the pipeline's prompts"#),
        .init("SUMMARY_PROMPT", unset: #"(built in)"#,
              doc: #"replace the pipeline's prompts"#),
        .init("GATE_PROMPT", unset: #"(built in)"#,
              doc: #"replace the pipeline's prompts"#),
        .init("RERANK_PROMPT", unset: #"(built in)"#,
              doc: #"replace the pipeline's prompts"#),
        .init("JOB_WORKERS", default: "1",
              doc: #"background workers per instance for `async` messages and chat turns' bookkeeping (`record_turn`); `0` runs none (another instance takes the `async` message jobs; a chat turn's job waits for an instance on its `STORAGE_DIR`)"#),
        .init("JOB_MAX_ATTEMPTS", default: "5",
              doc: #"attempts of a background job before it is marked failed; three attempts in a row failing the same way (an unreadable model reply, a worker that died on it) mark it failed sooner"#),
        .init("JOB_BACKOFF_MS", default: "1000",
              doc: #"wait before a job's second attempt; it doubles for each further one (at most 10 minutes)"#),
        .init("JOB_LEASE_SECONDS", default: "60",
              doc: #"a running job whose worker stopped reporting for this long (a crashed instance) is run again"#),
        .init("FRONTEND_DIR", default: "./frontend",
              doc: #"the static page"#),
        .init("MIGRATIONS_DIR", default: "./migrations",
              doc: #"SQL migrations"#),
    ]

    /// The variables by name.
    public static let byName = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
}
