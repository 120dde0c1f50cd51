/// Shrinks a picture that arrives one RGBA row at a time by a whole factor, averaging each
/// factor×factor block in linear light weighted by alpha, so a decode that only needs a small
/// picture holds the small output plus one row of sums instead of the full-size image.
struct BoxReducer {
    let sourceWidth: Int
    let sourceHeight: Int
    let factor: Int
    let width: Int
    let height: Int
    /// Alpha-weighted linear-light sums of the block row being filled, three per output column.
    private var colourSums: [Float]
    private var alphaSums: [UInt32]
    private var rowsInBlock = 0
    private var outputRow = 0
    private(set) var pixels: [UInt8]

    /// The largest whole factor that keeps both sides at least `minimum` (1 when the source is
    /// already no larger).
    static func factor(sourceWidth: Int, sourceHeight: Int, minimum: PixelSize) -> Int {
        max(1, min(sourceWidth / max(1, minimum.width), sourceHeight / max(1, minimum.height)))
    }

    /// A reducer for a `sourceWidth`×`sourceHeight` picture shrunk `factor` times (rounded up).
    init(sourceWidth: Int, sourceHeight: Int, factor: Int) {
        precondition(sourceWidth > 0 && sourceHeight > 0 && factor >= 1, "BoxReducer needs a picture and a factor")
        self.sourceWidth = sourceWidth
        self.sourceHeight = sourceHeight
        self.factor = factor
        width = (sourceWidth + factor - 1) / factor
        height = (sourceHeight + factor - 1) / factor
        colourSums = [Float](repeating: 0, count: width * 3)
        alphaSums = [UInt32](repeating: 0, count: width)
        pixels = [UInt8](repeating: 0, count: width * height * 4)
    }

    /// The result once every source row was added.
    var image: RGBAImage { RGBAImage(width: width, height: height, pixels: pixels) }

    /// Adds the next source row (`sourceWidth` RGBA pixels, top to bottom).
    mutating func add(row: UnsafePointer<UInt8>) {
        guard outputRow < height else { return }
        let factor = factor
        SRGBTransfer.withTables { tables in
            colourSums.withUnsafeMutableBufferPointer { colour in
                alphaSums.withUnsafeMutableBufferPointer { alpha in
                    for x in 0..<sourceWidth {
                        let a = row[x * 4 + 3]
                        guard a != 0 else { continue }
                        let column = x / factor
                        let weight = Float(a)
                        colour[column * 3] += tables.linear[Int(row[x * 4])] * weight
                        colour[column * 3 + 1] += tables.linear[Int(row[x * 4 + 1])] * weight
                        colour[column * 3 + 2] += tables.linear[Int(row[x * 4 + 2])] * weight
                        alpha[column] += UInt32(a)
                    }
                }
            }
        }
        rowsInBlock += 1
        let sourceRow = outputRow * factor + rowsInBlock
        if rowsInBlock == factor || sourceRow == sourceHeight {
            emitBlockRow()
        }
    }

    /// Writes the finished block row as one output row and clears the sums.
    private mutating func emitBlockRow() {
        let base = outputRow * width * 4
        let rows = rowsInBlock
        let factor = factor
        let sourceWidth = sourceWidth
        SRGBTransfer.withTables { tables in
            pixels.withUnsafeMutableBufferPointer { output in
                for column in 0..<width {
                    let columns = min(factor, sourceWidth - column * factor)
                    let count = UInt32(rows * columns)
                    let alphaSum = alphaSums[column]
                    let offset = base + column * 4
                    if alphaSum == 0 {
                        output[offset] = 0
                        output[offset + 1] = 0
                        output[offset + 2] = 0
                        output[offset + 3] = 0
                        continue
                    }
                    let scale = 1 / Float(alphaSum)
                    output[offset] = tables.encode(colourSums[column * 3] * scale)
                    output[offset + 1] = tables.encode(colourSums[column * 3 + 1] * scale)
                    output[offset + 2] = tables.encode(colourSums[column * 3 + 2] * scale)
                    output[offset + 3] = UInt8((alphaSum + count / 2) / count)
                }
            }
        }
        for index in colourSums.indices { colourSums[index] = 0 }
        for index in alphaSums.indices { alphaSums[index] = 0 }
        rowsInBlock = 0
        outputRow += 1
    }
}
