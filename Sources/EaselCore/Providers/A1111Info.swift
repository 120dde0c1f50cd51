import EaselImage

/// What the `info` string of an AUTOMATIC1111 reply says about the images made: the seeds the
/// server really used, each image's infotext (what the web UI writes into its PNGs), and where
/// the pictures start when a grid comes first.
public struct A1111Info: Sendable, Hashable {
    /// One seed per picture (not per grid), as `all_seeds`.
    public var allSeeds: [Int]
    /// The first picture's seed (`seed`).
    public var seed: Int?
    /// One infotext per entry of `images`, grid included.
    public var infotexts: [String]
    /// `index_of_first_image`: 1 when a grid image leads the list.
    public var firstImageIndex: Int
    /// `job_timestamp`, as the server wrote it.
    public var jobTimestamp: String?

    /// The longest `info` text read; a larger one is kept verbatim but not interpreted.
    public static let readLimit = 4 << 20
    /// The longest infotext kept for one image.
    public static let infotextLimit = 64 << 10

    public init(allSeeds: [Int] = [], seed: Int? = nil, infotexts: [String] = [], firstImageIndex: Int = 0, jobTimestamp: String? = nil) {
        self.allSeeds = allSeeds
        self.seed = seed
        self.infotexts = infotexts
        self.firstImageIndex = firstImageIndex
        self.jobTimestamp = jobTimestamp
    }

    /// Reads `info`; fields of the wrong type are left out, never guessed.
    public init(parsing text: String?) {
        self.init()
        guard let text, text.utf8.count <= Self.readLimit, let json = JSONValue.parse(Array(text.utf8)) else { return }
        allSeeds = json["all_seeds"]?.arrayValue?.compactMap(\.intValue) ?? []
        seed = json["seed"]?.intValue ?? allSeeds.first
        infotexts = (json["infotexts"]?.arrayValue ?? []).map { String(($0.stringValue ?? "").prefix(Self.infotextLimit)) }
        firstImageIndex = max(0, min(json["index_of_first_image"]?.intValue ?? 0, 64))
        jobTimestamp = json["job_timestamp"]?.stringValue
    }
}
