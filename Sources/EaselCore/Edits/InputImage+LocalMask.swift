import EaselImage

extension InputImage {
    /// This mask as the local backends take it: a greyscale PNG, white where the picture is to be
    /// repainted (Easel's masks, like OpenAI's, mark that area by transparency). Read from the
    /// kept copy, within the standard decode limits.
    public func blackAndWhiteMaskPNG() throws(GenerationError) -> [UInt8] {
        let decoded: DecodedImage
        do throws(ImageDecodingError) {
            decoded = try ImageDecoder.decode(fileAt: source)
        } catch {
            throw .invalid(ValidationFailure(problems: [ValidationProblem(field: "mask", message: "\(path): \(error)")]))
        }
        guard decoded.hasAlpha else {
            throw .invalid(ValidationFailure(problems: [
                ValidationProblem(field: "mask", message: "\(path) has no alpha channel: its transparent pixels mark what to repaint")
            ]))
        }
        do throws(ImageEncodingError) {
            return try MaskEncoder.blackAndWhitePNG(fromTransparent: decoded.image)
        } catch {
            throw .storage("could not convert the mask \(path): \(error)")
        }
    }
}
