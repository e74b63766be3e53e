import Foundation
import Testing

@testable import PersonalMem

@Suite("Field catalog")
struct FieldCatalogTests {
    let catalog = FieldCatalog.standard

    @Test("every category of the original catalog is present, each field once")
    func catalogShape() {
        let names = catalog.fields.map(\.name)
        #expect(Set(names).count == names.count)
        for name in ["name", "age", "location", "company", "skills", "likes", "dislikes", "diet", "pets", "languages", "allergies", "jobs", "bucket_list"] {
            #expect(catalog.isKnown(name), "missing \(name)")
        }
        #expect(catalog.opposite(of: "likes") == "dislikes")
        #expect(catalog.opposite(of: "dislikes") == "likes")
    }

    @Test("texts are trimmed, digit strings become integers, lists are de-duplicated keeping the first spelling")
    func normalisation() throws {
        #expect(try catalog.validate(.string("  Alice \n"), forField: "name") == .text("Alice"))
        #expect(try catalog.validate(.string("31"), forField: "age") == .integer(31))
        #expect(try catalog.validate(.number(31), forField: "age") == .integer(31))
        #expect(try catalog.validate(.array([.string("Jazz"), .string(" jazz"), .string("Tea")]), forField: "likes") == .list(["Jazz", "Tea"]))
        #expect(try catalog.validate(.string("Go"), forField: "skills") == .list(["Go"]))
    }

    @Test("white space is trimmed exactly as Foundation trims it, with or without the ASCII shortcut")
    func whiteSpaceTrimming() {
        let texts = [
            "", "a", " ", "Alice", " Alice", "Alice\n", "\tA b\r\n", "\u{A0}Ana\u{3000}", "Zoë", "é", "x\u{85}", "\u{2028}y",
            "A\u{200B}", "a  b", "~!", "\u{7F}a",
        ]
        for text in texts {
            #expect(FieldCatalog.trimmingWhiteSpace(text) == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.unicodeScalars.map(\.value))")
        }
    }

    @Test("wrong types are refused with the field and what was expected")
    func refusals() {
        #expect(throws: FieldValidationError(field: "age", message: "field 'age' expects a whole number")) {
            try catalog.validate(.string("abc"), forField: "age")
        }
        #expect(throws: FieldValidationError.self) { try catalog.validate(.number(400), forField: "age") }
        #expect(throws: FieldValidationError.self) { try catalog.validate(.object(["a": .string("b")]), forField: "name") }
        #expect(throws: FieldValidationError.self) { try catalog.validate(.array([]), forField: "likes") }
        #expect(throws: FieldValidationError.self) { try catalog.validate(.string("   "), forField: "name") }
        #expect(throws: FieldValidationError.self) { try catalog.validate(.array([.object([:])]), forField: "likes") }
    }

    @Test("new snake_case fields are accepted as text or list; operation words and odd names are not")
    func customFields() throws {
        #expect(try catalog.validate(.string("Gibson"), forField: "guitar_brand") == .text("Gibson"))
        #expect(try catalog.validate(.array([.string("Rome")]), forField: "dream_cities") == .list(["Rome"]))
        #expect(catalog.definition(for: "favorite_band")?.category == .preferences)
        for bad in ["clear_work_context", "remove_likes", "replace_name", "Name", "my field", "x", "a__b", "../etc", "name_"] {
            #expect(catalog.definition(for: bad) == nil, "\(bad) should not be a field")
        }
    }

    @Test("job objects keep their members and drop duplicates")
    func objects() throws {
        let job: JSONValue = .object(["company": .string("Acme"), "role": .string("Engineer")])
        #expect(try catalog.validate(.array([job, job]), forField: "jobs") == .objects([["company": "Acme", "role": "Engineer"]]))
    }
}
