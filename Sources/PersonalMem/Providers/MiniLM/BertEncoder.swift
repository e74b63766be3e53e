import Foundation

/// A BERT encoder's forward pass on the CPU, for sentence embeddings: token ids in, the mean of the last
/// layer's token states out (L2-normalised), as sentence-transformers computes them.
///
/// A batch is packed: the sequences' tokens are stacked without padding, so every linear layer is one
/// matrix product over all real tokens, and attention runs per sequence over its own length. This gives
/// exactly what padding to the longest sequence and masking gives, without computing the padding.
/// Immutable after loading, so one encoder serves any number of threads at once.
struct BertEncoder: Sendable {
    let configuration: BertConfiguration
    let weights: BertWeights

    /// The longest sequence the position embeddings allow.
    var maxSequenceLength: Int { configuration.maxPositionEmbeddings }

    /// Mean-pooled, L2-normalised embeddings of `sequences` (each already `[CLS] … [SEP]`, ids inside the
    /// vocabulary, at most ``maxSequenceLength`` long), flat: `sequences.count × hiddenSize`. With
    /// `parts` > 1 every linear layer splits its output columns over that many threads.
    func embed(_ sequences: [[Int32]], parts: Int = 1) -> [Float] {
        let hidden = configuration.hiddenSize
        let total = sequences.reduce(0) { $0 + $1.count }
        guard total > 0 else { return [Float](repeating: 0, count: sequences.count * hidden) }
        var offsets: [Int] = []
        var start = 0
        for sequence in sequences {
            precondition(sequence.count <= maxSequenceLength, "sequence longer than the position embeddings")
            offsets.append(start)
            start += sequence.count
        }
        let longest = sequences.map(\.count).max() ?? 0
        var state = [Float](repeating: 0, count: total * hidden)
        var scratch = [Float](repeating: 0, count: total * hidden)
        var qkv = [Float](repeating: 0, count: total * 3 * hidden)
        var context = [Float](repeating: 0, count: total * hidden)
        var intermediate = [Float](repeating: 0, count: total * configuration.intermediateSize)
        var scores = [Float](repeating: 0, count: longest * longest)

        state.withUnsafeMutableBufferPointer { state in
            embedTokens(sequences, into: state.baseAddress!)
        }
        for layer in weights.layers {
            state.withUnsafeMutableBufferPointer { state in
                scratch.withUnsafeMutableBufferPointer { scratch in
                    qkv.withUnsafeMutableBufferPointer { qkv in
                        context.withUnsafeMutableBufferPointer { context in
                            intermediate.withUnsafeMutableBufferPointer { intermediate in
                                scores.withUnsafeMutableBufferPointer { scores in
                                    forward(
                                        layer, parts: parts, tokens: total, lengths: sequences.map(\.count), offsets: offsets, state: state.baseAddress!,
                                        scratch: scratch.baseAddress!, qkv: qkv.baseAddress!, context: context.baseAddress!,
                                        intermediate: intermediate.baseAddress!, scores: scores.baseAddress!)
                                }
                            }
                        }
                    }
                }
            }
        }
        return meanPool(state, lengths: sequences.map(\.count), offsets: offsets)
    }

    /// Word + position + token-type embeddings, layer-normalised.
    private func embedTokens(_ sequences: [[Int32]], into state: UnsafeMutablePointer<Float>) {
        let hidden = configuration.hiddenSize
        weights.wordEmbeddings.withUnsafeBufferPointer { words in
            weights.positionEmbeddings.withUnsafeBufferPointer { positions in
                weights.tokenTypeEmbedding.withUnsafeBufferPointer { type in
                    var row = 0
                    for sequence in sequences {
                        for (position, id) in sequence.enumerated() {
                            let target = state + row * hidden
                            let word = words.baseAddress! + Int(id) * hidden
                            let place = positions.baseAddress! + position * hidden
                            for i in 0..<hidden { target[i] = word[i] + place[i] + type[i] }
                            row += 1
                        }
                    }
                }
            }
        }
        weights.embeddingNormGamma.withUnsafeBufferPointer { gamma in
            weights.embeddingNormBeta.withUnsafeBufferPointer { beta in
                BertKernels.layerNorm(
                    state, rows: sequences.reduce(0) { $0 + $1.count }, width: hidden, gamma: gamma.baseAddress!, beta: beta.baseAddress!,
                    epsilon: configuration.layerNormEps, into: state)
            }
        }
    }

