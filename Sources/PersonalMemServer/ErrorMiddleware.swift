import Hummingbird
import Logging
import NIOCore
import PersonalMem
import PostgresNIO

/// Turns every error a route throws into an `APIError` JSON body: client mistakes into 4xx,
/// a failing model into 502/503, an unreachable database into 503, anything else into a bare
/// 500 (logged by type only, never with request data).
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch {
            throw Self.translate(error, logger: context.logger)
        }
    }

    static func translate(_ error: any Error, logger: Logger) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as BodyTooLarge:
            return .bodyTooLarge(limit: error.limit, variable: error.variable)
        case is NIOTooManyBytesError:
            return APIError(.contentTooLarge, "body_too_large", "The request body is too large.")
        case let error as HTTPError:
            let code: String =
                switch error.status {
                case .notFound: "not_found"
                case .contentTooLarge: "too_large"
                case .methodNotAllowed: "method_not_allowed"
                case .unauthorized: "unauthorized"
                default: error.status.code < 500 ? "invalid_request" : "internal"
                }
            let message: String =
                switch error.status {
                case .notFound: "No such route. See /openapi.json for the API."
                case .contentTooLarge: "The request body is too large."
                default: error.body ?? error.status.reasonPhrase
                }
            return APIError(error.status, code, message)
        case let error as PostgresTransactionError:
            return translate(error.closureError ?? error.beginError ?? error.commitError ?? error, logger: logger)
        case let error as ProfileMemory.ExtractionFailed:
            switch error.underlying {
            case .unavailable(let reason):
                var apiError = APIError(
                    .serviceUnavailable, "llm_unavailable",
                    "The extraction model is not available (\(reason)). The message is stored as message \(error.messageID) and can be extracted again with POST /messages/\(error.messageID)/extract.")
                apiError.headers[.retryAfter] = "5"
                return apiError
            case .unreadableReply(let reason):
                return APIError(
                    .badGateway, "llm_bad_reply",
                    "The extraction model's reply could not be read (\(reason)). The message is stored as message \(error.messageID) and can be extracted again with POST /messages/\(error.messageID)/extract.")
            }
        case let error as ProfileMemory.BatchRejected:
            var apiError = APIError(
                .unprocessableContent, error.code, error.errors.map(\.message).joined(separator: "; "))
            apiError.field = error.errors.first?.field
            apiError.details = error.errors.map { ErrorResponse.Detail(field: $0.field, message: $0.message) }
            return apiError
        case is UserDeleted:
            return APIError(
                .conflict, "user_deleted", "The user's memories were deleted while this request was under way; nothing of it was stored.")
        case is CommitOutcomeUnknown:
            logger.error("commit outcome unknown")
            return APIError(
                .gatewayTimeout, "commit_outcome_unknown",
                "The database did not confirm the commit in time: the write may or may not be stored. Read before retrying.")
        case let error as MemoryStoreError:
            switch error {
            case .embeddingMismatch:
                return APIError(.conflict, "embedding_mismatch", "This user's memories were embedded with another model: \(error.description). Run `personalmem reembed --user <id>`.")
            case .locked:
                return APIError(.serviceUnavailable, "storage_busy", "The user's memory files are in use by another process; try again.")
            default:
                logger.error("memory store failure", metadata: ["error": "\(error)"])
                return APIError(.internalServerError, "storage_failed", "The user's memory files could not be read or written; it has been logged.")
            }
        case let error as PSQLError where error.code != .server:
            logger.error("database unavailable", metadata: ["error": "\(error.code)"])
            return .databaseUnavailable
        case is IOError, is ChannelError, is DatabaseUnavailable:
            logger.error("database unavailable", metadata: ["error": "\(type(of: error))"])
            return .databaseUnavailable
        default:
            logger.error("unexpected error", metadata: ["error": "\(type(of: error))"])
            return APIError(.internalServerError, "internal", "Something went wrong on our side; it has been logged.")
        }
    }
}
