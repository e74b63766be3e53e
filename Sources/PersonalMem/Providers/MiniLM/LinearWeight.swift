import CFaissShim

/// A linear layer's weight `[outputs × inputs]`, row-major as PyTorch stores it, and — when the CPU
/// runs the packed kernel and the outputs fill whole blocks — the same numbers packed once, as
/// half-precision floats, for ``BertKernels/linear(_:rows:weight:into:parts:)``'s few-row path.
struct LinearWeight: Sendable {
    let values: [Float]
    /// Empty when the packed kernel cannot be used (no AVX2/FMA, or `outputs` not a multiple of the block).
    let packed: [UInt16]
    let outputs: Int
    let inputs: Int

    init(_ values: [Float], outputs: Int, inputs: Int) {
        precondition(values.count == outputs * inputs, "weight shape")
        self.values = values
        self.outputs = outputs
        self.inputs = inputs
        let block = Int(PM_PACKED_BLOCK)
        guard pm_packed_linear_available() != 0, outputs % block == 0 else {
            packed = []
            return
        }
        packed = [UInt16](unsafeUninitializedCapacity: values.count) { buffer, count in
            let status = values.withUnsafeBufferPointer {
                pm_pack_weights($0.baseAddress!, Int32(outputs), Int32(inputs), buffer.baseAddress!)
            }
            count = status == PM_OK ? values.count : 0
        }
    }
}
