import EaselCore
import EaselImage
import EaselUI
import Foundation
import Testing

@testable import EaselStudio

/// The studio's side of the inputs: real files read and checked against a model's rules, the
/// conversions offered, and a converted copy that really fits (kept in the input store).
@Suite("Edit input reports and conversions")
struct EditInputReportTests {
    static let rules = Catalog.bundled.model("dall-e-2", of: .openAI)!.operation(.edit)!.inputs

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("easel-inputs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func write(_ bytes: [UInt8], _ name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func rgb(_ width: Int, _ height: Int) -> RGBImage {
        RGBImage(width: width, height: height, pixels: (0..<(width * height * 3)).map { UInt8($0 % 251) })
    }

    @Test("a wide PNG and its mask: facts read, not square said, pad and crop offered")
    func wideImage() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let image = try write(try PNGEncoder.encode(rgb(300, 200)), "wide.png", in: folder)
        let mask = try write(
            try PNGEncoder.encode(rgba: RGBAImage(width: 300, height: 200, pixels: [UInt8](repeating: 0, count: 300 * 200 * 4))), "mask.png",
            in: folder)
        let reports = EditInputs.report(EditCheck(images: [image], mask: mask, model: "dall-e-2", rules: Self.rules))
        #expect(reports.inputs.count == 2)
        let first = reports.inputs[0]
        #expect(first.facts.hasPrefix("300×200 PNG "), "\(first.facts)")
        #expect(first.problem == "not square for dall-e-2")
        #expect(first.offers.map(\.mode) == [.pad, .crop])
        #expect(first.offers.map(\.label) == ["pad 300×300", "crop 200×200"])
        #expect(reports.inputs[1].isMask && reports.inputs[1].offers.isEmpty)
    }

    @Test("a square JPEG: re-encoding offered; a file that is not an image: said, nothing offered")
    func formats() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let jpeg = try write(try JPEGEncoder.encode(rgb(64, 64)), "photo.jpg", in: folder)
        let junk = try write(Array("not an image\u{1B}[2J".utf8), "junk.png", in: folder)
        let reports = EditInputs.report(EditCheck(images: [jpeg, junk], mask: nil, model: "dall-e-2", rules: Self.rules))
        #expect(reports.inputs[0].format == "JPEG" && reports.inputs[0].offers.map(\.mode) == [.scale])
        #expect(reports.inputs[0].offers.first?.label == "re-encode as PNG")
        #expect(reports.inputs[1].problem != nil && reports.inputs[1].offers.isEmpty)
        #expect(reports.inputs.allSatisfy { !($0.problem ?? "").contains("\u{1B}") })
    }

    @Test("pad: a square PNG copy in the input store, the mask converted alike, both fit")
    func padConversion() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let image = try write(try PNGEncoder.encode(rgb(300, 200)), "wide.png", in: folder)
        let mask = try write(
            try PNGEncoder.encode(rgba: RGBAImage(width: 300, height: 200, pixels: [UInt8](repeating: 0, count: 300 * 200 * 4))), "mask.png",
            in: folder)
        let check = EditCheck(images: [image], mask: mask, model: "dall-e-2", rules: Self.rules)
        let store = folder.appendingPathComponent("inputs")
        let converted = try EditInputs.convert(EditConversion(path: image, mode: .pad, check: check), keptIn: store).get()
        #expect(converted.original == image)
        #expect(converted.replacement.hasPrefix(store.path), "\(converted.replacement)")
        #expect(converted.note.contains("padded to 300×300"), "\(converted.note)")
        let maskCopy = try #require(converted.maskReplacement)
        let again = EditInputs.report(EditCheck(images: [converted.replacement], mask: maskCopy, model: "dall-e-2", rules: Self.rules))
        #expect(again.inputs.allSatisfy { $0.problem == nil }, "\(again.inputs)")
        #expect(again.inputs[0].facts.hasPrefix("300×300 PNG"))
        #expect(FileManager.default.fileExists(atPath: image), "the original is untouched")
        let scratch = (try? FileManager.default.contentsOfDirectory(atPath: store.appendingPathComponent("converting").path)) ?? []
        #expect(scratch.isEmpty, "no scratch files are left: \(scratch)")
    }
}

/// Tab in the input path field: a real folder listed the way a shell completes.
@Suite("Path completion")
struct PathCompletionTests {
    @Test("one match fills the name, folders end in a slash, several fill their shared start, hidden names need a dot")
    func completes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("easel-complete-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("pictures"), withIntermediateDirectories: true)
        for name in ["photo-1.png", "photo-2.png", ".hidden.png"] {
            try Data([1]).write(to: folder.appendingPathComponent(name))
        }
        let base = folder.path + "/"
        #expect(PathCompletion.complete(base + "pic") == (base + "pictures/", ["pictures/"]))
        let several = PathCompletion.complete(base + "ph")
        #expect(several.completion == base + "photo-" && several.matches == ["photo-1.png", "photo-2.png"])
        #expect(PathCompletion.complete(base).matches == ["photo-1.png", "photo-2.png", "pictures/"])
        #expect(PathCompletion.complete(base + ".h").matches == [".hidden.png"])
        #expect(PathCompletion.complete(base + "nothing").matches.isEmpty)
        #expect(PathCompletion.complete(folder.path + "/missing/x").matches.isEmpty)
    }
}
