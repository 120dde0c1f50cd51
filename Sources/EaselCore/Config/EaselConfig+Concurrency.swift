extension EaselConfig {
    /// The most jobs one provider runs at once in the studio; more than this is a queue.
    public static let maximumConcurrency = 64

    /// Reads a provider's `concurrency`: a whole number from 1 to `maximumConcurrency`.
    static func concurrency(_ section: TOMLTable, _ key: String, _ path: String, qualified: String) throws(ConfigError) -> Int {
        guard let number = section[key]?.integer, let value = Int(exactly: number), (1...maximumConcurrency).contains(value) else {
            throw .invalid(path: path, key: qualified, reason: "must be a whole number of jobs from 1 to \(maximumConcurrency)")
        }
        return value
    }
}
