import Foundation

/// Greedy clustering of vectors by cosine similarity: each not-yet-grouped vector, in input order,
/// becomes a seed and takes every not-yet-grouped vector at or above the threshold to it. Exact
/// (all pairs) for small inputs; above `exactComparisonLimit` only vectors sharing a
/// random-hyperplane hash bucket with the seed are compared.
struct DuplicateFinder {
    struct Result {
        /// Groups of indices into the input, seed first; only groups of two or more.
        var groups: [[Int]]
        var comparisons: Int
        var usedBuckets: Bool
        var truncated: Bool
    }

    let options: ConsolidationOptions

    /// `vectors` are compared by cosine; `kinds` must match when `requireSameKind` is set.
    func groups(vectors: [[Float]], kinds: [MemoryKind]) -> Result {
        let n = vectors.count
        guard n > 1 else { return Result(groups: [], comparisons: 0, usedBuckets: false, truncated: false) }
        let dims = vectors.first { !$0.isEmpty }?.count ?? 0
        guard dims > 0 else { return Result(groups: [], comparisons: 0, usedBuckets: false, truncated: false) }

        // Normalised rows in one flat array; rows of another length or all zeros stay invalid.
        var flat = [Float](repeating: 0, count: n * dims)
        var valid = [Bool](repeating: false, count: n)
        for (i, vector) in vectors.enumerated() where vector.count == dims {
            var sum: Float = 0
            for value in vector { sum += value * value }
            guard sum > 0, sum.isFinite else { continue }
            let scale = 1 / sum.squareRoot()
            for d in 0..<dims { flat[i * dims + d] = vector[d] * scale }
            valid[i] = true
        }

        let useBuckets = n > options.exactComparisonLimit
        let buckets = useBuckets ? bucketMembers(flat: flat, valid: valid, n: n, dims: dims) : nil
        let threshold = Float(options.similarityThreshold)
        var assigned = [Bool](repeating: false, count: n)
        var seenStamp = [Int](repeating: -1, count: n)
        var groups: [[Int]] = []
        var comparisons = 0
        var truncated = false

        let requireSameKind = options.requireSameKind
        let maxComparisons = options.maxComparisons
        var candidates: [Int] = []
        flat.withUnsafeBufferPointer { rows in
            let base = rows.baseAddress!
            for seed in 0..<n where valid[seed] && !assigned[seed] {
                if comparisons >= maxComparisons {
                    truncated = true
                    break
                }
                candidates.removeAll(keepingCapacity: true)
                if let buckets {
                    for bucket in buckets.keysOfRow[seed] {
                        for other in buckets.members[bucket] ?? [] where seenStamp[other] != seed {
                            seenStamp[other] = seed
                            candidates.append(other)
                        }
                    }
                } else {
                    candidates.append(contentsOf: (seed + 1)..<n)
                }
                var group = [seed]
                let seedRow = base + seed * dims
                for other in candidates where other != seed && valid[other] && !assigned[other] {
                    if requireSameKind && kinds[other] != kinds[seed] { continue }
                    comparisons += 1
                    if Self.dot(seedRow, base + other * dims, dims) >= threshold { group.append(other) }
                }
                if group.count > 1 {
                    for member in group { assigned[member] = true }
                    groups.append(group)
                }
                assigned[seed] = true
            }
        }
        return Result(groups: groups, comparisons: comparisons, usedBuckets: useBuckets, truncated: truncated)
    }

    /// Dot product of two rows of `count` floats, with four running sums so the loop vectorises.
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        var s0: Float = 0, s1: Float = 0, s2: Float = 0, s3: Float = 0
        var i = 0
        while i + 4 <= count {
            s0 += a[i] * b[i]
            s1 += a[i + 1] * b[i + 1]
            s2 += a[i + 2] * b[i + 2]
            s3 += a[i + 3] * b[i + 3]
            i += 4
        }
        while i < count {
            s0 += a[i] * b[i]
            i += 1
        }
        return (s0 + s1) + (s2 + s3)
    }

    /// Random-hyperplane (SimHash) buckets: for each table, the signs of `bucketBits` dot products.
    private struct Buckets {
        var keysOfRow: [[Int]]
        var members: [Int: [Int]]
    }

    private func bucketMembers(flat: [Float], valid: [Bool], n: Int, dims: Int) -> Buckets {
        let tables = max(1, options.bucketTables)
        let automatic = Int(log2(Double(max(n, 1)) / 32).rounded(.up))
        let bits = min(16, max(1, options.bucketBits ?? max(8, automatic)))
        var random = DeterministicRandom(seed: 0x5EED_1234)
        var planes = [Float](repeating: 0, count: tables * bits * dims)
        for i in planes.indices { planes[i] = random.nextGaussian() }

        var keysOfRow = [[Int]](repeating: [], count: n)
        var members: [Int: [Int]] = [:]
        planes.withUnsafeBufferPointer { planeRows in
            flat.withUnsafeBufferPointer { rows in
                for row in 0..<n where valid[row] {
                    var keys: [Int] = []
                    keys.reserveCapacity(tables)
                    for table in 0..<tables {
                        var signature = 0
                        for bit in 0..<bits {
                            let plane = planeRows.baseAddress! + (table * bits + bit) * dims
                            if Self.dot(plane, rows.baseAddress! + row * dims, dims) >= 0 { signature |= 1 << bit }
                        }
                        let key = table << 16 | signature
                        keys.append(key)
                        members[key, default: []].append(row)
                    }
                    keysOfRow[row] = keys
                }
            }
        }
        return Buckets(keysOfRow: keysOfRow, members: members)
    }
}

/// SplitMix64 with a Box-Muller Gaussian, so bucketing is the same on every run and machine.
struct DeterministicRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in (0, 1].
    mutating func nextUnit() -> Double {
        (Double(next() >> 11) + 1) / 9_007_199_254_740_992
    }

    mutating func nextGaussian() -> Float {
        let u = nextUnit(), v = nextUnit()
        return Float((-2 * log(u)).squareRoot() * cos(2 * .pi * v))
    }
}
