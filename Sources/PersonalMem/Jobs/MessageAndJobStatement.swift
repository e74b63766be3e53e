import PostgresNIO

/// The message-and-job insert (``JobQueue/messageAndJobSQL``) as a prepared statement, for the
/// chat's one-statement path: each pooled connection parses and plans it once, instead of once a
/// turn (about 0.2 ms of the server's time for this three-part statement).
struct MessageAndJobStatement: PostgresPreparedStatement {
    static let name = "personalmem_message_and_job"
    static var sql: String { JobQueue.messageAndJobSQL }
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
