import EaselCore
import Foundation

/// Copies a saved image (metadata and all) into a directory the user chose: `~` is `$HOME`, the
/// directory created when missing, and a numbered name (`stem-2.png`) instead of overwriting.
public enum ImageExporter {
    /// Exports `path` into `directory`; returns the new file's path or a one-line reason.
    public static func export(_ path: String, into directory: String) -> Result<String, PreviewFailure> {
        let manager = FileManager.default
        let target = URL(fileURLWithPath: UserPath.expanded(directory), isDirectory: true)
        guard manager.fileExists(atPath: path) else {
            return .failure(PreviewFailure("the image file is gone: \(path)"))
        }
        do {
            try manager.createDirectory(at: target, withIntermediateDirectories: true)
        } catch {
            return .failure(PreviewFailure("cannot create \(target.path): \(error.localizedDescription)"))
        }
        let source = URL(fileURLWithPath: path)
        let stem = source.deletingPathExtension().lastPathComponent
        let ext = source.pathExtension
        for attempt in 1...10_000 {
            let name = attempt == 1 ? source.lastPathComponent : "\(stem)-\(attempt)" + (ext.isEmpty ? "" : ".\(ext)")
            let destination = target.appendingPathComponent(name)
            do {
                // copyItem fails when the destination exists, so a name is never overwritten.
                try manager.copyItem(at: source, to: destination)
                return .success(destination.path)
            } catch CocoaError.fileWriteFileExists {
                continue
            } catch {
                if manager.fileExists(atPath: destination.path) { continue }
                return .failure(PreviewFailure("cannot export to \(target.path): \(error.localizedDescription)"))
            }
        }
        return .failure(PreviewFailure("too many files named \(stem) in \(target.path)"))
    }
}
