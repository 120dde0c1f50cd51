import EaselImage
import Foundation

/// Checks the images of an edit or a variation before anything is sent: each file is read
/// (never more than the model's size limit), recognised by its bytes, measured from its header,
/// decoded in full under caps (so a truncated file or a decompression bomb is refused here, not
/// by the server) and held to the model's rules — count, formats, size, squareness, and the
/// mask's alpha and dimensions. Every problem is reported, one line each.
public enum InputInspector {
    /// Inputs are decoded to prove they are whole; this caps the pixels that may take.
    static let limits = DecodeLimits(maxWidth: 8192, maxHeight: 8192, maxPixels: 36_000_000, maxFileBytes: 64 << 20)

    /// The checked images and mask, or every problem found.
    public static func check(
        images: [InputSource], mask: InputSource?, rules: InputRules, model: String
    ) -> Result<(images: [InputImage], mask: InputImage?), InputProblems> {
        var problems: [InputProblem] = []
        if images.isEmpty {
            problems.append(InputProblem(subject: "images", message: "give at least one image"))
        }
        if images.count > rules.maxImages {
            let takes = rules.maxImages == 1 ? "one image" : "at most \(rules.maxImages) images"
            problems.append(InputProblem(subject: "images", message: "\(images.count) given, and \(model) takes \(takes)"))
        }
        var checked: [InputImage] = []
        for source in images {
            do throws(InputProblem) {
                let image = try inspect(source, role: .image, formats: rules.formats, maxBytes: rules.maxBytes, square: rules.square, model: model)
                if let side = rules.maxSide, max(image.width, image.height) > side {
                    throw InputProblem(
                        subject: display(source.path),
                        message: "is \(image.width)×\(image.height), and \(model) takes at most \(side) pixels a side; scale it down first")
                }
                checked.append(image)
            } catch {
                problems.append(error)
            }
        }
        var checkedMask: InputImage?
        if let mask {
            if let maskRules = rules.mask {
                do throws(InputProblem) {
                    let found = try inspect(mask, role: .mask, formats: maskRules.formats, maxBytes: maskRules.maxBytes, square: false, model: model)
                    if maskRules.alpha, !found.hasAlpha {
                        throw InputProblem(
                            subject: display(mask.path),
                            message: "the mask has no alpha channel; its fully transparent pixels mark what to repaint, so save it as a PNG with transparency")
                    }
                    if maskRules.sameSize, let first = checked.first, first.width != found.width || first.height != found.height {
                        throw InputProblem(
                            subject: display(mask.path),
                            message: "the mask is \(found.width)×\(found.height) but the first image is \(first.width)×\(first.height); they must be the same size",
                            fittable: true)
                    }
                    checkedMask = found
                } catch {
                    problems.append(error)
                }
            } else {
                problems.append(InputProblem(subject: "mask", message: "\(model) takes no mask here"))
            }
        }
        return problems.isEmpty ? .success((checked, checkedMask)) : .failure(InputProblems(problems))
    }

    /// Reads, recognises, measures and decodes one file.
    static func inspect(
        _ source: InputSource, role: InputImage.Role, formats: [ImageFormat], maxBytes: Int, square: Bool, model: String
    ) throws(InputProblem) -> InputImage {
        let name = display(source.path)
        let bytes = try read(source.path, maxBytes: maxBytes, model: model, name: name)
        guard let format = ImageFormat.sniff(bytes) else {
            if let kind = ImageFormat.otherImageKind(bytes) {
                throw InputProblem(subject: name, message: "\(kind) are not taken; \(model) takes \(summary(formats))", fittable: false)
            }
            throw InputProblem(subject: name, message: "not a PNG, JPEG or WebP image (by its bytes)")
        }
        if let claimed = claimedFormat(source.path), claimed != format {
            throw InputProblem(
                subject: name,
                message: "its name says \(claimed.displayName) but its bytes are \(format.displayName); rename it or convert it")
        }
        guard formats.contains(format) else {
            throw InputProblem(
                subject: name, message: "is \(format.displayName), and \(model) takes \(summary(formats)) here; --fit scale converts it to PNG",
                fittable: true)
        }
        let decoded: DecodedImage
        do {
            decoded = try ImageDecoder.decode(bytes, limits: limits)
        } catch {
            throw InputProblem(subject: name, message: error.description)
        }
        let width = decoded.image.width
        let height = decoded.image.height
        if square, width != height {
            let side = min(width, height)
            throw InputProblem(
                subject: name,
                message: "is \(width)×\(height), and \(model) takes square images only: --fit crop (centre \(side)×\(side)), --fit pad (\(max(width, height))×\(max(width, height))) or --fit scale (\(side)×\(side), squeezed) would fit",
                fittable: true)
        }
        return InputImage(
            role: role, path: source.path, historyImage: source.historyImage, sha256: SHA256.hex(bytes), format: format,
            width: width, height: height, bytes: bytes.count, hasAlpha: decoded.hasAlpha)
    }

    /// The whole file, refused from its size on disk when it is not under `maxBytes`.
    static func read(_ path: String, maxBytes: Int, model: String, name: String) throws(InputProblem) -> [UInt8] {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw InputProblem(subject: name, message: "cannot be read (\(FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file"))")
        }
        guard (attributes[.type] as? FileAttributeType) == .typeRegular else {
            throw InputProblem(subject: name, message: "is not a regular file")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size < maxBytes else {
            throw InputProblem(
                subject: name, message: "is \(byteText(size)), and \(model) takes files under \(byteText(maxBytes)); --fit scale re-encodes it smaller",
                fittable: true)
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputProblem(subject: name, message: "cannot be opened")
        }
        defer { try? handle.close() }
        // One byte of headroom shows a file that grew since it was measured.
        let data = (try? handle.read(upToCount: maxBytes)) ?? Data()
        guard data.count < maxBytes else {
            throw InputProblem(subject: name, message: "grew past \(byteText(maxBytes)) while it was read")
        }
        guard !data.isEmpty else { throw InputProblem(subject: name, message: "is empty") }
        return Array(data)
    }

    /// The format a file's extension claims, if it is an image extension.
    static func claimedFormat(_ path: String) -> ImageFormat? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else { return nil }
        switch name[name.index(after: dot)...].lowercased() {
        case "png": return .png
        case "jpg", "jpeg", "jpe": return .jpeg
        case "webp": return .webp
        default: return nil
        }
    }

    /// A path as it may be shown: one line, bounded.
    static func display(_ path: String) -> String { TerminalText.oneLine(path, limit: 200) }

    static func summary(_ formats: [ImageFormat]) -> String {
        let names = formats.map(\.displayName)
        guard names.count > 1 else { return (names.first ?? "nothing") + " only" }
        return names.dropLast().joined(separator: ", ") + " or " + names[names.count - 1]
    }

    /// "4 MiB", "52.3 MiB", "812 bytes".
    public static func byteText(_ bytes: Int) -> String {
        let mebibyte = 1 << 20
        guard bytes >= mebibyte else { return "\(bytes) bytes" }
        let tenths = (bytes * 10 + mebibyte / 2) / mebibyte
        return tenths % 10 == 0 ? "\(tenths / 10) MiB" : "\(tenths / 10).\(tenths % 10) MiB"
    }
}
