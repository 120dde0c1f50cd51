extension RGBImage {
    /// The part of the image inside the given rectangle, clipped to the image's bounds, for
    /// showing a viewport of a picture larger than the screen. A rectangle entirely outside
    /// gives an empty image.
    public func cropped(x: Int, y: Int, width cropWidth: Int, height cropHeight: Int) -> RGBImage {
        let left = min(max(x, 0), width)
        let top = min(max(y, 0), height)
        let right = min(max(Self.end(of: x, length: cropWidth), left), width)
        let bottom = min(max(Self.end(of: y, length: cropHeight), top), height)
        let outputWidth = right - left
        let outputHeight = bottom - top
        if left == 0, top == 0, outputWidth == width, outputHeight == height {
            return self
        }
        var output: [UInt8] = []
        output.reserveCapacity(outputWidth * outputHeight * 3)
        for row in top..<bottom {
            let start = (row * width + left) * 3
            output.append(contentsOf: pixels[start..<(start + outputWidth * 3)])
        }
        return RGBImage(width: outputWidth, height: outputHeight, pixels: output)
    }

    /// `start + length` for a non-negative length, saturating so a huge length cannot overflow.
    private static func end(of start: Int, length: Int) -> Int {
        let (sum, overflow) = start.addingReportingOverflow(max(length, 0))
        return overflow ? Int.max : sum
    }
}
