/// Range-checked conversions from JSON numbers (which arrive as `Double`) to integers.
/// `Int(someDouble)` traps on NaN, infinities and values beyond the integer's range, so every
/// number read from outside (request bodies, model replies, files) goes through these instead.
extension Double {
    /// The value as an `Int` when it is a whole number inside `range`; nil for fractions, NaN,
    /// infinities and anything outside the range. Never traps.
    public func wholeNumber(in range: ClosedRange<Int> = Int.min...Int.max) -> Int? {
        guard let value = Int(exactly: self), range.contains(value) else { return nil }
        return value
    }

    /// The value with any fraction dropped toward zero, as an `Int` inside `range`; nil for NaN,
    /// infinities and anything outside the range. Never traps.
    public func truncatedNumber(in range: ClosedRange<Int> = Int.min...Int.max) -> Int? {
        guard isFinite else { return nil }
        let truncated = rounded(.towardZero)
        // 2^63 is exactly representable; anything at or beyond it does not fit.
        guard truncated >= -9.223_372_036_854_775_808e18, truncated < 9.223_372_036_854_775_808e18 else { return nil }
        let value = Int(truncated)
        return range.contains(value) ? value : nil
    }
}

extension JSONValue {
    /// The largest magnitude at which every whole `Double` is exact (2^53): beyond it a JSON
    /// number no longer stands for one integer, so it is refused as a value to store.
    public static let maxSafeInteger: Double = 9_007_199_254_740_992

    /// The number as an `Int` when it is a whole number inside `range`; nil for anything else
    /// (a non-number, a fraction, out of range). Never traps.
    public func wholeNumber(in range: ClosedRange<Int> = Int.min...Int.max) -> Int? {
        guard case .number(let number) = self else { return nil }
        return number.wholeNumber(in: range)
    }

    /// True when every number inside the value (at any depth) is finite and of magnitude at most
    /// 2^53, so it can be stored, compared and printed as a whole number without loss or trap.
    public var hasOnlySafeNumbers: Bool {
        switch self {
        case .null, .bool, .string: true
        case .number(let number): number.isFinite && abs(number) <= Self.maxSafeInteger
        case .array(let items): items.allSatisfy(\.hasOnlySafeNumbers)
        case .object(let members): members.values.allSatisfy(\.hasOnlySafeNumbers)
        }
    }
}
