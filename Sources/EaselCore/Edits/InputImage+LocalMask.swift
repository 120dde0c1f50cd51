import EaselImage

extension InputImage {
    /// This mask as the local backends take it: a greyscale PNG, white where the picture is to be
    /// repainted. A mask with transparent pixels is in Easel's and OpenAI's form (transparent =
    /// repaint) and is converted (grey = 255 − alpha); an opaque one is taken as already black
    /// and white (its luma). Read from the kept copy, within the standard decode limits.
    public func blackAndWhiteMaskPNG() throws(GenerationError) -> [UInt8] {
        let decoded: DecodedImage
        do throws(ImageDecodingError) {
            decoded = try ImageDecoder.decode(fileAt: source)
        } catch {
            throw .invalid(ValidationFailure(problems: [ValidationProblem(field: "mask", message: "\(path): \(error)")]))
        }
        let image = decoded.image
        // Alpha is every fourth byte; one pixel short of opaque is enough to mean OpenAI's form.
        let transparent = decoded.hasAlpha && stride(from: 3, to: image.pixels.count, by: 4).contains { image.pixels[$0] != 255 }
        do throws(ImageEncodingError) {
            return transparent
                ? try MaskEncoder.blackAndWhitePNG(fromTransparent: image) : try MaskEncoder.blackAndWhitePNG(fromLuminance: image)
        } catch {
            throw .storage("could not convert the mask \(path): \(error)")
        }
    }
}
