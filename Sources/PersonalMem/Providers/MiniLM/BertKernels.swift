import CFaissShim
import Dispatch
import Foundation

/// The element-wise and row-wise steps of a BERT forward pass, on raw row-major buffers; matrix
/// products go to OpenBLAS's `cblas_sgemm`, or for a few rows to the shim's packed kernel.
enum BertKernels {
    /// Products with at most this many rows use the packed weights (when there are): below it,
    /// re-packing the weights costs `cblas_sgemm` more than the arithmetic.
    static let packedRowLimit = 64

    /// `y[rows × outputs] += x[rows × inputs] · wᵀ`. With `parts` > 1 the output columns are split into
    /// that many blocks computed at once on as many threads: for one short sentence, whose products are
    /// too small for a batch's parallelism, this spreads the weights' reads and the arithmetic over the cores.
    static func linear(_ x: UnsafePointer<Float>, rows: Int, weight: LinearWeight, into y: UnsafeMutablePointer<Float>, parts: Int = 1) {
        let packed = !weight.packed.isEmpty && rows <= packedRowLimit
        // Whole blocks per thread: 16-column blocks for the packed kernel, 64-column groups for OpenBLAS.
        let width = packed ? Int(PM_PACKED_BLOCK) : 64
        let groups = weight.outputs / width
        let parts = max(1, min(parts, groups))
        weight.values.withUnsafeBufferPointer { values in
            weight.packed.withUnsafeBufferPointer { packedValues in
                let share = SendablePointers(x: x, weight: values.baseAddress!, packed: packedValues.baseAddress, y: y)
                let rows = rows, inputs = weight.inputs, outputs = weight.outputs
                let run = { @Sendable (part: Int) in
                    let first = groups * part / parts
                    let last = groups * (part + 1) / parts
                    if packed, let packedWeights = share.packed {
                        pm_packed_linear(
                            share.x, Int32(rows), Int32(inputs), packedWeights, Int32(first), Int32(last), share.y, Int32(outputs))
                    } else {
                        // The last part also takes the columns after the last whole group.
                        let end = part == parts - 1 ? outputs : last * width
                        product(
                            share.x, rows: rows, inputs: inputs, weight: share.weight + first * width * inputs,
                            outputs: end - first * width, into: share.y + first * width, yStride: outputs)
                    }
                }
                if parts == 1 { run(0) } else { DispatchQueue.concurrentPerform(iterations: parts, execute: run) }
            }
        }
    }

    /// OpenBLAS's product for a column block: `y += x · wᵀ` with `w` `[outputs × inputs]` and rows of `y` `yStride` apart.
    private static func product(
        _ x: UnsafePointer<Float>, rows: Int, inputs: Int, weight: UnsafePointer<Float>, outputs: Int, into y: UnsafeMutablePointer<Float>,
        yStride: Int
    ) {
        cblas_sgemm(
            Int32(PM_CBLAS_ROW_MAJOR), Int32(PM_CBLAS_NO_TRANS), Int32(PM_CBLAS_TRANS), Int32(rows), Int32(outputs), Int32(inputs),
            1, x, Int32(inputs), weight, Int32(inputs), 1, y, Int32(yStride))
    }

    /// The buffers of one split product, handed to its threads (each writes its own columns of `y`).
    private struct SendablePointers: @unchecked Sendable {
        let x: UnsafePointer<Float>
        let weight: UnsafePointer<Float>
        let packed: UnsafePointer<UInt16>?
        let y: UnsafeMutablePointer<Float>
    }

