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

    /// Walks `value` along the schema `name`, or along the one of several alternatives
    /// (`ChatCompletion or ChatCompletionDryRun`) it fits.
    mutating func walk(_ value: JSONValue, schemaNamed name: String) {
        let references = name.components(separatedBy: " or ").map { JSONValue.object(["$ref": .string("#/components/schemas/\($0)")]) }
        walk(value, schema: references.count == 1 ? references[0] : .object(["oneOf": .array(references)]), name: name)
    }

    private mutating func walk(_ value: JSONValue, schema: JSONValue, name: String) {
        guard var object = schema.objectValue else { return }
        var name = name
        if let reference = object["$ref"]?.stringValue {
            name = String(reference.split(separator: "/").last ?? "")
            object = resolve(reference)
        }
        // Alternatives: follow the one the value fits (`T or null`, an answer or a dry run).
        for alternatives in [object["anyOf"], object["oneOf"]].compactMap({ $0?.arrayValue }) {
            if let chosen = alternatives.first(where: { fits(value, $0) }) { walk(value, schema: chosen, name: name) }
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

    /// Whether `value` is of the schema's type and, for an object with declared members, has each
    /// required member and no other.
    private func fits(_ value: JSONValue, _ schema: JSONValue) -> Bool {
        var object = schema.objectValue ?? [:]
        if let reference = object["$ref"]?.stringValue { object = resolve(reference) }
        let type = object["type"]?.stringValue
        switch value {
        case .object(let members):
            guard let properties = object["properties"]?.objectValue else { return type == "object" }
            let required = Set(object["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            return required.isSubset(of: members.keys) && Set(members.keys).isSubset(of: properties.keys)
        case .array: return type == "array"
        case .null: return type == "null"
        default: return type != "array" && type != "object" && type != "null"
        }
    }

    private func resolve(_ reference: String) -> [String: JSONValue] {
        var target: JSONValue = .object(document)
        for part in reference.dropFirst(2).split(separator: "/") { target = target.objectValue?[String(part)] ?? .null }
        return target.objectValue ?? [:]
    }
}
