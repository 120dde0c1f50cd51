extension RGBAImage {
    /// The image flattened onto a solid background, blending in linear light.
    ///
    /// Opaque pixels come out bit-identical and fully transparent ones exactly the background;
    /// partial alpha mixes light, so a half-transparent white over black is sRGB 188, not 128.
    public func composited(over background: (red: UInt8, green: UInt8, blue: UInt8)) -> RGBImage {
        let count = width * height
        let backdrop = [background.red, background.green, background.blue]
        let output = SRGBTransfer.withTables { tables in
            let backdropLinear = backdrop.map { tables.linear[Int($0)] }
            return pixels.withUnsafeBufferPointer { source in
                [UInt8](unsafeUninitializedCapacity: count * 3) { output, initialized in
                    for index in 0..<count {
                        let alpha = source[index * 4 + 3]
                        for channel in 0..<3 {
                            let value = source[index * 4 + channel]
                            switch alpha {
                            case 255:
                                output[index * 3 + channel] = value
                            case 0:
                                output[index * 3 + channel] = backdrop[channel]
                            default:
                                let coverage = Float(alpha) / 255
                                let mixed =
                                    tables.linear[Int(value)] * coverage + backdropLinear[channel] * (1 - coverage)
                                output[index * 3 + channel] = tables.encode(mixed)
                            }
                        }
                    }
                    initialized = count * 3
                }
            }
        }
        return RGBImage(width: width, height: height, pixels: output)
    }
}