    /// General row-major product `c = alpha · op(a) · op(b)` with explicit leading dimensions.
    @inline(__always)
    static func gemm(
        transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(
            Int32(PM_CBLAS_ROW_MAJOR), Int32(PM_CBLAS_NO_TRANS), Int32(transposeB ? PM_CBLAS_TRANS : PM_CBLAS_NO_TRANS),
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), 0, c, Int32(ldc))
    }

    /// Sets each of `rows` rows of `y` to `bias`, or to `base`'s row plus `bias` (a residual).
    static func fillRows(_ y: UnsafeMutablePointer<Float>, rows: Int, bias: UnsafePointer<Float>, width: Int, base: UnsafePointer<Float>? = nil) {
        for row in 0..<rows {
            let target = y + row * width
            if let base {
                let source = base + row * width
                for i in 0..<width { target[i] = source[i] + bias[i] }
            } else {
                target.update(from: bias, count: width)
            }
        }
    }

    /// Layer normalisation of each row of `x` into `y` (which may be `x`): zero mean, unit (biased)
    /// variance plus `epsilon`, then `gamma`, `beta`.
    static func layerNorm(
        _ x: UnsafePointer<Float>, rows: Int, width: Int, gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>, epsilon: Float,
        into y: UnsafeMutablePointer<Float>
    ) {
        let lanes = 8
        let vectorWidth = width - width % lanes
        for row in 0..<rows {
            let source = x + row * width
            let target = y + row * width
            var sum = SIMD8<Float>()
            var i = 0
            while i < vectorWidth {
                sum += UnsafeRawPointer(source + i).loadUnaligned(as: SIMD8<Float>.self)
                i += lanes
            }
            var total = sum.sum()
            for j in vectorWidth..<width { total += source[j] }
            let mean = total / Float(width)
            var squares = SIMD8<Float>()
            let meanVector = SIMD8<Float>(repeating: mean)
            i = 0
            while i < vectorWidth {
                let d = UnsafeRawPointer(source + i).loadUnaligned(as: SIMD8<Float>.self) - meanVector
                squares += d * d
                i += lanes
            }
            var variance = squares.sum()
            for j in vectorWidth..<width { variance += (source[j] - mean) * (source[j] - mean) }
            let scale = 1 / (variance / Float(width) + epsilon).squareRoot()
            for j in 0..<width { target[j] = (source[j] - mean) * scale * gamma[j] + beta[j] }
        }
    }

    /// GELU, `x · Φ(x) = x/2 · (1 + erf(x/√2))`, in place, eight lanes at a time.
    static func gelu(_ x: UnsafeMutablePointer<Float>, count: Int) {
        let lanes = 8
        let invSqrt2 = SIMD8<Float>(repeating: 0.707_106_781_186_547_5)
        var i = 0
        while i + lanes <= count {
            let v = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
            let y = 0.5 * v * (1 + erf8(v * invSqrt2))
            UnsafeMutableRawPointer(x + i).storeBytes(of: y, as: SIMD8<Float>.self)
            i += lanes
        }
        while i < count {
            x[i] = 0.5 * x[i] * (1 + erf(x[i] * 0.707_106_781_186_547_5))
            i += 1
        }
    }

    /// erf on eight lanes: the odd/even rational approximation on [-4, 4] that Eigen uses for float
    /// (largest error about 4e-7 against the exact function; outside [-4, 4] erf is ±1 in float).
    @inline(__always)
    static func erf8(_ input: SIMD8<Float>) -> SIMD8<Float> {
        let x = input.clamped(lowerBound: SIMD8(repeating: -4), upperBound: SIMD8(repeating: 4))
        let x2 = x * x
        var p = x2 * -2.726_142_258_013_06e-10 + 2.770_681_424_959_02e-08
        p = x2 * p - 2.101_024_020_825_08e-06
        p = x2 * p - 5.692_506_394_623_46e-05
        p = x2 * p - 7.349_906_303_268_55e-04
        p = x2 * p - 2.954_599_808_540_25e-03
        p = x2 * p - 1.609_603_332_624_15e-02
        p = x * p
        var q = x2 * -1.456_607_184_649_96e-05 - 2.133_740_552_789_05e-04
        q = x2 * q - 1.682_826_974_382_03e-03
        q = x2 * q - 7.373_329_167_204_68e-03
        q = x2 * q - 1.426_473_905_141_89e-02
        return p / q
    }

    /// Softmax of each row of a `rows × width` matrix in place.
    static func softmaxRows(_ x: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        for row in 0..<rows {
            let values = x + row * width
            var maximum = -Float.infinity
            for i in 0..<width { maximum = max(maximum, values[i]) }
            var sum: Float = 0
            for i in 0..<width {
                let e = exp(values[i] - maximum)
                values[i] = e
                sum += e
            }
            let scale = 1 / sum
            for i in 0..<width { values[i] *= scale }
        }
    }
}
