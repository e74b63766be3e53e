import CFaissShim

/// A failure reported by the FAISS shim, carrying its `pm_last_error` text.
public enum MemoryIndexError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A caller mistake: bad sizes, ids and vectors out of step, an unknown index kind.
    case invalidArgument(String)
    /// FAISS threw an exception.
    case faiss(String)
    /// The index kind cannot do this.
    case unsupported(String)
    /// Reading or writing the index file failed.
    case io(String)

    /// Maps a shim result code and the calling thread's last error text to an error (nil for `PM_OK`).
    static func check(_ code: Int32) throws {
        guard code != Int32(PM_OK) else { return }
        let message = String(cString: pm_last_error())
        switch code {
        case Int32(PM_ERR_ARGUMENT): throw MemoryIndexError.invalidArgument(message)
        case Int32(PM_ERR_UNSUPPORTED): throw MemoryIndexError.unsupported(message)
        case Int32(PM_ERR_IO): throw MemoryIndexError.io(message)
        default: throw MemoryIndexError.faiss(message)
        }
    }

    public var description: String {
        switch self {
        case .invalidArgument(let message): "invalid index argument: \(message)"
        case .faiss(let message): "FAISS error: \(message)"
        case .unsupported(let message): "unsupported index operation: \(message)"
        case .io(let message): "index file error: \(message)"
        }
    }
}
