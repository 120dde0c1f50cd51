import Foundation

extension GenerationRunner {
    /// AUTOMATIC1111 / Forge: `POST /sdapi/v1/img2img` with the first input as the init image and
    /// the mask in the web UI's black-and-white form, through the same path as txt2img (task
    /// journalled first, progress and previews, interrupt, infotext). An edit repaints the image
    /// (under a mask: the masked area only) at the `denoise` strength; a variation is the same
    /// call without a mask at the variation's lower default strength.
    func runA1111Edit(
        _ request: ResolvedRequest, images: [InputImage], mask: InputImage?,
        endpoint: ProviderEndpoint, stem: String, progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        guard let first = images.first else {
            throw .invalid(ValidationFailure(problems: [ValidationProblem(field: "images", message: "give the image to \(request.operation == .variation ? "vary" : "edit")")]))
        }
        if request.operation == .variation, mask != nil {
            throw .invalid(ValidationFailure(problems: [ValidationProblem(field: "mask", message: "a variation takes no mask; use edit")]))
        }
        let limit = request.model.operation(request.operation)?.inputs.maxBytes ?? (64 << 20)
        let imageBytes = try Self.readInput(first, limit: limit)
        let maskBytes = try mask?.blackAndWhiteMaskPNG()
        let task = Self.newA1111Task()
        let outgoing = try A1111Wire.img2img(
            endpoint: endpoint, request: request, image: first, imageBytes: imageBytes, mask: maskBytes, taskID: task.traceID)
        return try await runA1111Job(outgoing, route: "img2img", request: request, task: task, endpoint: endpoint, stem: stem, progress: progress)
    }

    /// The bytes of a checked input from Easel's kept copy, refused when the file is gone or has
    /// grown past what was checked.
    static func readInput(_ image: InputImage, limit: Int) throws(GenerationError) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: image.source) else {
            throw .invalid(ValidationFailure(problems: [ValidationProblem(field: "image", message: "\(TerminalText.oneLine(image.source, limit: 200)) cannot be read")]))
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: limit)) ?? Data()
        guard !data.isEmpty, data.count < limit else {
            throw .invalid(ValidationFailure(problems: [
                ValidationProblem(field: "image", message: "\(TerminalText.oneLine(image.source, limit: 200)) changed since it was checked")
            ]))
        }
        return Array(data)
    }
}
