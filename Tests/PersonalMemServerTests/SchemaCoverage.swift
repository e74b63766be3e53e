import Foundation
import PersonalMem

/// Walks examples along their schemas and records, for each object schema, which members the
/// examples have; a schema's `properties` should be exactly those (no member the document declares
/// but no example shows, none shown but undeclared).
struct SchemaCoverage {
    let document: [String: JSONValue]
    /// Schema name (`MemorySearch`, or `UserStats.index` for an inline object) → members seen.
    private(set) var seen: [String: Set<String>] = [:]
    /// Schema name → its declared `properties`.
    private(set) var declared: [String: Set<String>] = [:]

    init(document: [String: JSONValue]) { self.document = document }

    mutating func walk(_ value: JSONValue, schemaNamed name: String) {
        walk(value, schema: .object(["$ref": .string("#/components/schemas/\(name)")]), name: name)
    }

    private mutating func walk(_ value: JSONValue, schema: JSONValue, name: String) {
        guard var object = schema.objectValue else { return }
        var name = name
        if let reference = object["$ref"]?.stringValue {
            name = String(reference.split(separator: "/").last ?? "")
            object = resolve(reference)
        }
        // Alternatives: follow the first that describes an object or a list (`T or null`).
        for alternatives in [object["anyOf"], object["oneOf"]].compactMap({ $0?.arrayValue }) {
            if let first = alternatives.first(where: { $0.objectValue?["type"] != .string("null") }) {
                walk(value, schema: first, name: name)
            }
            return
        }
        switch value {
        case .object(let members):
            guard let properties = object["properties"]?.objectValue else { return }
            seen[name, default: []].formUnion(members.keys)
            declared[name] = Set(properties.keys)
            for (key, member) in members {
                if let property = properties[key] { walk(member, schema: property, name: "\(name).\(key)") }
            }
        case .array(let items):
            guard let itemSchema = object["items"] else { return }
            for item in items { walk(item, schema: itemSchema, name: "\(name)[]") }
        default:
            return
        }
    }

    /// Each schema whose examples and declared members differ, with the difference.
    var mismatches: [String] {
        declared.keys.sorted().compactMap { name in
            let shown = seen[name] ?? [], listed = declared[name] ?? []
            guard shown != listed else { return nil }
            let undeclared = shown.subtracting(listed).sorted(), unshown = listed.subtracting(shown).sorted()
            return "\(name): in examples but not declared \(undeclared), declared but in no example \(unshown)"
        }
    }

    private func resolve(_ reference: String) -> [String: JSONValue] {
        var target: JSONValue = .object(document)
        for part in reference.dropFirst(2).split(separator: "/") { target = target.objectValue?[String(part)] ?? .null }
        return target.objectValue ?? [:]
    }
}
