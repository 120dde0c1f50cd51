import EaselCore
import EaselImage
import Foundation

extension Bench {
    /// Building the img2img body for a large input: Easel's spliced body beside the base64
    /// encoding alone (the anchor: what any body must do) and beside the same body passed whole
    /// through the JSON encoder (what splicing avoids).
    static func a1111EditBody(mebibytes: Int = 20) throws {
        print("\n## A1111 img2img body for a \(mebibytes) MiB input (target: ≤ 2× the base64 anchor)")
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<(mebibytes << 20)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let request = try Catalog.bundled.resolve(
            GenerationRequest(provider: .a1111, model: "default", parts: [PromptPart("a fox")]), operation: .edit
        ).get()
        let image = InputImage(role: .image, path: "/bench/in.png", sha256: "", format: .png, width: 1024, height: 1024, bytes: bytes.count, hasAlpha: false)
        func best(_ body: () -> Int) -> (ms: Double, size: Int) {
            var fastest = Double.infinity
            var size = 0
            for _ in 0..<5 {
                let started = DispatchTime.now().uptimeNanoseconds
                size = body()
                fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
            }
            return (fastest, size)
        }
        let anchor = best { Data(bytes).base64EncodedData().count }
        let spliced = best { A1111Wire.img2imgBody(request, image: image, imageBytes: bytes, mask: nil, taskID: "easel-bench").count }
        let encoded = best {
            JSONValue.object(["init_images": .array([.string(Data(bytes).base64EncodedString())]), "prompt": .string("a fox")]).jsonText.utf8.count
        }
        print("path                              best_of_5_ms   body_bytes   x_anchor")
        for (name, figure) in [("base64 alone (anchor)", anchor), ("img2img body, spliced (Easel)", spliced), ("same through JSONEncoder", encoded)] {
            print(name.padding(toLength: 33, withPad: " ", startingAt: 0)
                + String(format: " %12.1f  %11d   %8.2f", figure.ms, figure.size, figure.ms / max(anchor.ms, 0.001)))
        }
    }
}
