import EaselCore
import EaselImage
import Foundation

/// Paints the sandbox's images: a deterministic picture from the prompt at the requested size,
/// as PNG (or JPEG or WebP when asked), with a JPEG thumbnail for ai-client responses.
enum SandboxPainter {
    struct Painted: Sendable {
        var image: SandboxImage
        var files: [String: SandboxFile]
        var bytes: [UInt8]
        var contentType: String
    }

    /// Paints `count` images under `/storage/<folder>/<uuid>.<ext>`, addressed from `origin`.
    static func paint(
        prompt: String, size: ImageSize, count: Int, folder: String, origin: String, format: ImageFormat = .png,
        thumbnails: Bool = true
    ) throws -> [Painted] {
        try (0..<count).map { index in
            let picture = ImagePainter.paint(prompt: prompt, seed: UInt64(index), width: size.width, height: size.height)
            let bytes: [UInt8]
            switch format {
            case .jpeg: bytes = try JPEGEncoder.encode(picture, quality: 90)
            case .webp: bytes = try WebPEncoder.encode(picture, quality: 85)
            case .png: bytes = try PNGEncoder.encode(picture)
            }
            let ext = format.fileExtension
            let contentType = "image/" + format.rawValue
            let path = "/storage/\(folder)/\(UUID().uuidString.lowercased()).\(ext)"
            var files = [path: SandboxFile(bytes: bytes, contentType: contentType)]
            let thumbnailPath = path + ".thumbnail.jpg"
            if thumbnails {
                let small = try JPEGEncoder.encode(picture.thumbnail(maxSide: 256), quality: 80)
                files[thumbnailPath] = SandboxFile(bytes: small, contentType: "image/jpeg")
            }
            let image = SandboxImage(
                url: origin + path, thumbnailURL: origin + thumbnailPath, width: size.width, height: size.height,
                filesize: bytes.count)
            return Painted(image: image, files: files, bytes: bytes, contentType: contentType)
        }
    }
}
