import Testing

@testable import PersonalMem

@Suite("Profile merge and events")
struct ProfileMergerTests {
    let catalog = FieldCatalog.standard
    let merger = ProfileMerger()

    func apply(_ facts: [Fact], to profile: Profile = [:]) -> (Profile, [ProfileEvent]) {
        let (valid, rejected) = catalog.validate(facts)
        #expect(rejected.isEmpty)
        return merger.apply(valid, to: profile)
    }

    @Test("ADD when absent, UPDATE when changed, nothing when equal")
    func scalarEvents() {
        let (profile, events) = apply([Fact(field: "name", op: .set, value: .string("Alice"))])
        #expect(events.map(\.kind) == [.add])
        let (updated, second) = apply([Fact(field: "name", op: .set, value: .string("Alicia"))], to: profile)
        #expect(second.map(\.kind) == [.update])
        #expect(second.first?.oldValue == .text("Alice"))
        #expect(updated["name"] == .text("Alicia"))
        let (_, third) = apply([Fact(field: "name", op: .set, value: .string("Alicia"))], to: updated)
        #expect(third.isEmpty)
    }

    @Test("adding to a list merges case-insensitively and reports only the new items")
    func listAdd() {
        let start: Profile = ["hobbies": .list(["Chess"])]
        let (profile, events) = apply([Fact(field: "hobbies", op: .add, value: .array([.string("chess"), .string("Golf")]))], to: start)
        #expect(profile["hobbies"] == .list(["Chess", "Golf"]))
        #expect(events.count == 1)
        #expect(events.first?.kind == .update)
        #expect(events.first?.value == .list(["Golf"]))
        let (_, none) = apply([Fact(field: "hobbies", op: .add, value: .string("GOLF"))], to: profile)
        #expect(none.isEmpty)
    }

    @Test("removing items is DELETE; the last item removes the field")
    func listRemove() {
        let start: Profile = ["likes": .list(["coffee", "tea"])]
        let (profile, events) = apply([Fact(field: "likes", op: .remove, value: .string("Coffee"))], to: start)
        #expect(profile["likes"] == .list(["tea"]))
        #expect(events.map(\.kind) == [.delete])
        let (empty, last) = apply([Fact(field: "likes", op: .remove, value: .string("tea"))], to: profile)
        #expect(empty["likes"] == nil)
        #expect(last.first?.newValue == nil)
        let (_, nothing) = apply([Fact(field: "likes", op: .remove, value: .string("juice"))], to: empty)
        #expect(nothing.isEmpty)
    }

    @Test("set on a list replaces the whole list")
    func listReplace() {
        let (profile, events) = apply([Fact(field: "hobbies", op: .set, value: .array([.string("Piano")]))], to: ["hobbies": .list(["Chess"])])
        #expect(profile["hobbies"] == .list(["Piano"]))
        #expect(events.map(\.kind) == [.update])
    }

    @Test("likes and dislikes exclude each other")
    func opposites() {
        let (profile, events) = apply([Fact(field: "dislikes", op: .add, value: .string("Tea"))], to: ["likes": .list(["tea", "jazz"])])
        #expect(profile["likes"] == .list(["jazz"]))
        #expect(profile["dislikes"] == .list(["Tea"]))
        #expect(events.map(\.kind) == [.delete, .add])
        #expect(events.map(\.field) == ["likes", "dislikes"])
    }

    @Test("a scalar is removed only when the stated value matches; clear removes whatever is there")
    func scalarRemove() {
        let start: Profile = ["company": .text("Google")]
        #expect(apply([Fact(field: "company", op: .remove, value: .string("Apple"))], to: start).1.isEmpty)
        let (gone, events) = apply([Fact(field: "company", op: .remove, value: .string("google"))], to: start)
        #expect(gone["company"] == nil)
        #expect(events.map(\.kind) == [.delete])
        #expect(apply([Fact(field: "company", op: .clear)], to: start).0.isEmpty)
        #expect(apply([Fact(field: "company", op: .clear)]).1.isEmpty)
    }

    @Test("the context groups fields by category in catalog order")
    func rendering() {
        let text = ContextRenderer().render([
            "likes": .list(["jazz", "tea"]), "name": .text("Alice"), "age": .integer(31), "guitar_brand": .text("Gibson"),
        ])
        #expect(text == """
            User Information:
            Identity:
            - name: Alice
            - age: 31
            Preferences:
            - likes: jazz, tea
            Other:
            - guitar_brand: Gibson
            """)
        #expect(ContextRenderer().render([:]) == "")
    }

    @Test("custom fields follow the catalog's in their category, by name; a name the catalog refuses is Other")
    func renderingCustomFields() {
        let text = ContextRenderer().render([
            "zeta_custom": .text("z"), "favorite_band": .list(["X", "Y"]), "alpha_custom": .text("a"), "Bad Name": .text("b"),
            "favorite_color": .text("blue"), "jobs": .objects([["role": "dev", "company": "Acme"]]), "city": .text("Oslo"),
            "likes": .list(["jazz"]), "name": .text("Alice"),
        ])
        #expect(text == """
            User Information:
            Identity:
            - name: Alice
            Location:
            - city: Oslo
            Work and education:
            - jobs: (company: Acme, role: dev)
            Preferences:
            - likes: jazz
            - favorite_color: blue
            - favorite_band: X, Y
            Other:
            - Bad Name: b
            - alpha_custom: a
            - zeta_custom: z
            """)
    }
}
