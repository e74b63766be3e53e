import Foundation

/// Every error body: `{"error": {"code", "message"}}`, plus the field and each detail for
/// validation failures.
public struct ErrorResponse: Codable, Equatable, Sendable {
    /// One rejected member of a request.
    public struct Detail: Codable, Equatable, Sendable {
        public var field: String
        public var message: String

        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }
    }

    public struct Body: Codable, Equatable, Sendable {
        public var code: String
        public var message: String
        /// The request member at fault; left out when the error is not about one member.
        public var field: String?
        /// One entry per rejected member of a batch; left out otherwise.
        public var details: [Detail]?
    }

    public var error: Body
}

extension ErrorResponse {
    init(_ error: APIError) {
        self.error = Body(code: error.code, message: error.message, field: error.field, details: error.details)
    }
}
