import Foundation
import Hummingbird
import PersonalMem

/// The one error type the HTTP layer renders: `{"error": {"code", "message"}}` plus, for
/// validation failures, the field and every detail.
public struct APIError: Error, Sendable {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String
    public var field: String? = nil
    public var details: [ErrorResponse.Detail]? = nil
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    static func badRequest(_ message: String) -> APIError { APIError(.badRequest, "invalid_request", message) }
    static func notFound(_ message: String) -> APIError { APIError(.notFound, "not_found", message) }
    static func tooLarge(_ message: String) -> APIError { APIError(.contentTooLarge, "message_too_long", message) }
    /// A value of the right type but out of range (or not whole): 422 naming the field.
    static func invalidValue(_ field: String, _ message: String) -> APIError {
        var error = APIError(.unprocessableContent, "invalid_value", message)
        error.field = field
        return error
    }
    /// A body over the route's byte limit.
    static func bodyTooLarge(limit: Int, variable: String) -> APIError {
        APIError(.contentTooLarge, "body_too_large", "The request body is larger than \(limit) bytes (\(variable)).")
    }
    static let databaseUnavailable = APIError(.serviceUnavailable, "database_unavailable", "The database is not reachable; try again shortly.")
}

extension APIError: HTTPResponseError {
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try Response.json(ErrorResponse(self), status: status)
        for field in headers where field.name != .contentType { response.headers.append(field) }
        return response
    }
}
