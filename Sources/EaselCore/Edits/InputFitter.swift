import EaselImage
import Foundation

/// Performs the conversion `--fit` names, explicitly: a picture that is not square, not in a
/// format the model takes, or too large becomes a PNG that is (padded, cropped or scaled), and
/// the mask over it gets the same geometry so it still lines up. The fitted files are written to
/// `directory` and go through the same checks as any input afterwards.
public enum InputFitter {
    /// What was done to one input, for a note on stderr.
    public struct Fitted: Sendable {
        public var source: InputSource
        public var note: String?
    }

    /// The image converted when it does not fit `rules` (else unchanged); `geometry` says how the
    /// first image was changed, so its mask can follow.
    public static func fit(
        _ source: InputSource, rules: InputRules, mode: FitMode, directory: URL, maskFor original: (width: Int, height: Int)? = nil
    ) throws(InputProblem) -> Fitted {
        let name = InputInspector.display(source.path)
        let bytes = try InputInspector.read(source.path, maxBytes: 256 << 20, model: "--fit", name: name)
        let decoded: DecodedImage
        do {
            decoded = try ImageDecoder.decode(bytes, limits: InputInspector.limits)
        } catch {
            throw InputProblem(subject: name, message: error.description)
        }
        let format = ImageFormat.sniff(bytes)
        var picture = decoded.image
        let square = original == nil && rules.square
        let wrongFormat = format.map { !(original == nil ? rules.formats : rules.mask?.formats ?? [.png]).contains($0) } ?? true
        let tooLarge = bytes.count >= (original == nil ? rules.maxBytes : rules.mask?.maxBytes ?? rules.maxBytes)
        let notSquare = square && picture.width != picture.height
        // A mask follows its image's geometry, whatever its own size.
        let reshape = original.map { $0.width != $0.height && rules.square } ?? notSquare
        guard reshape || wrongFormat || tooLarge else { return Fitted(source: source, note: nil) }
        var done: [String] = []
        if reshape {
            picture = reshaped(picture, mode: mode)
            done.append("\(mode == .pad ? "padded" : mode == .crop ? "cropped" : "scaled") to \(picture.width)×\(picture.height)")
        }
        var encoded = try encode(picture, name: name)
        let limit = original == nil ? rules.maxBytes : rules.mask?.maxBytes ?? rules.maxBytes
        while encoded.count >= limit, picture.width > 16 {
            picture = resized(picture, width: picture.width / 2, height: max(1, picture.height / 2))
            encoded = try encode(picture, name: name)
            done.append("shrunk to \(picture.width)×\(picture.height)")
        }
        if wrongFormat { done.append("converted to PNG") }
        let url = directory.appendingPathComponent(UUID().uuidString + ".png")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(encoded).write(to: url)
        } catch {
            throw InputProblem(subject: name, message: "the fitted copy could not be written: \(error.localizedDescription)")
        }
        return Fitted(
            source: InputSource(path: url.path, historyImage: source.historyImage),
            note: "\(name): \(done.joined(separator: ", ")) (--fit \(mode.rawValue))")
    }

    static func encode(_ picture: RGBAImage, name: String) throws(InputProblem) -> [UInt8] {
        do {
            return try PNGEncoder.encode(rgba: picture)
        } catch {
            throw InputProblem(subject: name, message: "could not be re-encoded: \(error)")
        }
    }

    /// Square by padding (transparent), cropping (centre) or scaling (squeezed).
    static func reshaped(_ picture: RGBAImage, mode: FitMode) -> RGBAImage {
        let (width, height) = (picture.width, picture.height)
        switch mode {
        case .scale:
            let side = min(width, height)
            return resized(picture, width: side, height: side)
        case .crop:
            let side = min(width, height)
            let left = (width - side) / 2, top = (height - side) / 2
            var pixels = [UInt8](repeating: 0, count: side * side * 4)
            for y in 0..<side {
                let from = ((top + y) * width + left) * 4
                pixels.replaceSubrange((y * side * 4)..<((y + 1) * side * 4), with: picture.pixels[from..<(from + side * 4)])
            }
            return RGBAImage(width: side, height: side, pixels: pixels)
        case .pad:
            let side = max(width, height)
            let left = (side - width) / 2, top = (side - height) / 2
            var pixels = [UInt8](repeating: 0, count: side * side * 4)
            for y in 0..<height {
                let to = ((top + y) * side + left) * 4
                pixels.replaceSubrange(to..<(to + width * 4), with: picture.pixels[(y * width * 4)..<((y + 1) * width * 4)])
            }
            return RGBAImage(width: side, height: side, pixels: pixels)
        }
    }

    /// Colour resampled in linear light; alpha by nearest pixel (a mask stays a mask).
    static func resized(_ picture: RGBAImage, width: Int, height: Int) -> RGBAImage {
        var rgb = [UInt8]()
        rgb.reserveCapacity(picture.width * picture.height * 3)
        for index in stride(from: 0, to: picture.pixels.count, by: 4) { rgb += picture.pixels[index..<(index + 3)] }
        let colour = RGBImage(width: picture.width, height: picture.height, pixels: rgb).resized(width: width, height: height)
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        for y in 0..<height {
            for x in 0..<width {
                let to = (y * width + x) * 4
                let from = (y * width + x) * 3
                let sx = min(picture.width - 1, x * picture.width / width), sy = min(picture.height - 1, y * picture.height / height)
                pixels[to] = colour.pixels[from]
                pixels[to + 1] = colour.pixels[from + 1]
                pixels[to + 2] = colour.pixels[from + 2]
                pixels[to + 3] = picture.pixels[(sy * picture.width + sx) * 4 + 3]
            }
        }
        return RGBAImage(width: width, height: height, pixels: pixels)
    }
}
