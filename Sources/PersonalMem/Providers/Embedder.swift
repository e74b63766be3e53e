/// Turns texts into vectors for similarity search (an embeddings API, or the built-in hashed embedder).
public protocol Embedder: Sendable {
    /// Model name, stored with a user's vectors so that models are never mixed.
    var model: String { get }
    /// Vector dimension when known before the first call.
    var dims: Int? { get }
    /// One vector per text, in order.
    func embed(_ texts: [String]) async throws -> [[Float]]
}
