/// The six-bit column masks of one band, per colour, reused for every band.
struct SixelBandBuffer {
    let width: Int
    /// `colors × width` masks.
    var masks: [UInt8]
    /// The leftmost and rightmost set column of each colour in this band; `lastColumn < 0`
    /// when the colour is unused.
    var firstColumn: [Int]
    var lastColumn: [Int]
    /// Colours in the band, in order of first appearance.
    var used: [Int] = []

    init(colors: Int, width: Int) {
        self.width = width
        masks = [UInt8](repeating: 0, count: colors * width)
        firstColumn = [Int](repeating: 0, count: colors)
        lastColumn = [Int](repeating: -1, count: colors)
    }

    /// Sets the mask bits of rows `top..<top + rows`.
    mutating func collect(_ indexes: UnsafeBufferPointer<UInt8>, top: Int, rows: Int, width: Int) {
        used.removeAll(keepingCapacity: true)
        for row in 0..<rows {
            let bit = UInt8(1) << UInt8(row)
            let start = (top + row) * width
            for x in 0..<width {
                let color = Int(indexes[start + x])
                if lastColumn[color] < 0 {
                    used.append(color)
                    firstColumn[color] = x
                    lastColumn[color] = x
                } else {
                    if x < firstColumn[color] { firstColumn[color] = x }
                    if x > lastColumn[color] { lastColumn[color] = x }
                }
                masks[color * width + x] |= bit
            }
        }
    }

    /// Writes one pass per used colour and clears the masks for the next band.
    mutating func write(to out: inout [UInt8]) {
        for (position, color) in used.enumerated() {
            if position > 0 { out.append(UInt8(ascii: "$")) }
            out.append(UInt8(ascii: "#"))
            DecimalDigits.append(color, to: &out)
            let first = firstColumn[color]
            let last = lastColumn[color]
            // Columns before the first set pixel are blank sixels ('?').
            Self.run(UInt8(ascii: "?"), count: first, to: &out)
            let base = color * width
            var x = first
            while x <= last {
                let mask = masks[base + x]
                var end = x + 1
                while end <= last, masks[base + end] == mask { end += 1 }
                Self.run(63 + mask, count: end - x, to: &out)
                x = end
            }
            for column in first...last { masks[base + column] = 0 }
            lastColumn[color] = -1
        }
    }

    /// `count` copies of `character`, as `!count` + character from four on (shorter than
    /// repeating it from there).
    static func run(_ character: UInt8, count: Int, to out: inout [UInt8]) {
        if count >= 4 {
            out.append(UInt8(ascii: "!"))
            DecimalDigits.append(count, to: &out)
            out.append(character)
        } else {
            for _ in 0..<count { out.append(character) }
        }
    }
}
