// libFuzzer entry for the EaselImage parsers, built by scripts/fuzz.sh together with the
// module's own sources. FUZZ_TARGET picks the parser: decoders or metadata.
import Foundation

/// Caps small enough that a run never spends its time on honest big pictures.
let fuzzLimits = DecodeLimits(maxWidth: 2048, maxHeight: 2048, maxPixels: 1_000_000, maxFileBytes: 1 << 20)
let fuzzTarget = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? "decoders"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImage(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    switch fuzzTarget {
    case "metadata":
        _ = try? ImageMetadataReader.read(bytes)
    default:
        // Every input either decodes within the caps or fails with an error; both paths are
        // checked for the invariants callers rely on.
        if let decoded = try? ImageDecoder.decode(bytes, limits: fuzzLimits) {
            precondition(decoded.image.pixels.count == decoded.image.width * decoded.image.height * 4)
            precondition(fuzzLimits.admits(width: decoded.image.width, height: decoded.image.height))
        }
        if let small = try? ImageDecoder.decode(bytes, limits: fuzzLimits, atLeast: PixelSize(width: 7, height: 5)) {
            precondition(small.image.width <= small.sourceWidth && small.image.height <= small.sourceHeight)
        }
        // The one-pass path `easel show` and the studio take: always exactly the size asked for.
        if let fitted = try? ImageDecoder.decode(bytes, limits: fuzzLimits, fittedTo: { _, _ in PixelSize(width: 9, height: 4) }) {
            precondition(fitted.image.width == 9 && fitted.image.height == 4 && fitted.image.pixels.count == 9 * 4 * 3)
        }
    }
    return 0
}
