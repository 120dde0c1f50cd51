import ArgumentParser
import EaselCore
import EaselGraphics
import EaselImage
import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// `easel inspect FILE`: what made an image and how — Easel's own record, AUTOMATIC1111's
/// `parameters`, ComfyUI's graph or InvokeAI's metadata, whichever the file carries.
struct InspectCommand: ParsableCommand, JSONReporting {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show the generation metadata in a PNG, JPEG or WebP file.",
        discussion: """
            Reads Easel's record and infotext, AUTOMATIC1111's `parameters` (PNG text or Exif \
            UserComment), ComfyUI's `prompt`/`workflow` and InvokeAI's `invokeai_metadata`. \
            --json prints one stable JSON document per file.
            """)

    /// Files larger than this are refused before being read.
    static let maxBytes = 64 << 20

    @Argument(help: "Image files.")
    var files: [String]

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        guard !files.isEmpty else { throw CLIFailure(message: "name at least one image file", code: .invalid) }
        let environment = ProcessInfo.processInfo.environment
        let links = isatty(STDOUT_FILENO) == 1 && Hyperlink.supported(environment: environment)
        var failures = 0
        for file in files {
            let name = TerminalText.oneLine(file, limit: 300)
            do {
                let metadata = try ImageMetadataReader.read(try Self.contents(of: file))
                if json {
                    print(JSONText.escapingInvisibles(metadata.jsonReport(pretty: files.count == 1)))
                } else {
                    let absolute = URL(fileURLWithPath: file).standardizedFileURL.path
                    print(links ? Hyperlink.link(name, to: absolute) : name)
                    for line in metadata.summaryLines() {
                        // The report already replaces controls; this keeps every line one line.
                        print("  " + TerminalText.oneLine(line, limit: 100_000))
                    }
                }
            } catch let error as ImageMetadataError {
                failures += 1
                FileHandle.standardError.write(Data("easel: \(name): \(error.description)\n".utf8))
            } catch let failure as CLIFailure {
                failures += 1
                FileHandle.standardError.write(Data("easel: \(name): \(failure.message)\n".utf8))
            }
        }
        if failures > 0 {
            throw CLIFailure(message: "\(failures) of \(Counted.phrase(files.count, "file")) could not be read", code: .failure, explained: true)
        }
    }

    /// The file's bytes, refusing directories and anything over `maxBytes` before reading.
    static func contents(of path: String) throws -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else { throw CLIFailure(message: String(cString: strerror(errno)), code: .failure) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw CLIFailure(message: "not a regular file", code: .failure) }
        guard Int(info.st_size) <= maxBytes else {
            throw CLIFailure(message: "the file is \(info.st_size) bytes, over the \(maxBytes >> 20) MiB limit", code: .failure)
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIFailure(message: "cannot be read", code: .failure) }
        return Array(data)
    }
}
