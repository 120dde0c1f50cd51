import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension ImageStore {
    /// What a job killed part-way left under its stem: streamed or progress previews
    /// (`<stem>-partial-N`), which a finished job would have removed, and images saved but not
    /// yet in the history (`<stem>-N`).
    public struct Leftovers: Sendable, Equatable {
        public var previews: [String] = []
        public var images: [String] = []
    }

    /// The files in the folder whose names start with job stem `stem` (see `Leftovers`).
    public func leftovers(ofStem stem: String) -> Leftovers {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var found = Leftovers()
        for name in names.sorted() where name.hasPrefix(stem + "-") || name.hasPrefix(stem + ".") {
            let path = directory.appendingPathComponent(name).path
            if name.hasPrefix(stem + "-partial-") { found.previews.append(path) } else { found.images.append(path) }
        }
        return found
    }

    /// Clears what a killed run of the job named `stem` left, before the job is resumed: a
    /// resumed job saves its images again under the same names, so nothing is duplicated and
    /// nothing is left that the history does not know. With `keepingImages` (a job that cannot
    /// be resumed) only the previews go, and the images the killed run had saved are returned:
    /// they are what the server made, and there is no other copy.
    @discardableResult
    public func clearLeftovers(ofStem stem: String, keepingImages: Bool) -> [String] {
        let found = leftovers(ofStem: stem)
        for path in found.previews + (keepingImages ? [] : found.images) { unlink(path) }
        return keepingImages ? found.images : []
    }
}
