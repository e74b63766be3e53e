extension MemoryRecord {
    /// Reads `memory_id` from an encoded line without decoding the rest (nil if the key is not found).
    ///
    /// Safe against look-alikes in text: inside a JSON string every `"` is escaped, so the bytes
    /// `"memory_id":` only occur as the key.
    static func fastMemoryID(in line: ArraySlice<UInt8>) -> Int64? {
        let key = Array("\"memory_id\":".utf8)
        guard line.count > key.count else { return nil }
        var i = line.startIndex
        let last = line.endIndex - key.count
        while i <= last {
            if line[i] == key[0] && line[i..<(i + key.count)].elementsEqual(key) {
                var j = i + key.count
                while j < line.endIndex && line[j] == UInt8(ascii: " ") { j += 1 }
                var negative = false
                if j < line.endIndex && line[j] == UInt8(ascii: "-") {
                    negative = true
                    j += 1
                }
                var value: Int64 = 0
                var digits = 0
                while j < line.endIndex, line[j] >= UInt8(ascii: "0"), line[j] <= UInt8(ascii: "9") {
                    let (times, o1) = value.multipliedReportingOverflow(by: 10)
                    let (sum, o2) = times.addingReportingOverflow(Int64(line[j] - UInt8(ascii: "0")))
                    if o1 || o2 { return nil }
                    value = sum
                    digits += 1
                    j += 1
                }
                return digits > 0 ? (negative ? -value : value) : nil
            }
            i += 1
        }
        return nil
    }
}
