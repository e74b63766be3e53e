import Foundation
import Hummingbird

/// When API keys are configured, every request needs `Authorization: Bearer <key>` (the scheme in
/// any case) except the open group: `GET`/`HEAD` of `/health` and of the page's own files — `/`,
/// `/docs` and each file of `FRONTEND_DIR` at its exact path (`/index.html`, `/js/main.js`, …).
/// Nothing is opened by what a path ends with. Keys are compared in constant time.
struct APIKeyMiddleware<Context: RequestContext>: RouterMiddleware {
    let keys: [[UInt8]]
    /// Exact paths anyone may read.
    let openPaths: Set<String>

    init(keys: [String], frontendDirectory: String) {
        self.keys = keys.map { Array($0.utf8) }
        self.openPaths = Self.openPaths(frontendDirectory: frontendDirectory)
    }

    /// `/`, `/health`, `/docs` and `/<path>` for each regular file in the page's folder and its
    /// subfolders (`/js/main.js`, …); hidden files and folders are never opened.
    static func openPaths(frontendDirectory: String) -> Set<String> {
        var paths: Set<String> = ["/", "/health", "/docs"]
        let folder = URL(fileURLWithPath: frontendDirectory, isDirectory: true).standardizedFileURL
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return paths }
        while let relative = walker.nextObject() as? String {
            let parts = relative.split(separator: "/")
            guard !parts.contains(where: { $0.hasPrefix(".") }) else { continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(relative).path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                paths.insert("/" + parts.joined(separator: "/"))
            }
        }
        return paths
    }

    func isOpen(_ request: Request) -> Bool {
        (request.method == .get || request.method == .head) && openPaths.contains(request.uri.path)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !keys.isEmpty, !isOpen(request) else { return try await next(request, context) }
        let presented = Self.bearerToken(request.headers[.authorization] ?? "")
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

    /// The credentials of a `Bearer` authorization (scheme compared case-insensitively, RFC 9110
    /// §11.1); empty for any other scheme.
    static func bearerToken(_ header: String) -> [UInt8] {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard let space = trimmed.firstIndex(of: " "), trimmed[..<space].lowercased() == "bearer" else { return [] }
        return Array(trimmed[space...].trimmingCharacters(in: .whitespaces).utf8)
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0
    }
}
