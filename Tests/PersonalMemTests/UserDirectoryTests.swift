import Foundation
import Testing

@testable import PersonalMem

@Suite("UserDirectory")
struct UserDirectoryTests {
    static let unsafeIDs = [
        "../x", "../../etc/passwd", "a/b", "/absolute", ".", "..", "nul\0byte", String(repeating: "x", count: 1000),
        "用户-张三", "emoji 🙂 user", "Alice", "alice",
    ]

    @Test("safe names stay inside the root", arguments: unsafeIDs)
    func staysInside(id: String) throws {
        let root = URL(fileURLWithPath: "/tmp/pm-root")
        let layout = UserDirectory(root: root)
        let directory = try layout.directory(forUser: id)
        #expect(directory.path.hasPrefix("/tmp/pm-root/users/"))
        #expect(directory.deletingLastPathComponent().path == "/tmp/pm-root/users")
        let name = directory.lastPathComponent
        #expect(name.count <= 49)
        #expect(name.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })

        let log = try UserDirectory.conversationFile(in: directory, conversationID: id)
        #expect(log.deletingLastPathComponent().path == directory.path + "/conversations")
    }

    @Test("names are distinct and stable")
    func distinct() throws {
        let names = try Self.unsafeIDs.map { try UserDirectory.safeName(for: $0) }
        #expect(Set(names).count == names.count)
        #expect(try UserDirectory.safeName(for: "Alice") == UserDirectory.safeName(for: "Alice"))
        #expect(try UserDirectory.safeName(for: "Alice").hasPrefix("alice-"))
        #expect(throws: UserDirectory.Failure.emptyID) { try UserDirectory.safeName(for: "") }
    }

    @Test("SHA-256 matches known digests")
    func sha256() {
        #expect(SHA256.hex(Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256.hex(long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
