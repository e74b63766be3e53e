import PostgresNIO

/// A message and its job in one statement, which inserts them only when the user's generation row
/// exists and is `generation` (nil: any), holding it `FOR SHARE` (the lock every write about the user
/// takes first); it inserts nothing otherwise. Prepared: each pooled connection parses and plans it
/// once, instead of once a message (about 0.2 ms of the server's time for this three-part statement).
struct MessageAndJobStatement: PostgresPreparedStatement {
    static let name = "personalmem_message_and_job"
    /// Binds user, conversation, message, kind, payload, storage and generation, in that order.
    static let sql = """
        WITH entered AS (
            SELECT generation FROM user_generations WHERE user_key = sha256(convert_to($1, 'UTF8')) FOR SHARE),
        message AS (
            INSERT INTO messages (user_id, conversation_id, body)
            SELECT $1, $2, $3 FROM entered WHERE $7::bigint IS NULL OR entered.generation = $7 RETURNING id, user_id)
        INSERT INTO jobs (kind, user_id, message_id, payload, storage_id) SELECT $4, user_id, id, $5::jsonb, $6 FROM message
        RETURNING \(JobQueue.columns)
        """
    /// Declared, so that a null (a job bound to no storage) does not leave a type to infer.
    static let bindingDataTypes: [PostgresDataType] = [.text, .text, .text, .text, .text, .text, .int8]
    typealias Row = PostgresRow

    let binds: PostgresBindings

    init(kind: String, userID: String, conversationID: String?, message: String, payload: JSONValue?, storageID: String?, generation: Int64?) {
        binds = Database.binds(userID, conversationID, message, kind, payload?.jsonText, storageID, generation)
    }

    func makeBindings() -> PostgresBindings { binds }

    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}
