import EaselCore
import EaselImage
import Foundation
import Testing

/// `--fit` does what the refusal said, and a mask follows its image's geometry.
struct InputFitterTests {
    let dalle = Catalog.bundled.model("dall-e-2", of: .openAI)!.edit!.inputs

    @Test func padAddsTransparentBordersAndCropKeepsTheCentre() throws {
        let files = try EditFixtures()
        defer { files.remove() }
        let wide = try files.png("wide.png", EditFixtures.halves(width: 60, height: 40))
        let padded = try InputFitter.fit(InputSource(path: wide), rules: dalle, mode: .pad, directory: files.directory)
        let pad = try ImageDecoder.decode(fileAt: padded.source.path).image
        #expect(pad.width == 60 && pad.height == 60)
        #expect(pad.pixels[3] == 0, "the top border is transparent")
        #expect(pad.pixels[((30 * 60) + 5) * 4 + 3] == 255)
        #expect(padded.note?.contains("padded to 60×60 (--fit pad)") == true)
        let cropped = try InputFitter.fit(InputSource(path: wide), rules: dalle, mode: .crop, directory: files.directory)
        let crop = try ImageDecoder.decode(fileAt: cropped.source.path).image
        #expect(crop.width == 40 && crop.height == 40)
        // Columns 10..<50 of the original: the left half (red) ends at column 30 → 20 in the crop.
        #expect(crop.pixels[(19 * 4)] == 200 && crop.pixels[(20 * 4)] == 30)
        // A square PNG under the limit is left alone.
        let square = try files.png("square.png", EditFixtures.halves(width: 16, height: 16))
        #expect(try InputFitter.fit(InputSource(path: square), rules: dalle, mode: .crop, directory: files.directory).note == nil)
    }

    @Test func aMaskIsCroppedLikeItsImageAndStillPassesTheChecks() throws {
        let files = try EditFixtures()
        defer { files.remove() }
        let wide = try files.png("wide.png", EditFixtures.halves(width: 60, height: 40))
        let mask = try files.png("mask.png", rgba: EditFixtures.mask(width: 60, height: 40, transparent: (0..<30, 0..<40)))
        let image = try InputFitter.fit(InputSource(path: wide), rules: dalle, mode: .crop, directory: files.directory)
        let fittedMask = try InputFitter.fit(
            InputSource(path: mask), rules: dalle, mode: .crop, directory: files.directory, maskFor: (width: 60, height: 40))
        let checked = try InputInspector.check(images: [image.source], mask: fittedMask.source, rules: dalle, model: "dall-e-2").get()
        #expect(checked.mask?.width == 40)
        let decoded = try ImageDecoder.decode(fileAt: fittedMask.source.path).image
        #expect(decoded.pixels[19 * 4 + 3] == 0 && decoded.pixels[20 * 4 + 3] == 255)
    }
}
