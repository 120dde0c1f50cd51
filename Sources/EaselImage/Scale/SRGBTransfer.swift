#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Conversion between 8-bit sRGB codes and linear light, by table, for averaging and blending
/// (here and in the symbol renderer, which fits glyph colours in linear light).
///
/// Averaging sRGB codes directly darkens every edge and blend (black and white average to 128,
/// which looks like 22% grey, not half); light adds up linearly, so mixing happens there.
public enum SRGBTransfer {
    /// Size of the coarse linear → code table. Its step (1/4096 ≈ 0.000244) is finer than the
    /// smallest gap between rounding thresholds (≈ 0.000303, in the curve's linear toe), so each
    /// step holds at most one threshold and one comparison finishes the lookup exactly.
    static let encodeSteps = 4096

    /// Linear light (0...1) of each 8-bit sRGB code.
    public static let linear: [Float] = (0..<256).map { Float(decode(Double($0) / 255)) }

    /// `threshold[k]` is the linear value where rounding moves from code k to k + 1, that is the
    /// linear light of code k + 0.5; the last entry is past 1 so code 255 is never exceeded.
    static let thresholds: [Float] = (0..<256).map { code in
        code == 255 ? Float.infinity : Float(decode((Double(code) + 0.5) / 255))
    }

    /// The code for the start of each step of width 1/`encodeSteps`, computed with the same
    /// Float thresholds `encode` compares against, so the two can never disagree.
    static let stepCodes: [UInt8] = {
        var codes = [UInt8](repeating: 0, count: encodeSteps)
        var code = 0
        for step in 0..<encodeSteps {
            let value = Float(step) / Float(encodeSteps)
            while value >= thresholds[code] { code += 1 }
            codes[step] = UInt8(code)
        }
        return codes
    }()

    /// The sRGB electro-optical transfer function (IEC 61966-2-1), code fraction → linear light.
    static func decode(_ encoded: Double) -> Double {
        encoded <= 0.04045 ? encoded / 12.92 : pow((encoded + 0.055) / 1.055, 2.4)
    }

    /// The tables as raw buffers, fetched once per image so inner loops do no array checks.
    public struct Tables {
        public let linear: UnsafeBufferPointer<Float>
        let thresholds: UnsafeBufferPointer<Float>
        let stepCodes: UnsafeBufferPointer<UInt8>

        /// The 8-bit code nearest to `value` on the sRGB curve (values outside 0...1 clamp).
        @inline(__always)
        public func encode(_ value: Float) -> UInt8 {
            guard value > 0 else { return 0 }
            guard value < 1 else { return 255 }
            var step = Int(value * Float(SRGBTransfer.encodeSteps))
            if step >= SRGBTransfer.encodeSteps { step = SRGBTransfer.encodeSteps - 1 }
            var code = Int(stepCodes[step])
            // One step either way covers the float rounding of `value * steps` at a step edge.
            if value >= thresholds[code] {
                code += 1
            } else if code > 0, value < thresholds[code - 1] {
                code -= 1
            }
            return UInt8(code)
        }
    }

    /// Runs `body` with the tables as unsafe buffers.
    public static func withTables<Result>(_ body: (Tables) -> Result) -> Result {
        linear.withUnsafeBufferPointer { linear in
            thresholds.withUnsafeBufferPointer { thresholds in
                stepCodes.withUnsafeBufferPointer { stepCodes in
                    body(Tables(linear: linear, thresholds: thresholds, stepCodes: stepCodes))
                }
            }
        }
    }
}
