/// A `WIDTHxHEIGHT` size as the image APIs write it.
public struct ImageSize: Sendable, Hashable, Codable, CustomStringConvertible {
    public let width: Int
    public let height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// Parses `1024x1024` (an `X` or `×` is accepted too); nil for anything else.
    public init?(parsing text: String) {
        let pieces = text.lowercased().replacingOccurrences(of: "×", with: "x")
            .split(separator: "x", omittingEmptySubsequences: false)
        guard pieces.count == 2,
            pieces.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let width = Int(pieces[0]), let height = Int(pieces[1]), width > 0, height > 0
        else { return nil }
        self.init(width: width, height: height)
    }

    public var description: String { "\(width)x\(height)" }
    public var pixels: Int { width * height }
}
