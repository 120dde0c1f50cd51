import EaselImage
import EaselUI
import Foundation

/// Writes painted masks at the edge of the studio: the OpenAI form (transparent = change, the
/// feather as an alpha ramp) under `directory`, named by a hash of the PNG's bytes, so saving
/// the same mask twice gives the same file and a file's name says what is in it.
public struct MaskWriter: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// Encodes and writes `request`; the file's path or a one-line reason.
    public func write(_ request: MaskSaveRequest) -> Result<MaskSaved, MaskRefusal> {
        let mask = request.mask
        let png: [UInt8]
        do {
            png = try MaskEncoder.transparentPNG(width: mask.width, height: mask.height, coverage: mask.bytes, feather: request.feather)
        } catch {
            return .failure(MaskRefusal(error.description))
        }
        let name = "mask-" + String(format: "%016llx", FNV1a.hash(png)) + "-\(mask.width)x\(mask.height).png"
        let target = directory.appendingPathComponent(name)
        let saved = MaskSaved(source: request.source, path: target.path, revision: request.revision)
        let manager = FileManager.default
        if manager.fileExists(atPath: target.path) { return .success(saved) }
        do {
            try manager.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            return .failure(MaskRefusal("cannot create \(directory.path): \(error.localizedDescription)"))
        }
        // Whole under a temporary name, then renamed: a reader (the edit upload) never sees half.
        let partial = directory.appendingPathComponent(".partial-\(UUID().uuidString).png")
        guard manager.createFile(atPath: partial.path, contents: Data(png)) else {
            return .failure(MaskRefusal("cannot write in \(directory.path)"))
        }
        guard rename(partial.path, target.path) == 0 else {
            try? manager.removeItem(at: partial)
            return .failure(MaskRefusal("cannot rename the mask into \(directory.path)"))
        }
        return .success(saved)
    }
}
