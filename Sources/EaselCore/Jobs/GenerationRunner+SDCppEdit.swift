import EaselImage
import Foundation

extension GenerationRunner {
    /// stable-diffusion.cpp's sd-server: an edit or a variation is `img_gen` with an
    /// `init_image` (the first input, re-encoded as an RGB PNG since the server refuses
    /// pictures of fewer than three channels), for a masked edit a `mask_image` (one channel,
    /// white where to repaint: Easel's transparent-form mask converted), and `strength`. The
    /// size is the input's (to a multiple of 8) unless one was given, since the server scales
    /// the inputs to the size asked for. The capabilities are checked as for a generation, and
    /// a server that says it takes no init image or mask is refused before anything is sent.
    func runSDCppEdit(
        _ request: ResolvedRequest, images: [InputImage], mask: InputImage?,
        endpoint: ProviderEndpoint, stem: String, progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        guard let first = images.first else {
            throw .invalid(ValidationFailure(problems: [ValidationProblem(field: "images", message: "give the image to \(request.operation.phrase)")]))
        }
        var request = request
        if !request.explicit.contains(.size) {
            request.values[.size] = .text(Self.editSize(width: first.width, height: first.height).description)
            request.explicit.insert(.size)
        }
        progress(JobUpdate(state: .sending))
        let capabilities = try await sdcppCapabilities(endpoint)
        let (found, loras) = capabilities.check(request)
        let problems = found + capabilities.editProblems(mask: mask != nil)
        guard problems.isEmpty else { throw .invalid(ValidationFailure(problems: problems)) }
        let picture = try Self.rgbPNG(first)
        let maskBytes = try mask.map { mask throws(GenerationError) in try mask.blackAndWhiteMaskPNG() }
        return try await submitSDCppJob(
            request, endpoint: endpoint, loras: loras, initImage: picture, mask: maskBytes, stem: stem, progress: progress)
    }

    /// The input as a three-channel PNG (alpha dropped, grey expanded), read from the kept copy
    /// within the standard decode limits.
    public static func rgbPNG(_ image: InputImage) throws(GenerationError) -> [UInt8] {
        let decoded: RGBAImage
        do throws(ImageDecodingError) {
            decoded = try ImageDecoder.decode(fileAt: image.source).image
        } catch {
            throw .invalid(ValidationFailure(problems: [ValidationProblem(field: "image", message: "\(image.path): \(error)")]))
        }
        var rgb: [UInt8] = []
        rgb.reserveCapacity(decoded.width * decoded.height * 3)
        for index in 0..<(decoded.width * decoded.height) {
            rgb.append(contentsOf: decoded.pixels[(index * 4)..<(index * 4 + 3)])
        }
        do throws(ImageEncodingError) {
            return try PNGEncoder.encode(RGBImage(width: decoded.width, height: decoded.height, pixels: rgb))
        } catch {
            throw .storage("could not re-encode \(image.path) for sd-server: \(error)")
        }
    }
}
