import EaselPixels

/// Reads another program's ANSI picture (chafa's `-f symbols` output) back into cells: SGR
/// colours (24-bit `38;2`/`48;2`, reset, inverse) and one cell per printed scalar, a row per line.
enum ANSICells {
    static func parse(_ bytes: [UInt8]) -> [[PictureCell]] {
        var rows: [[PictureCell]] = []
        var row: [PictureCell] = []
        var foreground = RGBColor(255, 255, 255)
        var background = RGBColor(0, 0, 0)
        var inverse = false
        let scalars = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "\u{1B}":
                guard index < scalars.count, scalars[index] == "[" else { index += 1; continue }
                index += 1
                var parameters = ""
                while index < scalars.count, !(0x40...0x7E).contains(scalars[index].value) {
                    parameters.unicodeScalars.append(scalars[index])
                    index += 1
                }
                guard index < scalars.count else { break }
                let final = scalars[index]
                index += 1
                guard final == "m" else { continue }
                let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
                var at = 0
                while at < numbers.count {
                    switch numbers[at] {
                    case 0:
                        (foreground, background, inverse) = (RGBColor(255, 255, 255), RGBColor(0, 0, 0), false)
                    case 7: inverse = true
                    case 27: inverse = false
                    case 38, 48:
                        guard at + 4 < numbers.count, numbers[at + 1] == 2 else { break }
                        let color = RGBColor(UInt8(clamping: numbers[at + 2]), UInt8(clamping: numbers[at + 3]), UInt8(clamping: numbers[at + 4]))
                        if numbers[at] == 38 { foreground = color } else { background = color }
                        at += 4
                    default: break
                    }
                    at += 1
                }
            case "\n":
                rows.append(row)
                row = []
            case "\r":
                continue
            default:
                let colors = inverse
                    ? PixelPair(foreground: background, background: foreground) : PixelPair(foreground: foreground, background: background)
                row.append(PictureCell(glyph: scalar, colors: colors))
            }
        }
        if !row.isEmpty { rows.append(row) }
        return rows
    }
}
