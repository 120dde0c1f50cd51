import EaselCore
import Glibc
import Testing

/// The width tables against the C library terminals and ncurses use: glibc's `wcwidth` in
/// C.UTF-8, over every assigned code point.
@Suite("Character width")
struct CharacterWidthTests {
    /// Where Easel means to differ, and why.
    static let intended: [(range: ClosedRange<UInt32>, why: String)] = [
        // glibc's generator widens these; Unicode's East Asian Width says Ambiguous (circled
        // numbers on black squares) and Neutral (Yijing hexagrams), and terminals that follow
        // it (VTE, kitty, foot, xterm) draw them one column wide.
        (0x3248...0x324F, "East Asian Width A; one column outside CJK locales"),
        (0x4DC0...0x4DFF, "East Asian Width N"),
    ]

    @Test("agrees with glibc's wcwidth on every assigned code point but a short list of intended differences")
    func agreesWithGlibc() throws {
        // Swift's Glibc module leaves wcwidth out (it is an X/Open extension); look it up.
        typealias WCWidth = @convention(c) (wchar_t) -> Int32
        let symbol = try #require(dlsym(dlopen(nil, RTLD_NOW), "wcwidth"))
        let wcwidth = unsafeBitCast(symbol, to: WCWidth.self)
        let locale = try #require(newlocale(LC_CTYPE_MASK, "C.UTF-8", nil))
        let previous = uselocale(locale)
        defer {
            uselocale(previous)
            freelocale(locale)
        }
        var differences: [(value: UInt32, ours: Int, glibc: Int32)] = []
        var compared = 0
        var unknownToGlibc = 0
        for value in UInt32(0x20)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            switch scalar.properties.generalCategory {
            case .unassigned, .privateUse, .surrogate, .control: continue
            default: break
            }
            compared += 1
            let ours = CharacterWidth.of(Character(scalar))
            let theirs = wcwidth(wchar_t(value))
            // -1: assigned after glibc's Unicode version; nothing to compare with.
            if theirs < 0 {
                unknownToGlibc += 1
                continue
            }
            guard ours != Int(theirs), !Self.intended.contains(where: { $0.range.contains(value) }) else { continue }
            differences.append((value, ours, theirs))
        }
        #expect(compared > 140_000)
        // Grouped into runs so a report reads as a list of ranges, not thousands of lines.
        var runs: [String] = []
        var start = 0
        for index in differences.indices {
            let next = index + 1
            if next < differences.count, differences[next].value == differences[index].value + 1,
               differences[next].ours == differences[index].ours, differences[next].glibc == differences[index].glibc { continue }
            let first = differences[start], last = differences[index]
            runs.append(String(format: "%04X..%04X ours %d glibc %d", first.value, last.value, first.ours, first.glibc))
            start = next
        }
        #expect(compared - unknownToGlibc > 125_000, "glibc knew only \(compared - unknownToGlibc) of \(compared)")
        if !differences.isEmpty {
            Issue.record("\(differences.count) differences from glibc: \(runs.joined(separator: ", "))")
        }
    }
}
