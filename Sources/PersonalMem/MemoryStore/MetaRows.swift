/// The position of every memory in `meta.jsonl`, in file order, so records are read on demand.
struct MetaRows {
    private(set) var ids: [Int64] = []
    private(set) var offsets: [UInt64] = []
    private(set) var lengths: [UInt32] = []
    private var rowByID: [Int64: Int] = [:]
    /// The id the next memory gets.
    var nextID: Int64 = 1

    mutating func append(id: Int64, offset: UInt64, length: Int) {
        rowByID[id] = ids.count
        ids.append(id)
        offsets.append(offset)
        lengths.append(UInt32(clamping: length))
        nextID = max(nextID, id + 1)
    }

    func row(of id: Int64) -> Int? { rowByID[id] }

    /// Whether ids strictly increase (the store assigns them that way).
    var isIncreasing: Bool { zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 } }
}
