import EaselImage

/// A decoded `POST /sdapi/v1/txt2img` answer: the images as base64 text, the echoed
/// `parameters`, and `info` — a JSON document sent as a string — both verbatim and read.
public struct A1111Reply: Sendable, Hashable {
    /// Every image of the reply in its order (a grid first, when the server returns one).
    public var images: [String]
    /// The server's echo of the request, as sent back.
    public var parameters: JSONValue?
    /// `info` exactly as the server sent it (a JSON text), kept with the entry.
    public var infoText: String?
    /// What `info` says, when it reads as JSON.
    public var info: A1111Info

    /// The indices of `images` that are pictures of their own (not the grid in front of them).
    public var pictureIndices: Range<Int> {
        min(info.firstImageIndex, images.count)..<images.count
    }

    /// The real seed of image `index` of `images`, when `info` names it.
    public func seed(ofImage index: Int) -> Int? {
        let position = index - info.firstImageIndex
        guard position >= 0 else { return nil }
        return position < info.allSeeds.count ? info.allSeeds[position] : nil
    }

    /// The server's infotext for image `index` of `images`, when `info` holds one.
    public func infotext(ofImage index: Int) -> String? {
        index < info.infotexts.count ? info.infotexts[index] : nil
    }

    /// The reply as the history keeps it: `parameters` and `info` (verbatim), no image bytes.
    public var record: JSONValue {
        var fields: [String: JSONValue] = ["images": .int(images.count)]
        if case .object(var echoed)? = parameters {
            // A server asked to (or a fork that does) echoes the inputs: megabytes of base64
            // the history does not need; it keeps the inputs itself.
            for name in ["init_images", "mask"] where echoed[name].map({ $0 != .null }) == true { echoed[name] = .string("(omitted)") }
            fields["parameters"] = .object(echoed)
        } else if let parameters {
            fields["parameters"] = parameters
        }
        if let infoText { fields["info"] = .string(infoText) }
        return .object(fields)
    }
}
