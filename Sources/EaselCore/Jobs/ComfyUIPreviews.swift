import EaselImage
import Foundation

/// The preview pictures of one ComfyUI job, saved as `<stem>-partial-<n>` so the progress pane
/// can show them, and removed when the job ends. Each is bounded (`ComfyUIEvent.maxPreviewBytes`)
/// and fully decoded within the standard caps before it is kept; at most a few a second are
/// written, and no more than a hundred per job.
struct ComfyUIPreviews {
    let stem: String
    private(set) var kept: [SavedImage] = []
    private var last: ContinuousClock.Instant?
    static let interval: Duration = .milliseconds(250)
    static let maxCount = 100

    init(stem: String) {
        self.stem = stem
    }

    /// Saves a preview and returns it, or nil when it is skipped (too soon, too many, broken).
    mutating func keep(_ bytes: [UInt8], format: ImageFormat, store: ImageStore) -> PartialImage? {
        let now = ContinuousClock.now
        if let last, now - last < Self.interval { return nil }
        guard kept.count < Self.maxCount, bytes.count <= ComfyUIEvent.maxPreviewBytes, ImageVerifier.problem(in: bytes) == nil,
            let saved = try? store.save(bytes, stem: "\(stem)-partial-\(kept.count + 1)", verify: false)
        else { return nil }
        last = now
        kept.append(saved)
        return PartialImage(index: kept.count - 1, sequence: kept.count - 1, image: saved)
    }

    /// Deletes the saved previews.
    mutating func discard() {
        for image in kept { try? FileManager.default.removeItem(atPath: image.path) }
        kept = []
    }
}
