import Foundation

/// The tensors of a `.safetensors` file, memory-mapped: an 8-byte little-endian header length, a JSON
/// header naming each tensor's dtype, shape and byte range (relative to the end of the header), then
/// the raw little-endian data. Only `F32` tensors can be read as floats.
struct SafeTensors {
    /// One tensor's place in the file.
    struct Entry: Sendable {
        let dtype: String
        let shape: [Int]
        /// Byte range inside the file (already offset past the header).
        let range: Range<Int>
    }

    let entries: [String: Entry]
    private let data: Data

    init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw ModelFileError.unreadable(url.path, "\(error)")
        }
        guard data.count >= 8 else { throw ModelFileError.invalid(url.path, "shorter than its header length") }
        let headerLength = data.prefix(8).enumerated().reduce(UInt64(0)) { $0 | (UInt64($1.element) << (8 * UInt64($1.offset))) }
        guard headerLength <= UInt64(data.count - 8) else { throw ModelFileError.invalid(url.path, "header length past the end of the file") }
        let dataStart = 8 + Int(headerLength)
        let header = data.subdata(in: 8..<dataStart)
        guard let json = try? JSONSerialization.jsonObject(with: header) as? [String: Any] else {
            throw ModelFileError.invalid(url.path, "header is not a JSON object")
        }
        var entries: [String: Entry] = [:]
        for (name, value) in json where name != "__metadata__" {
            guard let info = value as? [String: Any], let dtype = info["dtype"] as? String,
                let shape = (info["shape"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.intValue }),
                let offsets = (info["data_offsets"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.intValue }), offsets.count == 2,
                offsets[0] >= 0, offsets[0] <= offsets[1], dataStart + offsets[1] <= data.count
            else { throw ModelFileError.invalid(url.path, "tensor \(name) has a malformed header entry") }
            entries[name] = Entry(dtype: dtype, shape: shape, range: (dataStart + offsets[0])..<(dataStart + offsets[1]))
        }
        self.entries = entries
        self.data = data
    }

    /// The F32 tensor `name` as a flat row-major array, checked against the expected shape.
    func floats(_ name: String, shape expected: [Int]) throws -> [Float] {
        guard let entry = entries[name] else { throw ModelFileError.missingTensor(name) }
        guard entry.dtype == "F32" else { throw ModelFileError.wrongTensor(name, "dtype \(entry.dtype), expected F32") }
        guard entry.shape == expected else { throw ModelFileError.wrongTensor(name, "shape \(entry.shape), expected \(expected)") }
        let count = expected.reduce(1, *)
        guard entry.range.count == count * MemoryLayout<Float>.size else {
            throw ModelFileError.wrongTensor(name, "\(entry.range.count) bytes for \(count) floats")
        }
        return data.withUnsafeBytes { raw in
            [Float](unsafeUninitializedCapacity: count) { buffer, initialised in
                let source = UnsafeRawBufferPointer(rebasing: raw[entry.range])
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
                initialised = count
            }
        }
    }
}

/// Why model files could not be loaded.
public enum ModelFileError: Error, CustomStringConvertible, Equatable {
    case missingFile(String)
    case unreadable(String, String)
    case invalid(String, String)
    case missingTensor(String)
    case wrongTensor(String, String)

    public var description: String {
        switch self {
        case .missingFile(let path): "model file missing: \(path)"
        case .unreadable(let path, let detail): "cannot read \(path): \(detail)"
        case .invalid(let path, let detail): "\(path) is not a valid model file: \(detail)"
        case .missingTensor(let name): "model has no tensor \(name)"
        case .wrongTensor(let name, let detail): "tensor \(name): \(detail)"
        }
    }
}
