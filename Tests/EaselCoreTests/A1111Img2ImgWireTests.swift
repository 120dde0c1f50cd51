import EaselCore
import EaselImage
import Foundation
import Testing

/// A1111's img2img body byte for byte: the init image and mask as base64 in their sorted
/// places, the inpainting settings under the web UI's names and numbers, the strength, and a
/// size that follows the input when none is given.
@Suite struct A1111Img2ImgWireTests {
    static let endpoint = ProviderEndpoint(provider: .a1111, baseURL: "http://gpu-box:7860/", credential: nil)

    static func request(
        _ operation: ImageOperation, _ parts: [PromptPart] = [PromptPart("a fox")], _ settings: [SettingName: SettingValue] = [:]
    ) throws -> ResolvedRequest {
        try Catalog.bundled.resolve(
            GenerationRequest(provider: .a1111, model: "default", parts: parts, settings: settings), operation: operation
        ).get()
    }

    static func image(width: Int, height: Int) -> InputImage {
        InputImage(role: .image, path: "/tmp/in.png", sha256: "00", format: .png, width: width, height: height, bytes: 4, hasAlpha: false)
    }

    @Test("a masked edit: every field in sorted order, the images spliced in as base64, defaults as the web UI's numbers")
    func maskedEditBytes() throws {
        let request = try Self.request(.edit, [PromptPart("a fox"), PromptPart("blurry", weight: -1)])
        let body = String(
            decoding: A1111Wire.img2imgBody(request, image: Self.image(width: 100, height: 61), imageBytes: [1, 2, 3], mask: [4, 5], taskID: "easel-1"),
            as: UTF8.self)
        #expect(body == #"{"batch_size":1,"cfg_scale":7,"denoising_strength":0.75,"force_task_id":"easel-1","height":64,"#
            + #""init_images":["AQID"],"inpaint_full_res":false,"inpaint_full_res_padding":32,"inpainting_fill":1,"#
            + #""inpainting_mask_invert":0,"mask":"BAU=","mask_blur":4,"n_iter":1,"negative_prompt":"blurry","prompt":"a fox","#
            + #""resize_mode":0,"save_images":false,"seed":-1,"send_images":true,"steps":20,"width":104}"#)
    }

