import Hummingbird
import NIOCore

/// Caps the bytes a request body may carry, before any route reads it: a declared
/// `Content-Length` over the limit is refused at once, and a chunked (or lying) body is cut off
/// with the same 413 once it passes the limit. `POST /users/{id}/import` has its own, larger limit.
struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    /// `MAX_BODY_BYTES`: every route but import.
    let maxBodyBytes: Int
    /// `MAX_IMPORT_BYTES`: `POST /users/{id}/import`.
    let maxImportBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let (limit, variable) = Self.isImport(request) ? (maxImportBytes, "MAX_IMPORT_BYTES") : (maxBodyBytes, "MAX_BODY_BYTES")
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            throw APIError.bodyTooLarge(limit: limit, variable: variable)
        }
        var request = request
        request.body = RequestBody(asyncSequence: LimitedBody(base: request.body, limit: limit, variable: variable))
        return try await next(request, context)
    }

    static func isImport(_ request: Request) -> Bool {
        guard request.method == .post else { return false }
        let parts = request.uri.path.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0].isEmpty && parts[1] == "users" && parts[3] == "import"
    }
}

/// Thrown while a body is read once it has passed its limit; rendered as a 413.
struct BodyTooLarge: Error, Sendable {
    let limit: Int
    let variable: String
}

/// A request body that throws ``BodyTooLarge`` instead of yielding more than `limit` bytes.
struct LimitedBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let base: RequestBody
    let limit: Int
    let variable: String

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: RequestBody.AsyncIterator
        let limit: Int
        let variable: String
        var seen = 0

        mutating func next() async throws -> ByteBuffer? {
            guard let buffer = try await base.next() else { return nil }
            seen += buffer.readableBytes
            guard seen <= limit else { throw BodyTooLarge(limit: limit, variable: variable) }
            return buffer
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), limit: limit, variable: variable)
    }
}
