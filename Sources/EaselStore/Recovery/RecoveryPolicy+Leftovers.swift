import EaselCore

extension RecoveryPolicy {
    /// For a job ended without being resumed (`why` says why): clears the previews its killed
    /// run left in `images` and returns the reason to journal, naming the images that run had
    /// already saved — they are kept, being what the server made, but the history cannot take
    /// them as a finished job.
    public static func endUnresumed(_ job: JournalJob, why: String, images: ImageStore) -> String {
        guard let stem = job.stem else { return why }
        let kept = images.clearLeftovers(ofStem: stem, keepingImages: true)
        guard !kept.isEmpty else { return why }
        return why + "; the image\(kept.count == 1 ? "" : "s") it had saved before it stopped "
            + (kept.count == 1 ? "is" : "are") + " kept: " + kept.joined(separator: ", ")
    }
}
