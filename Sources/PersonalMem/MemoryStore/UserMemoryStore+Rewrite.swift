import Foundation

extension UserMemoryStore {
    /// Applies a lifecycle change: replaces `meta.jsonl`, `vectors.f32` and `access.json` together
    /// (see ``RewriteCommit``) and rebuilds the index. Conversation logs are never touched.
    ///
    /// New memories get ids above every id the store ever handed out (the high-water mark is kept in
    /// `state.json`), so ids are never reused. If this throws before the change is decided, the store
    /// is unchanged; if it throws after, the store is closed and the next open finishes the change.
    @discardableResult
    public func rewrite(_ plan: MemoryRewritePlan) throws -> MemoryRewriteResult {
        try ensureOpen()
        let prepared = try prepareRewrite(plan)
        guard let prepared else { return MemoryRewriteResult(removed: [], updated: [], added: []) }
        do {
            try RewriteCommit.commit(in: directory)
            meta.closeHandle()
            vectors.closeHandle()
            meta = try JSONLinesFile(url: file(.meta))
            vectors = try VectorLog(url: file(.vectors), dims: embedding.dims)
            rows = try Self.readRows(meta, warn: { _ in })
            rows.nextID = max(rows.nextID, prepared.nextID)
        } catch {
            releaseHandles()
            isClosed = true
            throw error
        }
        index = prepared.index
        lookup = nil
        access = prepared.access
        access.markClean()
        do {
            try snapshot()
        } catch {
            configuration.onWarning("index snapshot after a rewrite failed for \(directory.lastPathComponent): \(error)")
        }
        return prepared.result
    }

    /// Deletes memories (ids not in the store are ignored) and their access statistics; returns the removed ids.
    @discardableResult
    public func remove(ids: some Sequence<Int64>) throws -> [Int64] {
        try rewrite(MemoryRewritePlan(remove: Set(ids))).removed
    }

    struct PreparedRewrite {
        var result: MemoryRewriteResult
        var index: MemoryIndex
        var access: AccessLedger
        var nextID: Int64
    }

    /// Validates the plan, writes the `.next` files and the raised id high-water mark, and builds the
    /// new index; nil when the plan changes nothing. Leaves no `.next` file behind when it throws.
    func prepareRewrite(_ plan: MemoryRewritePlan) throws -> PreparedRewrite? {
        let dims = embedding.dims
        var updates: [Int64: MemoryRecord] = [:]
        for record in plan.update {
            let id = record.memoryID
            guard rows.row(of: id) != nil, !plan.remove.contains(id), updates[id] == nil else {
                throw MemoryStoreError.invalidChange("memory \(id) cannot be updated (unknown, removed or listed twice)")
            }
            var updated = record
            updated.userID = userID
            updates[id] = updated
        }
        for addition in plan.add where addition.vector.count != dims {
            throw MemoryStoreError.dimensionMismatch(expected: dims, got: addition.vector.count)
        }
        let removed = rows.ids.filter { plan.remove.contains($0) }
        guard !removed.isEmpty || !updates.isEmpty || !plan.add.isEmpty else { return nil }
        let keep = { (id: Int64) in self.rows.row(of: id) != nil && !plan.remove.contains(id) }

        let firstID = rows.nextID
        let added = plan.add.enumerated().map { offset, addition in
            MemoryRecord(memoryID: firstID + Int64(offset), userID: userID, draft: addition.draft)
        }
        let nextID = firstID + Int64(added.count)

        var metaBytes: [UInt8] = []
        try meta.forEachLine { _, line in
            guard let id = MemoryRecord.fastMemoryID(in: line) ?? (try? MemoryRecord.read(line: line))?.memoryID,
                keep(id)
            else { return }
            if let record = updates[id] { metaBytes += try JSONLine.encode(record) } else { metaBytes += line }
            metaBytes.append(UInt8(ascii: "\n"))
        }
        for record in added {
            metaBytes += try JSONLine.encode(record)
            metaBytes.append(UInt8(ascii: "\n"))
        }

        var ids: [Int64] = []
        var flat: [Float] = []
        try vectors.forEachBatch { batchIDs, batch in
            for (entry, id) in batchIDs.enumerated() where keep(id) {
                ids.append(id)
                flat.append(contentsOf: batch[(entry * dims)..<((entry + 1) * dims)])
            }
        }
        var newFlat = plan.add.flatMap(\.vector)
        VectorMath.normaliseRows(&newFlat, dims: dims)
        ids += added.map(\.memoryID)
        flat += newFlat

        var newAccess = access
        newAccess.removeAll(removed)
        for (record, addition) in zip(added, plan.add) where addition.access != MemoryAccessStats() {
            newAccess.set(record.memoryID, addition.access)
        }

        let newIndex = try MemoryIndex(dims: dims, kind: configuration.indexKind, hnswM: configuration.hnswM)
        try newIndex.add(ids: ids, flatVectors: flat)
        if let ef = configuration.efSearch { newIndex.setEfSearch(ef) }

        do {
            rows.nextID = nextID
            var state = try MemoryStoreState.read(from: file(.state)) ?? currentState()
            state.nextMemoryID = nextID
            try state.write(to: file(.state))
            try RewriteCommit.writeNext(.meta, metaBytes, in: directory)
            try RewriteCommit.writeNext(.vectors, VectorLog.fileBytes(dims: dims, ids: ids, vectors: flat), in: directory)
            try RewriteCommit.writeNext(.access, newAccess.encoded(), in: directory)
        } catch {
            RewriteCommit.discard(in: directory)
            throw error
        }
        let result = MemoryRewriteResult(removed: removed, updated: plan.update.map(\.memoryID), added: added)
        return PreparedRewrite(result: result, index: newIndex, access: newAccess, nextID: nextID)
    }
}
