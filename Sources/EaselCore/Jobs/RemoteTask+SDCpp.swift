extension RemoteTask {
    private static let sdcppSeedPrefix = "sdcpp-seed-"

    /// An sd-server job's task. sd-server takes no id of Easel's, so the trace id, journalled
    /// before the job is sent, keeps what Easel must not lose instead: the seed it chose, which
    /// sd-server reports only inside the image files.
    public init(sdcppSeed seed: Int) {
        self.init(traceID: Self.sdcppSeedPrefix + String(seed))
    }

    /// The seed an sd-server job was sent with, if this task is one.
    public var sdcppSeed: Int? {
        guard traceID.hasPrefix(Self.sdcppSeedPrefix) else { return nil }
        return Int(traceID.dropFirst(Self.sdcppSeedPrefix.count))
    }
}
