import Logging
import PostgresNIO

/// The one statement of a shared commit: for every user of the round it enters the user (locks the
/// generation row, as every write does, see ``Database/enterUser(_:expecting:on:logger:)``),
/// writes the changed fields only when the row is still at the version the changes were decided
/// against (or inserts the row when there was none), checks that version for users whose writes
/// changed nothing, stores the built-in extractor's messages, every history row in order, and one
/// change notice per changed user. A user whose row moved is left out whole (none of its rows are
/// written) and reported by its absence.
struct SharedCommitStatement {
    private(set) var users: [String] = []
    private var expected: [Int64] = []
    private var patches: [String] = []
    private var removals: [String] = []
    private var changed: [Bool] = []

    private var historyUsers: [String] = []
    private var historyWrites: [Int64] = []
    private var fields: [String] = []
    private var kinds: [String] = []
    private var values: [String] = []
    private var olds: [String] = []
    private var news: [String] = []
    private var sources: [String] = []
    private var extractors: [String] = []

    private var messageWrites: [Int64] = []
    private var messageUsers: [String] = []
    private var conversations: [String] = []
    private var bodies: [String] = []
    private var messageExtractors: [String] = []

    /// A user of the round: `expected` is the version its changes were decided against (0: no row).
    mutating func addUser(_ userID: String, expected version: Int64, patch: String, removed: [String]) {
        users.append(userID)
        expected.append(version)
        patches.append(patch)
        removals.append(JSONValue.array(removed.map(JSONValue.string)).jsonText)
        changed.append(patch != "{}" || !removed.isEmpty)
    }

    /// A history row; `source` nil means the write's own stored message.
    mutating func addHistory(_ event: ProfileEvent, user: String, write: UInt64, source: String?, extractor: String?) {
        historyUsers.append(user)
        historyWrites.append(Int64(truncatingIfNeeded: write))
        fields.append(event.field)
        kinds.append(event.kind.rawValue)
        values.append(event.value.jsonText)
        olds.append(event.oldValue?.jsonText ?? "")
        news.append(event.newValue?.jsonText ?? "")
        sources.append(source ?? "")
        extractors.append(extractor ?? "")
    }

    mutating func addMessage(_ message: NewMessage, user: String, write: UInt64) {
        messageWrites.append(Int64(truncatingIfNeeded: write))
        messageUsers.append(user)
        conversations.append(message.conversationID ?? "")
        bodies.append(message.body)
        messageExtractors.append(message.extractor)
    }

    /// What the statement stored: each committed user's version, each stored message's id by write.
    struct Stored {
        var versions: [String: Int64] = [:]
        var messageIDs: [UInt64: Int64] = [:]
    }

    func run(on connection: PostgresConnection, logger: Logger) async throws -> Stored {
        let rows = try await connection.query(
            """
            WITH input AS (
                SELECT t.user_id, t.expected, t.patch, t.removed, t.changed, sha256(convert_to(t.user_id, 'UTF8')) AS user_key
                FROM unnest(\(users)::text[], \(expected)::int8[], \(patches)::text[], \(removals)::text[], \(changed)::bool[])
                    AS t(user_id, expected, patch, removed, changed)
            ), locked AS (
                SELECT g.user_key FROM user_generations g WHERE g.user_key IN (SELECT user_key FROM input) FOR SHARE
            ), created AS (
                INSERT INTO user_generations (user_key) SELECT user_key FROM input ON CONFLICT (user_key) DO NOTHING RETURNING user_key
            ), entered AS (
                SELECT i.* FROM input i WHERE i.user_key IN (SELECT user_key FROM locked UNION ALL SELECT user_key FROM created)
            ), updated AS (
                UPDATE users u SET profile = (u.profile - ARRAY(SELECT jsonb_array_elements_text(e.removed::jsonb))) || e.patch::jsonb,
                    version = nextval('profile_versions'), updated_at = now()
                FROM entered e WHERE e.changed AND e.expected <> 0 AND u.user_id = e.user_id AND u.version = e.expected
                RETURNING u.user_id, u.version
            ), inserted AS (
                INSERT INTO users (user_id, profile) SELECT e.user_id, e.patch::jsonb FROM entered e WHERE e.changed AND e.expected = 0
                ON CONFLICT (user_id) DO NOTHING RETURNING user_id, version
            ), kept AS (
                SELECT u.user_id, u.version FROM users u JOIN entered e ON u.user_id = e.user_id
                WHERE NOT e.changed AND e.expected <> 0 AND u.version = e.expected FOR SHARE OF u
            ), absent AS (
                SELECT e.user_id, 0::int8 AS version FROM entered e
                WHERE NOT e.changed AND e.expected = 0 AND NOT EXISTS (SELECT 1 FROM users u WHERE u.user_id = e.user_id)
            ), done AS (
                SELECT user_id, version FROM updated UNION ALL SELECT user_id, version FROM inserted
                UNION ALL SELECT user_id, version FROM kept UNION ALL SELECT user_id, version FROM absent
            ), numbered AS (
                SELECT m.write, m.user_id, m.conversation, m.body, m.extractor, nextval('messages_id_seq') AS id
                FROM unnest(\(messageWrites)::int8[], \(messageUsers)::text[], \(conversations)::text[], \(bodies)::text[], \(messageExtractors)::text[])
                    WITH ORDINALITY AS m(write, user_id, conversation, body, extractor, position)
                WHERE m.user_id IN (SELECT user_id FROM done) ORDER BY m.position
            ), stored_messages AS (
                INSERT INTO messages (id, user_id, conversation_id, body, status, extractor, attempts, extracted_at)
                SELECT id, user_id, NULLIF(conversation, ''), body, 'extracted', extractor, 1, now() FROM numbered
            ), history AS (
                INSERT INTO profile_history (user_id, field, event, value, old_value, new_value, source, extractor)
                SELECT h.user_id, h.field, h.kind, h.value::jsonb, NULLIF(h.old, '')::jsonb, NULLIF(h.new, '')::jsonb,
                    COALESCE(NULLIF(h.source, ''), 'message:' || n.id), NULLIF(h.extractor, '')
                FROM unnest(\(historyUsers)::text[], \(historyWrites)::int8[], \(fields)::text[], \(kinds)::text[], \(values)::text[],
                            \(olds)::text[], \(news)::text[], \(sources)::text[], \(extractors)::text[])
                    WITH ORDINALITY AS h(user_id, write, field, kind, value, old, new, source, extractor, position)
                LEFT JOIN numbered n ON n.write = h.write
                WHERE h.user_id IN (SELECT user_id FROM done)
                ORDER BY h.position
            ), notified AS (
                SELECT pg_notify(\(PostgresProfileRepository.changeChannel), c.version::text || ' ' || c.user_id)
                FROM (SELECT user_id, version FROM updated UNION ALL SELECT user_id, version FROM inserted) c
            )
            SELECT 'u', user_id, version FROM done
            UNION ALL SELECT 'm', write::text, id FROM numbered
            UNION ALL SELECT 'n', '', count(*) FROM notified
            """, logger: logger)
        var stored = Stored()
        for try await (kind, key, number) in rows.decode((String, String, Int64).self) {
            switch kind {
            case "u": stored.versions[key] = number
            case "m": if let write = UInt64(key) { stored.messageIDs[write] = number }
            default: break
            }
        }
        return stored
    }
}
