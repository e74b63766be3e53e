/// Applies validated facts to a profile and reports one event per real change.
/// ADD when the field was absent, UPDATE when its value changed, DELETE when the field was
/// removed or items left a list; nothing when a fact changes nothing. An add that would take a
/// list past ``FieldCatalog/maxListItems`` is refused whole (never cut short silently).
public struct ProfileMerger: Sendable {
    public let catalog: FieldCatalog

    public init(catalog: FieldCatalog = .standard) {
        self.catalog = catalog
    }

    public func apply(_ facts: [ValidatedFact], to profile: Profile) -> (profile: Profile, events: [ProfileEvent]) {
        let merged = merge(facts, into: profile)
        return (merged.profile, merged.events)
    }

    /// Applies the facts it can; `refused` names each fact that would overflow a list (and changed nothing).
    public func merge(_ facts: [ValidatedFact], into profile: Profile) -> (
        profile: Profile, events: [ProfileEvent], refused: [FieldValidationError]
    ) {
        var state = profile
        var events: [ProfileEvent] = []
        var refused: [FieldValidationError] = []
        for fact in facts {
            if let full = overflow(fact, in: state) {
                refused.append(full)
                continue
            }
            events += apply(fact, to: &state)
        }
        return (state, events, refused)
    }

    /// Why adding `fact` would take its list past the cap, or nil when it fits.
    private func overflow(_ fact: ValidatedFact, in state: Profile) -> FieldValidationError? {
        guard fact.op == .add, case .list(let items)? = fact.value, case .list(let current)? = state[fact.definition.name] else { return nil }
        let cap = FieldCatalog.maxListItems
        guard current.count + items.count > cap else { return nil }
        let keys = Set(current.map(FieldCatalog.foldKey))
        let added = items.filter { !keys.contains(FieldCatalog.foldKey($0)) }.count
        guard current.count + added > cap else { return nil }
        let name = fact.definition.name
        return FieldValidationError(
            field: name,
            message: "list '\(name)' is full: it holds \(current.count) items and a list keeps at most \(cap); adding \(added) more is refused (remove items first)")
    }

    private func apply(_ fact: ValidatedFact, to state: inout Profile) -> [ProfileEvent] {
        let name = fact.definition.name
        let old = state[name]
        switch (fact.op, fact.value) {
        case (.clear, _), (.remove, nil):
            guard let old else { return [] }
            state[name] = nil
            return [ProfileEvent(field: name, kind: .delete, value: old, oldValue: old, newValue: nil)]
        case (.add, .list(let items)?):
            var events = removeOpposites(of: name, items: items, from: &state)
            let current = old.flatMap(Self.items) ?? []
            let keys = Set(current.map(FieldCatalog.foldKey))
            let added = FieldCatalog.deduplicated(items).filter { !keys.contains(FieldCatalog.foldKey($0)) }
            guard !added.isEmpty else { return events }
            // `merge` refused an add that would pass the cap, so nothing is cut here.
            let merged = ProfileValue.list(current + added)
            state[name] = merged
            events.append(ProfileEvent(field: name, kind: old == nil ? .add : .update, value: .list(added), oldValue: old, newValue: merged))
            return events
        case (.add, .objects(let objects)?):
            let current: [[String: String]] = if case .objects(let list)? = old { list } else { [] }
            let added = objects.filter { object in !current.contains { FieldCatalog.sameObject($0, object) } }
            guard !added.isEmpty else { return [] }
            let merged = ProfileValue.objects(current + added)
            state[name] = merged
            return [ProfileEvent(field: name, kind: old == nil ? .add : .update, value: .objects(added), oldValue: old, newValue: merged)]
        case (.set, let value?), (.add, let value?):
            var events: [ProfileEvent] = []
            if case .list(let items) = value { events = removeOpposites(of: name, items: items, from: &state) }
            guard old != value else { return events }
            state[name] = value
            events.append(ProfileEvent(field: name, kind: old == nil ? .add : .update, value: value, oldValue: old, newValue: value))
            return events
        case (.remove, let value?):
            guard let old else { return [] }
            return remove(value, from: name, old: old, state: &state)
        case (.set, nil), (.add, nil):
            // Validation gives set and add a value; without one there is nothing to do.
            return []
        }
    }

    private func remove(_ value: ProfileValue, from name: String, old: ProfileValue, state: inout Profile) -> [ProfileEvent] {
        switch (old, value) {
        case (.list(let current), _):
            let doomed = Set((Self.items(value) ?? []).map(FieldCatalog.foldKey))
            let kept = current.filter { !doomed.contains(FieldCatalog.foldKey($0)) }
            let removed = current.filter { doomed.contains(FieldCatalog.foldKey($0)) }
            guard !removed.isEmpty else { return [] }
            let new: ProfileValue? = kept.isEmpty ? nil : .list(kept)
            state[name] = new
            return [ProfileEvent(field: name, kind: .delete, value: .list(removed), oldValue: old, newValue: new)]
        case (.objects(let current), .objects(let objects)):
            let kept = current.filter { object in !objects.contains { FieldCatalog.sameObject($0, object) } }
            guard kept.count < current.count else { return [] }
            let new: ProfileValue? = kept.isEmpty ? nil : .objects(kept)
            state[name] = new
            return [ProfileEvent(field: name, kind: .delete, value: value, oldValue: old, newValue: new)]
        default:
            // A scalar is removed only when the stated value is the stored one.
            guard FieldCatalog.foldKey(old.displayText) == FieldCatalog.foldKey(value.displayText) else { return [] }
            state[name] = nil
            return [ProfileEvent(field: name, kind: .delete, value: old, oldValue: old, newValue: nil)]
        }
    }

    /// Adding items to one of a pair of opposite lists takes them out of the other.
    private func removeOpposites(of name: String, items: [String], from state: inout Profile) -> [ProfileEvent] {
        guard let opposite = catalog.opposite(of: name), let old = state[opposite] else { return [] }
        return remove(.list(items), from: opposite, old: old, state: &state)
    }

    static func items(_ value: ProfileValue) -> [String]? {
        switch value {
        case .list(let items): items
        case .text(let text): [text]
        case .integer(let number): [String(number)]
        case .objects: nil
        }
    }
}
