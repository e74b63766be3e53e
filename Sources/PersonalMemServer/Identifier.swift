import Foundation

/// User and conversation ids: nothing that could become a path.
enum Identifier {
    static func validUserID(_ text: String) throws -> String {
        guard isValid(text) else {
            var error = APIError.badRequest("user_id must be 1 to 128 characters of letters, digits, and . _ @ : -, not dots only")
            error.field = "user_id"
            throw error
        }
        return text
    }

    static func validConversationID(_ text: String) throws -> String {
        guard isValid(text) else {
            var error = APIError.badRequest("conversation_id must be 1 to 128 characters of letters, digits, and . _ @ : -, not dots only")
            error.field = "conversation_id"
            throw error
        }
        return text
    }

    /// 1 to 128 of `[A-Za-z0-9._@:-]`, and not dots only (`.` and `..` name directories).
    static func isValid(_ text: String) -> Bool {
        (1...128).contains(text.utf8.count) && !text.utf8.allSatisfy({ $0 == 0x2E })
            && text.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == 0x2E || byte == 0x5F || byte == 0x40 || byte == 0x3A || byte == 0x2D
            }
    }
}
