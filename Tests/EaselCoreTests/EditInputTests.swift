import EaselCore
import EaselImage
import Foundation
import Testing

/// The inspector refuses what a model cannot take before anything is sent, one line each.
struct EditInputTests {
    let gpt = Catalog.bundled.model("gpt-image-1.5", of: .openAI)!.edit!.inputs
    let dalle = Catalog.bundled.model("dall-e-2", of: .openAI)!.edit!.inputs

    func problems(_ images: [String], mask: String? = nil, rules: InputRules, model: String = "dall-e-2") -> [String] {
        switch InputInspector.check(images: images.map { InputSource(path: $0) }, mask: mask.map { InputSource(path: $0) }, rules: rules, model: model) {
        case .success: []
        case .failure(let found): found.problems.map(\.description)
        }
    }

    @Test func aGoodImageAndMaskPassWithTheirHashAndSize() throws {
        let files = try EditFixtures()
        defer { files.remove() }
        let image = try files.png("door.png", EditFixtures.halves(width: 64, height: 64))
        let mask = try files.png("mask.png", rgba: EditFixtures.mask(width: 64, height: 64, transparent: (0..<32, 0..<64)))
        let checked = try InputInspector.check(images: [InputSource(path: image)], mask: InputSource(path: mask), rules: dalle, model: "dall-e-2").get()
        #expect(checked.images.count == 1)
        #expect(checked.images[0].width == 64)
        #expect(checked.images[0].sha256 == SHA256.hex(Array(try Data(contentsOf: URL(fileURLWithPath: image)))))
        #expect(checked.mask?.hasAlpha == true)
        #expect(checked.images[0].uploadName == "door.png")
    }

    @Test func notSquareNamesTheConversionsThatWouldFit() throws {
        let files = try EditFixtures()
        defer { files.remove() }
        let wide = try files.png("wide.png", EditFixtures.halves(width: 60, height: 40))
        let found = problems([wide], rules: dalle)
        #expect(found.count == 1)
        #expect(found[0].contains("60×40"))
        #expect(found[0].contains("square images only"))
        #expect(found[0].contains("--fit crop (centre 40×40)"))
        #expect(found[0].contains("--fit pad (60×60)"))
    }

    @Test func maskWithoutAlphaOrOfAnotherSizeIsRefused() throws {
        let files = try EditFixtures()
        defer { files.remove() }
        let image = try files.png("a.png", EditFixtures.halves(width: 32, height: 32))
        let opaque = try files.png("opaque.png", EditFixtures.halves(width: 32, height: 32))
        let small = try files.png("small.png", rgba: EditFixtures.mask(width: 16, height: 16, transparent: (0..<8, 0..<8)))
        #expect(problems([image], mask: opaque, rules: gpt).first?.contains("no alpha channel") == true)
        #expect(problems([image], mask: small, rules: gpt).first?.contains("the mask is 16×16 but the first image is 32×32") == true)
    }

    @Test func hostileInputsAreEachOneLine() throws {
        let files = try EditFixtures()
        defer { files.remove() }
        let good = try PNGEncoder.encode(EditFixtures.halves(width: 32, height: 32))
        let truncated = try files.write("cut.png", Array(good.prefix(good.count - 20)))
        // A 120-byte PNG declaring 100000×100000 pixels: refused from its header.
        var bomb = Array(good.prefix(33))
        bomb[16...19] = [0x00, 0x01, 0x86, 0xA0]
        bomb[20...23] = [0x00, 0x01, 0x86, 0xA0]
        let bombPath = try files.write("bomb.png", bomb + Array(good.suffix(good.count - 33)))
        let jpegBytes = try JPEGEncoder.encode(EditFixtures.halves(width: 32, height: 32), quality: 80)
        let liar = try files.write("liar.png", jpegBytes)
        let text = try files.write("notes.png", Array("hello".utf8))
        let gif = try files.write("anim.gif", Array("GIF89a".utf8) + Array(repeating: 0, count: 20))
        let found = problems([truncated, bombPath, liar, text, gif, files.directory.path + "/missing.png"], rules: gpt, model: "gpt-image-1.5")
        #expect(found.count == 6)
        #expect(found[0].contains("cut.png") && (found[0].contains("incomplete") || found[0].contains("damaged")))
        #expect(found[1].contains("bomb.png") && found[1].contains("100000×100000"))
        #expect(found[2].contains("its name says PNG but its bytes are JPEG"))
        #expect(found[3].contains("not a PNG, JPEG or WebP image"))
        #expect(found[4].contains("GIF images are not taken"))
        #expect(found[5].contains("no such file"))
        #expect(found.allSatisfy { !$0.contains("\n") })
    }

    @Test func countFormatAndSizeLimitsNameTheLimit() throws {
        let files = try EditFixtures()
        defer { files.remove() }
        let one = try files.png("one.png", EditFixtures.halves(width: 16, height: 16))
        #expect(problems(Array(repeating: one, count: 17), rules: gpt, model: "gpt-image-1.5").first == "images: 17 given, and gpt-image-1.5 takes at most 16 images")
        #expect(problems([one, one], rules: dalle).first == "images: 2 given, and dall-e-2 takes one image")
        let jpeg = try files.write("photo.jpg", try JPEGEncoder.encode(EditFixtures.halves(width: 16, height: 16), quality: 80))
        #expect(problems([jpeg], rules: dalle).first?.contains("is JPEG, and dall-e-2 takes PNG only here") == true)
        // Over 4 MiB: refused from the file's size, before reading it.
        let big = try files.write("big.png", try PNGEncoder.encode(EditFixtures.halves(width: 16, height: 16)) + Array(repeating: 0, count: 4 << 20))
        let found = problems([big], rules: dalle)
        #expect(found.first?.contains("dall-e-2 takes files under 4 MiB") == true)
        #expect(found.first?.contains("--fit scale") == true)
    }

    @Test func keptCopiesAreContentAddressedAndShared() throws {
        let files = try EditFixtures()
        defer { files.remove() }
        let first = try files.png("a.png", EditFixtures.halves(width: 16, height: 16))
        let second = try files.write("b.png", Array(try Data(contentsOf: URL(fileURLWithPath: first))))
        let checked = try InputInspector.check(images: [InputSource(path: first), InputSource(path: second)], mask: nil, rules: gpt, model: "gpt-image-1.5").get()
        let store = InputStore(directory: files.directory.appendingPathComponent("inputs"))
        let kept = try checked.images.map { try store.keep($0) }
        #expect(kept[0].kept == kept[1].kept)
        let hash = checked.images[0].sha256
        #expect(kept[0].kept?.hasSuffix("/inputs/\(hash.prefix(2))/\(hash).png") == true)
        #expect(SHA256.hex(Array(try Data(contentsOf: URL(fileURLWithPath: kept[0].kept!)))) == hash)
        // A file changed after it was checked is not kept (what is sent must be what was checked).
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: first))
        var stale = checked.images[0]
        stale.sha256 = String(repeating: "0", count: 64)
        #expect(throws: ImageStoreError.self) { try store.keep(stale) }
    }
}
