import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension UserMemoryStore {
    enum FileName: String {
        case index = "faiss.index"
        case meta = "meta.jsonl"
        case vectors = "vectors.f32"
        case state = "state.json"
        case lock = ".lock"
        case access = "access.json"
        case rewriteMarker = "rewrite.commit"
    }

    func file(_ name: FileName) -> URL { Self.file(name, in: directory) }

    static func file(_ name: FileName, in directory: URL) -> URL { directory.appendingPathComponent(name.rawValue) }

    /// Opens (creating if needed) a user's store, verifying and repairing it.
    ///
    /// Throws ``MemoryStoreError/embeddingMismatch(stored:given:)`` when `state.json` names another model
    /// or dimension, and ``MemoryStoreError/locked`` when the directory is already open elsewhere.
    public static func open(userID: String, layout: UserDirectory, configuration: Configuration) throws -> UserMemoryStore {
        let directory = try layout.directory(forUser: userID)
        try DurableFile.createDirectory(directory)
        let lock = try acquireLock(directory)
        do {
            try RewriteCommit.recover(in: directory)
            return try load(userID: userID, directory: directory, configuration: configuration, lock: lock)
        } catch {
            flock(lock, LOCK_UN)
            DurableFile.closeDescriptor(lock)
            throw error
        }
    }

    /// Removes a user's directory if it exists (idempotent). Fails with ``MemoryStoreError/locked`` while it is open.
    public static func delete(userID: String, layout: UserDirectory) throws {
        let directory = try layout.directory(forUser: userID)
        guard FileManager.default.fileExists(atPath: directory.path) else { return }
        let lock = try acquireLock(directory)
        defer { DurableFile.closeDescriptor(lock) }
        try removeDirectory(directory)
    }

    static func removeDirectory(_ directory: URL) throws {
        guard FileManager.default.fileExists(atPath: directory.path) else { return }
        try FileManager.default.removeItem(at: directory)
        try DurableFile.fsyncPath(directory.deletingLastPathComponent().path)
    }

    static func acquireLock(_ directory: URL) throws -> Int32 {
        let path = file(.lock, in: directory).path
        let fd = DurableFile.openDescriptor(path, O_RDWR | O_CREAT | O_CLOEXEC)
        guard fd >= 0 else { throw FileIOError("open", path: path) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            DurableFile.closeDescriptor(fd)
            if code == EWOULDBLOCK { throw MemoryStoreError.locked }
            throw FileIOError("flock", path: path, code: code)
        }
        return fd
    }

    private static func load(userID: String, directory: URL, configuration: Configuration, lock: Int32) throws -> UserMemoryStore {
        let warn = configuration.onWarning
        let name = directory.lastPathComponent
        var report = LoadReport()
        let given = configuration.spec
        let stateURL = file(.state, in: directory)
        let state = try MemoryStoreState.read(from: stateURL)
        if let state, state.spec != given { throw MemoryStoreError.embeddingMismatch(stored: state.spec, given: given) }
        if state == nil {
            try MemoryStoreState(embeddingModel: given.model, embeddingDims: given.dims, indexKind: configuration.indexKind, snapshotCount: 0)
                .write(to: stateURL)
        }

        let meta = try JSONLinesFile(url: file(.meta, in: directory))
        if meta.hasTornTail {
            try meta.repair()
            report.repairedTornMeta = true
            warn("cut a torn last line off meta.jsonl of \(name)")
        }
        var rows = try readRows(meta, warn: { warn("\($0) of \(name)") })
        rows.nextID = max(rows.nextID, state?.nextMemoryID ?? 1)
        report.memories = rows.ids.count

        var vectors = try VectorLog(url: file(.vectors, in: directory), dims: given.dims)
        var vectorIDs = rows.ids
        let m = rows.ids.count
        if vectors.count >= m, try m == 0 || vectors.id(at: m - 1) == rows.ids[m - 1] {
            if vectors.count > m {
                warn("dropped \(vectors.count - m) vectors without metadata from vectors.f32 of \(name)")
                try vectors.truncate(toCount: m)
            }
        } else {
            (vectors, vectorIDs) = try realign(vectors, with: rows, in: directory)
            report.missingVectors = m - vectorIDs.count
            warn("vectors.f32 of \(name) was out of step with meta.jsonl; \(report.missingVectors) memories have no vector")
        }

        let store = UserMemoryStore(
            userID: userID, directory: directory, configuration: configuration, embedding: given,
            index: try MemoryIndex(dims: given.dims, kind: configuration.indexKind, hnswM: configuration.hnswM),
            meta: meta, vectors: vectors, rows: rows, lockDescriptor: lock)
        store.loadAccess()
        try store.loadIndex(vectorIDs: vectorIDs, snapshotCount: state?.snapshotCount ?? 0, report: &report)
        if let ef = configuration.efSearch { store.index.setEfSearch(ef) }
        store.loadReport = report
        if report.rebuilt || report.replayed >= max(configuration.snapshotEvery, Int(Double(m) * configuration.snapshotFraction)) {
            try store.snapshot()
        } else {
            store.addsSinceSnapshot = report.replayed
        }
        return store
    }

    /// Reads the snapshot, then replays what it lacks; rebuilds from `vectors.f32` when its ids disagree.
    private func loadIndex(vectorIDs: [Int64], snapshotCount: Int, report: inout LoadReport) throws {
        let name = directory.lastPathComponent
        let warn = configuration.onWarning
        let indexURL = file(.index)
        var snapshot: MemoryIndex?
        if FileManager.default.fileExists(atPath: indexURL.path) {
            do {
                let loaded = try MemoryIndex.load(from: indexURL)
                if loaded.dims == embedding.dims && loaded.kind == configuration.indexKind {
                    snapshot = loaded
                } else {
                    report.rebuilt = true
                }
            } catch {
                report.rebuilt = true
                warn("faiss.index of \(name) is unreadable; rebuilding from vectors.f32")
            }
        } else if snapshotCount > 0 {
            report.rebuilt = true
            warn("faiss.index of \(name) is missing; rebuilding from vectors.f32")
        }
        if let snapshot {
            let ids = try snapshot.ids()
            if ids.count <= vectorIDs.count && ids[...] == vectorIDs[0..<ids.count] {
                index = snapshot
                if try replay(from: ids.count, expected: vectorIDs) {
                    report.replayed = vectorIDs.count - ids.count
                    return
                }
            }
            warn("faiss.index of \(name) holds \(ids.count) ids, metadata has \(vectorIDs.count); rebuilding from vectors.f32")
            report.rebuilt = true
        }
        index = try MemoryIndex(dims: embedding.dims, kind: configuration.indexKind, hnswM: configuration.hnswM)
        guard try replay(from: 0, expected: vectorIDs) else {
            throw MemoryStoreError.corrupt("vectors.f32 ids disagree with meta.jsonl after realignment")
        }
        if !report.rebuilt { report.replayed = vectorIDs.count }
    }

    /// Adds vectors `start...` to the index, checking their ids; false (index untouched) on a mismatch.
    private func replay(from start: Int, expected: [Int64]) throws -> Bool {
        guard start < expected.count else { return true }
        var position = start
        while position < expected.count {
            let end = min(expected.count, position + 4096)
            let batch = try vectors.entries(position..<end)
            guard batch.ids[...] == expected[position..<end] else {
                if position > start { try index.remove(ids: Array(expected[start..<position])) }
                return false
            }
            try index.add(ids: batch.ids, flatVectors: batch.vectors)
            position = end
        }
        return true
    }

    static func readRows(_ meta: JSONLinesFile, warn: (String) -> Void) throws -> MetaRows {
        var rows = MetaRows()
        var undecodable = 0
        try meta.forEachLine { offset, line in
            guard !line.isEmpty else { return }
            guard let id = MemoryRecord.fastMemoryID(in: line) ?? (try? MemoryRecord.read(line: line))?.memoryID else {
                undecodable += 1
                return
            }
            rows.append(id: id, offset: offset, length: line.count)
        }
        if undecodable > 0 { warn("skipped \(undecodable) undecodable lines in meta.jsonl") }
        guard rows.isIncreasing else { throw MemoryStoreError.corrupt("meta.jsonl memory ids are not increasing") }
        return rows
    }

    /// Keeps the vectors whose ids are in `meta.jsonl`, in its order, and rewrites `vectors.f32` with them.
    private static func realign(_ vectors: VectorLog, with rows: MetaRows, in directory: URL) throws -> (VectorLog, [Int64]) {
        var keptIDs: [Int64] = []
        var keptVectors: [Float] = []
        var next = 0
        try vectors.forEachBatch { ids, flat in
            for (entry, id) in ids.enumerated() {
                while next < rows.ids.count && rows.ids[next] < id { next += 1 }
                if next < rows.ids.count && rows.ids[next] == id {
                    keptIDs.append(id)
                    keptVectors.append(contentsOf: flat[(entry * vectors.dims)..<((entry + 1) * vectors.dims)])
                    next += 1
                }
            }
        }
        let dims = vectors.dims
        vectors.closeHandle()
        let url = file(.vectors, in: directory)
        try VectorLog.write(to: url, dims: dims, ids: keptIDs, vectors: keptVectors)
        return (try VectorLog(url: url, dims: dims), keptIDs)
    }
}