    /// One encoder layer: self-attention with residual and norm, then the feed-forward block with
    /// residual and norm. `state` holds the layer's input and receives its output.
    private func forward(
        _ layer: BertWeights.Layer, parts: Int, tokens: Int, lengths: [Int], offsets: [Int], state: UnsafeMutablePointer<Float>,
        scratch: UnsafeMutablePointer<Float>, qkv: UnsafeMutablePointer<Float>, context: UnsafeMutablePointer<Float>,
        intermediate: UnsafeMutablePointer<Float>, scores: UnsafeMutablePointer<Float>
    ) {
        let hidden = configuration.hiddenSize
        let inner = configuration.intermediateSize
        // Query, key and value for every token at once: [tokens × 3·hidden].
        layer.qkvBias.withUnsafeBufferPointer { BertKernels.fillRows(qkv, rows: tokens, bias: $0.baseAddress!, width: 3 * hidden) }
        BertKernels.linear(state, rows: tokens, weight: layer.qkvWeight, into: qkv, parts: parts)
        attention(tokens: tokens, lengths: lengths, offsets: offsets, qkv: qkv, scores: scores, into: context)
        // Output projection, residual, norm.
        project(
            context, parts: parts, rows: tokens, weight: layer.attentionOutputWeight, bias: layer.attentionOutputBias,
            residual: state, scratch: scratch, gamma: layer.attentionNormGamma, beta: layer.attentionNormBeta)
        // Feed-forward: GELU(x·W1ᵀ + b1)·W2ᵀ + b2, residual, norm.
        layer.intermediateBias.withUnsafeBufferPointer { BertKernels.fillRows(intermediate, rows: tokens, bias: $0.baseAddress!, width: inner) }
        BertKernels.linear(state, rows: tokens, weight: layer.intermediateWeight, into: intermediate, parts: parts)
        BertKernels.gelu(intermediate, count: tokens * inner)
        project(
            intermediate, parts: parts, rows: tokens, weight: layer.outputWeight, bias: layer.outputBias,
            residual: state, scratch: scratch, gamma: layer.outputNormGamma, beta: layer.outputNormBeta)
    }

    /// `state = LayerNorm(input·Wᵀ + b + state)`: a layer's output projection with its residual and norm.
    private func project(
        _ input: UnsafeMutablePointer<Float>, parts: Int, rows: Int, weight: LinearWeight, bias: [Float],
        residual state: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>, gamma: [Float], beta: [Float]
    ) {
        let hidden = configuration.hiddenSize
        bias.withUnsafeBufferPointer { BertKernels.fillRows(scratch, rows: rows, bias: $0.baseAddress!, width: hidden, base: state) }
        BertKernels.linear(input, rows: rows, weight: weight, into: scratch, parts: parts)
        gamma.withUnsafeBufferPointer { gamma in
            beta.withUnsafeBufferPointer { beta in
                BertKernels.layerNorm(
                    scratch, rows: rows, width: hidden, gamma: gamma.baseAddress!, beta: beta.baseAddress!,
                    epsilon: configuration.layerNormEps, into: state)
            }
        }
    }

    /// Scaled dot-product attention of each sequence over its own tokens, head by head:
    /// `softmax(Q·Kᵀ/√d)·V`, written into `context` as `[tokens × hidden]` (heads side by side).
    private func attention(
        tokens: Int, lengths: [Int], offsets: [Int], qkv: UnsafeMutablePointer<Float>, scores: UnsafeMutablePointer<Float>,
        into context: UnsafeMutablePointer<Float>
    ) {
        let hidden = configuration.hiddenSize
        let headSize = configuration.headSize
        let stride = 3 * hidden
        let scale = 1 / Float(headSize).squareRoot()
        for (length, offset) in zip(lengths, offsets) where length > 0 {
            let base = qkv + offset * stride
            for head in 0..<configuration.numAttentionHeads {
                let query = base + head * headSize
                let key = base + hidden + head * headSize
                let value = base + 2 * hidden + head * headSize
                BertKernels.gemm(
                    transposeB: true, m: length, n: length, k: headSize, alpha: scale, a: query, lda: stride, b: key, ldb: stride,
                    c: scores, ldc: length)
                BertKernels.softmaxRows(scores, rows: length, width: length)
                BertKernels.gemm(
                    transposeB: false, m: length, n: headSize, k: length, alpha: 1, a: scores, lda: length, b: value, ldb: stride,
                    c: context + offset * hidden + head * headSize, ldc: hidden)
            }
        }
    }

    /// The mean of each sequence's token states, L2-normalised.
    private func meanPool(_ state: [Float], lengths: [Int], offsets: [Int]) -> [Float] {
        let hidden = configuration.hiddenSize
        var pooled = [Float](repeating: 0, count: lengths.count * hidden)
        for (index, (length, offset)) in zip(lengths, offsets).enumerated() where length > 0 {
            var sum = [Double](repeating: 0, count: hidden)
            for row in offset..<(offset + length) {
                for i in 0..<hidden { sum[i] += Double(state[row * hidden + i]) }
            }
            for i in 0..<hidden { pooled[index * hidden + i] = Float(sum[i] / Double(length)) }
        }
        VectorMath.normaliseRows(&pooled, dims: hidden)
        return pooled
    }
}
