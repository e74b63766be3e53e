import Hummingbird

/// When API keys are configured, every route but the health checks and the static page needs
/// `Authorization: Bearer <key>`. Keys are compared in constant time.
struct APIKeyMiddleware<Context: RequestContext>: RouterMiddleware {
    let keys: [[UInt8]]

    init(keys: [String]) {
        self.keys = keys.map { Array($0.utf8) }
    }

    static func isOpen(_ path: String) -> Bool {
        path == "/" || path == "/health" || path.hasPrefix("/health/") || path == "/docs" || path == "/openapi.json"
            || path.hasSuffix(".js") || path.hasSuffix(".css") || path.hasSuffix(".html") || path.hasSuffix(".png")
            || path == "/favicon.ico"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !keys.isEmpty, !Self.isOpen(request.uri.path) else { return try await next(request, context) }
        let header = request.headers[.authorization] ?? ""
        let presented = header.hasPrefix("Bearer ") ? Array(header.utf8.dropFirst(7)) : []
        // Check every key so the time taken does not depend on which one matched.
        var matched = false
        for key in keys where Self.constantTimeEqual(key, presented) { matched = true }
        guard matched else {
            var error = APIError(.unauthorized, "unauthorized", "This route needs Authorization: Bearer <key> with one of the configured API keys.")
            error.headers[.wwwAuthenticate] = "Bearer"
            throw error
        }
        return try await next(request, context)
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0
    }
}
