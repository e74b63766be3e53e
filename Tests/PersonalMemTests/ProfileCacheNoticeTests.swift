import Foundation
import Testing

@testable import PersonalMem

@Suite("Profile cache and change notices")
struct ProfileCacheNoticeTests {
    private func snapshot(_ user: String, _ version: Int64) -> ProfileSnapshot {
        ProfileSnapshot(userID: user, profile: ["name": .text("Ada")], version: version, renderer: ContextRenderer())
    }

    @Test("a payload is \"<version> <user id>\"; anything else is a bare user id")
    func payloads() {
        #expect(ProfileChangeNotice(payload: "42 ada@example.com") == ProfileChangeNotice(userID: "ada@example.com", version: 42))
        #expect(ProfileChangeNotice(payload: "ada") == ProfileChangeNotice(userID: "ada", version: nil))
        #expect(ProfileChangeNotice(payload: "12345") == ProfileChangeNotice(userID: "12345", version: nil))
        #expect(ProfileChangeNotice(payload: "0 ada") == ProfileChangeNotice(userID: "0 ada", version: nil))
        #expect(ProfileChangeNotice(payload: "-3 ada") == ProfileChangeNotice(userID: "-3 ada", version: nil))
        #expect(ProfileChangeNotice(payload: "99999999999999999999 ada").version == nil, "a version beyond Int64 is no version")
        #expect(ProfileChangeNotice(payload: "").userID == "")
        #expect(ProfileChangeNotice(payload: "77 ada deleted") == ProfileChangeNotice(userID: "ada", version: 77, deleted: true))
        #expect(ProfileChangeNotice(payload: "77 ada gone") == ProfileChangeNotice(userID: "77 ada gone", version: nil))
        #expect(ProfileChangeNotice(payload: "77 ").version == nil)
    }

    @Test("a notice drops a copy older than its version and keeps one at or above it; no version drops it")
    func versions() {
        let cache = ProfileCache(capacity: 10)
        cache.storeCommitted(snapshot("a", 7))
        let before = cache.generation()
        cache.invalidate(ProfileChangeNotice(userID: "a", version: 7))
        #expect(cache.get("a")?.version == 7, "the notice of the write that put the copy in keeps it")
        cache.invalidate(ProfileChangeNotice(userID: "a", version: 5))
        #expect(cache.get("a")?.version == 7, "a late notice of an older change keeps the newer copy")
        #expect(cache.generation() == before, "a notice the copy already holds does not refuse reads in flight")
        cache.invalidate(ProfileChangeNotice(userID: "a", version: 8))
        #expect(cache.get("a") == nil, "a newer change elsewhere drops the copy")
        #expect(cache.generation() != before)

        cache.storeCommitted(snapshot("b", 3))
        cache.invalidate(ProfileChangeNotice(userID: "b", version: nil))
        #expect(cache.get("b") == nil, "a notice without a version always drops the copy")

        // A delete's notice drops even a copy newer than it (written after the delete), with the kept generation.
        cache.storeCommitted(snapshot("d", 12))
        cache.storeUserGeneration(1, of: "d", ifUnchangedSince: cache.generation())
        cache.invalidate(ProfileChangeNotice(userID: "d", version: 9))
        #expect(cache.get("d") != nil && cache.userGeneration("d") == 1, "an older write's notice keeps both")
        cache.invalidate(ProfileChangeNotice(userID: "d", version: 10, deleted: true))
        #expect(cache.get("d") == nil && cache.userGeneration("d") == nil)

        // A read that raced with a newer change elsewhere is not stored.
        let read = cache.generation()
        cache.invalidate(ProfileChangeNotice(userID: "c", version: 4))
        cache.store(snapshot("c", 3), ifUnchangedSince: read)
        #expect(cache.get("c") == nil)
    }
}
