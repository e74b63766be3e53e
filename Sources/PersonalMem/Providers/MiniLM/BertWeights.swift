import Foundation

/// The shape of a BERT encoder, from the model's `config.json`.
struct BertConfiguration: Decodable, Sendable {
    let hiddenSize: Int
    let numHiddenLayers: Int
    let numAttentionHeads: Int
    let intermediateSize: Int
    let maxPositionEmbeddings: Int
    let vocabSize: Int
    let layerNormEps: Float
    let hiddenAct: String

    enum CodingKeys: String, CodingKey {
        case hiddenSize = "hidden_size", numHiddenLayers = "num_hidden_layers", numAttentionHeads = "num_attention_heads"
        case intermediateSize = "intermediate_size", maxPositionEmbeddings = "max_position_embeddings", vocabSize = "vocab_size"
        case layerNormEps = "layer_norm_eps", hiddenAct = "hidden_act"
    }

    var headSize: Int { hiddenSize / numAttentionHeads }

    static func read(from url: URL) throws -> BertConfiguration {
        guard FileManager.default.fileExists(atPath: url.path) else { throw ModelFileError.missingFile(url.path) }
        let configuration: BertConfiguration
        do {
            configuration = try JSONDecoder().decode(BertConfiguration.self, from: Data(contentsOf: url))
        } catch {
            throw ModelFileError.invalid(url.path, "\(error)")
        }
        guard configuration.hiddenSize > 0, configuration.numAttentionHeads > 0,
            configuration.hiddenSize % configuration.numAttentionHeads == 0, configuration.hiddenAct == "gelu"
        else { throw ModelFileError.invalid(url.path, "unsupported BERT shape or activation \(configuration.hiddenAct)") }
        return configuration
    }
}

/// A BERT encoder's parameters as flat row-major arrays (a linear layer's weight is `[out × in]`, as
/// PyTorch stores it, see ``LinearWeight``). Query, key and value are fused into one `[3·hidden × hidden]` product.
struct BertWeights: Sendable {
    struct Layer: Sendable {
        let qkvWeight: LinearWeight, qkvBias: [Float]
        let attentionOutputWeight: LinearWeight, attentionOutputBias: [Float]
        let attentionNormGamma: [Float], attentionNormBeta: [Float]
        let intermediateWeight: LinearWeight, intermediateBias: [Float]
        let outputWeight: LinearWeight, outputBias: [Float]
        let outputNormGamma: [Float], outputNormBeta: [Float]
    }

    let wordEmbeddings: [Float]
    let positionEmbeddings: [Float]
    /// Row 0 of the token-type embeddings: every token of a single sentence has type 0.
    let tokenTypeEmbedding: [Float]
    let embeddingNormGamma: [Float], embeddingNormBeta: [Float]
    let layers: [Layer]

    init(tensors: SafeTensors, configuration c: BertConfiguration) throws {
        // Exports of a bare BertModel name tensors `embeddings.…`; those of a task model prefix `bert.`.
        let prefix = tensors.entries["embeddings.word_embeddings.weight"] == nil ? "bert." : ""
        func load(_ name: String, _ shape: Int...) throws -> [Float] { try tensors.floats(prefix + name, shape: shape) }
        let hidden = c.hiddenSize
        wordEmbeddings = try load("embeddings.word_embeddings.weight", c.vocabSize, hidden)
        positionEmbeddings = try load("embeddings.position_embeddings.weight", c.maxPositionEmbeddings, hidden)
        let types = try tensors.entries[prefix + "embeddings.token_type_embeddings.weight"].map { try load("embeddings.token_type_embeddings.weight", $0.shape.first ?? 1, hidden) }
        tokenTypeEmbedding = types.map { Array($0.prefix(hidden)) } ?? [Float](repeating: 0, count: hidden)
        embeddingNormGamma = try load("embeddings.LayerNorm.weight", hidden)
        embeddingNormBeta = try load("embeddings.LayerNorm.bias", hidden)
        layers = try (0..<c.numHiddenLayers).map { index in
            let p = "encoder.layer.\(index)."
            let qkvWeight = try load(p + "attention.self.query.weight", hidden, hidden)
                + load(p + "attention.self.key.weight", hidden, hidden) + load(p + "attention.self.value.weight", hidden, hidden)
            let qkvBias = try load(p + "attention.self.query.bias", hidden)
                + load(p + "attention.self.key.bias", hidden) + load(p + "attention.self.value.bias", hidden)
            return Layer(
                qkvWeight: LinearWeight(qkvWeight, outputs: 3 * hidden, inputs: hidden), qkvBias: qkvBias,
                attentionOutputWeight: LinearWeight(try load(p + "attention.output.dense.weight", hidden, hidden), outputs: hidden, inputs: hidden),
                attentionOutputBias: try load(p + "attention.output.dense.bias", hidden),
                attentionNormGamma: try load(p + "attention.output.LayerNorm.weight", hidden),
                attentionNormBeta: try load(p + "attention.output.LayerNorm.bias", hidden),
                intermediateWeight: LinearWeight(
                    try load(p + "intermediate.dense.weight", c.intermediateSize, hidden), outputs: c.intermediateSize, inputs: hidden),
                intermediateBias: try load(p + "intermediate.dense.bias", c.intermediateSize),
                outputWeight: LinearWeight(try load(p + "output.dense.weight", hidden, c.intermediateSize), outputs: hidden, inputs: c.intermediateSize),
                outputBias: try load(p + "output.dense.bias", hidden),
                outputNormGamma: try load(p + "output.LayerNorm.weight", hidden),
                outputNormBeta: try load(p + "output.LayerNorm.bias", hidden))
        }
    }
}

/// A summary, never the numbers: anything that describes an embedder (a log line, a service
/// description) would otherwise turn 22 million weights into text.
extension BertWeights: CustomStringConvertible {
    var description: String { "BertWeights(\(layers.count) layers)" }
}
