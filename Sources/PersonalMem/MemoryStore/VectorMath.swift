/// Small vector helpers shared by the index, the store and the built-in embedder.
enum VectorMath {
    /// L2-normalises each row of `dims` floats in place; all-zero rows stay zero.
    static func normaliseRows(_ values: inout [Float], dims: Int) {
        guard dims > 0 else { return }
        values.withUnsafeMutableBufferPointer { buffer in
            var start = 0
            while start + dims <= buffer.count {
                var sum: Float = 0
                for i in start..<(start + dims) { sum += buffer[i] * buffer[i] }
                if sum > 0, sum.isFinite {
                    let scale = 1 / sum.squareRoot()
                    for i in start..<(start + dims) { buffer[i] *= scale }
                }
                start += dims
            }
        }
    }

    /// A normalised copy of one vector.
    static func normalised(_ vector: [Float]) -> [Float] {
        var copy = vector
        normaliseRows(&copy, dims: copy.count)
        return copy
    }
}