    @Test("the inpainting settings map to A1111's fields: fill names to 0…3, only masked, padding, invert, resize mode")
    func inpaintingSettings() throws {
        let request = try Self.request(.edit, [PromptPart("a fox")], [
            .denoise: .text("0.4"), "mask_blur": .text("9"), "inpainting_fill": .text("latent nothing"), "only_masked": .text("true"),
            "only_masked_padding": .text("48"), "mask_invert": .text("true"), "resize_mode": .text("crop and resize"),
            .size: .text("768x512"), .sampler: .text("DPM++ 2M"), .checkpoint: .text("sd_xl_base_1.0"), .n: .text("3"),
        ])
        let json = try #require(JSONValue.parse(
            A1111Wire.img2imgBody(request, image: Self.image(width: 100, height: 100), imageBytes: [9], mask: [8], taskID: nil)))
        #expect(json["denoising_strength"] == .double(0.4))
        #expect(json["mask_blur"] == .int(9) && json["inpainting_fill"] == .int(3))
        #expect(json["inpaint_full_res"] == .bool(true) && json["inpaint_full_res_padding"] == .int(48))
        #expect(json["inpainting_mask_invert"] == .int(1) && json["resize_mode"] == .int(1))
        #expect(json["width"] == .int(768) && json["height"] == .int(512), "a given size wins over the input's")
        #expect(json["sampler_name"] == .string("DPM++ 2M") && json["batch_size"] == .int(3))
        #expect(json["override_settings"] == .object(["sd_model_checkpoint": .string("sd_xl_base_1.0")]))
    }

    @Test("no mask: no mask fields at all; a variation takes the lower default strength and may have no prompt")
    func variationBody() throws {
        let request = try Self.request(.variation, [])
        let json = try #require(JSONValue.parse(
            A1111Wire.img2imgBody(request, image: Self.image(width: 512, height: 512), imageBytes: [7, 7], mask: nil, taskID: "t")))
        #expect(json["denoising_strength"] == .double(0.6))
        #expect(json["prompt"] == .string("") && json["init_images"] == .array([.string("Bwc=")]))
        for name in ["mask", "mask_blur", "inpainting_fill", "inpaint_full_res", "inpaint_full_res_padding", "inpainting_mask_invert"] {
            #expect(json[name] == nil, "\(name) is sent only with a mask")
        }
    }

    @Test("the default size is the input's, each side rounded to a multiple of 8 within 64…4096")
    func defaultSize() {
        #expect(A1111Wire.defaultSize(for: Self.image(width: 1023, height: 765)) == ImageSize(width: 1024, height: 768))
        #expect(A1111Wire.defaultSize(for: Self.image(width: 20, height: 5000)) == ImageSize(width: 64, height: 4096))
        #expect(A1111Wire.defaultSize(for: Self.image(width: 515, height: 516)) == ImageSize(width: 512, height: 520))
    }

    @Test("the request goes to /sdapi/v1/img2img with Basic auth, like txt2img")
    func route() throws {
        var endpoint = Self.endpoint
        endpoint.credential = Credential(secret: "me:pw", source: "A1111_AUTH")
        let outgoing = try A1111Wire.img2img(
            endpoint: endpoint, request: try Self.request(.edit), image: Self.image(width: 64, height: 64), imageBytes: [1], mask: nil,
            taskID: "easel-2")
        #expect(outgoing.url == "http://gpu-box:7860/sdapi/v1/img2img" && outgoing.method == "POST")
        #expect(outgoing.headers.contains { $0 == ("Authorization", "Basic " + Data("me:pw".utf8).base64EncodedString()) })
    }

    @Test("a large input is spliced in whole: the body parses and carries the exact bytes")
    func largeInput() throws {
        let bytes = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let body = A1111Wire.img2imgBody(
            try Self.request(.edit), image: Self.image(width: 64, height: 64), imageBytes: bytes, mask: nil, taskID: nil)
        let json = try #require(JSONValue.parse(body))
        let sent = try #require(json["init_images"]?.arrayValue?.first?.stringValue)
        #expect(Data(base64Encoded: sent) == Data(bytes))
    }

    @Test("a reply that echoes the inputs keeps no base64 in the history's record")
    func echoedInputsOmitted() throws {
        let body = #"{"images":["AA=="],"parameters":{"init_images":["QUJD"],"mask":"REVG","prompt":"a fox"},"info":"{}"}"#
        let reply = try #require(A1111Wire.decodeReply(Array(body.utf8)))
        #expect(reply.record["parameters"] == .object(["init_images": .string("(omitted)"), "mask": .string("(omitted)"), "prompt": .string("a fox")]))
        let plain = try #require(A1111Wire.decodeReply(Array(#"{"images":[],"parameters":{"init_images":null,"mask":null}}"#.utf8)))
        #expect(plain.record["parameters"] == .object(["init_images": .null, "mask": .null]))
    }

    @Test("the catalog: a1111 edits take one PNG/JPEG/WebP up to 4096 a side and a greyscale or alpha mask; the variation none")
    func catalogRules() throws {
        let model = try #require(Catalog.bundled.model("default", of: .a1111))
        let edit = try #require(model.edit?.inputs)
        #expect(edit.maxImages == 1 && edit.formats.count == 3 && !edit.square && edit.maxSide == 4096)
        #expect(edit.mask?.alpha == false && edit.mask?.sameSize == true)
        #expect(model.variation?.inputs.mask == nil && model.variation?.prompt != nil)
        let edit075 = try Self.request(.edit)
        #expect(edit075[.denoise]?.numberValue == 0.75)
    }
}
