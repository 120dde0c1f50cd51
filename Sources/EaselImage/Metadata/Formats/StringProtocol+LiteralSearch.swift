extension StringProtocol {
    /// The first range of `literal` (compared scalar by scalar) at or after `from`.
    func range(ofLiteral literal: String, from start: Index? = nil) -> Range<Index>? {
        let needle = Array(literal.unicodeScalars)
        guard let first = needle.first else { return nil }
        var index = start ?? startIndex
        let scalars = unicodeScalars
        while let candidate = scalars[index...].firstIndex(of: first) {
            var probe = candidate
            var matched = 0
            while matched < needle.count, probe < scalars.endIndex, scalars[probe] == needle[matched] {
                probe = scalars.index(after: probe)
                matched += 1
            }
            if matched == needle.count { return candidate..<probe }
            index = scalars.index(after: candidate)
        }
        return nil
    }
}
