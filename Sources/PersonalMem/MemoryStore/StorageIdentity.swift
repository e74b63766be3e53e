import Foundation

/// The identity of one `STORAGE_DIR`: a random id kept in `STORAGE_DIR/storage-id`, made the first
/// time it is asked for. Jobs that work on a user's files (`record_turn`) carry it, so only an
/// instance serving that storage claims them: instances that share the database but not the files
/// (users sharded across nodes) leave each other's file jobs alone, and a restarted instance on the
/// same storage resumes its own.
public enum StorageIdentity {
    /// The id of the storage under `root`, created (durably) if missing.
    public static func id(of root: URL) throws -> String {
        let file = root.appendingPathComponent("storage-id")
        if let data = FileManager.default.contents(atPath: file.path) {
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty { return text }
        }
        try DurableFile.createDirectory(root)
        let id = UUID().uuidString.lowercased()
        try DurableFile.replace(file, with: Data((id + "\n").utf8))
        return id
    }
}
