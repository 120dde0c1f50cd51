import EaselGraphics
import EaselImage
import Foundation
import Testing

/// iTerm2's OSC 1337 form.
struct ITermInlineImageTests {
    @Test func sequenceHasTheDocumentedForm() throws {
        let bytes = try ITermInlineImage.sequence(file: [1, 2, 3, 4, 5], columns: 10, rows: 5)
        #expect(
            bytes.text
                == "\u{1B}]1337;File=inline=1;size=5;name=ZWFzZWwucG5n;width=10;height=5;preserveAspectRatio=1:AQIDBAU=\u{07}")
        let stretched = try ITermInlineImage.sequence(file: [9], name: "a;b", columns: 1, rows: 1, preserveAspectRatio: false)
        #expect(stretched.text == "\u{1B}]1337;File=inline=1;size=1;name=YTti;width=1;height=1;preserveAspectRatio=0:CQ==\u{07}")
    }

    @Test func imagesAreSentAsPNG() throws {
        let bytes = try ITermInlineImage.sequence(image: TestImages.gradient(6, 4), columns: 3, rows: 1)
        let text = bytes.text
        let payload = try #require(text.split(separator: ":").last).dropLast()
        let file = try #require(Data(base64Encoded: String(payload)))
        #expect(Array(file.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        #expect(text.contains("size=\(file.count);"))
    }

    @Test func emptyInputIsRefused() {
        #expect(throws: GraphicsError.emptyImage(width: 0, height: 0)) { try ITermInlineImage.sequence(file: [], columns: 1, rows: 1) }
        #expect(throws: GraphicsError.invalidPlacement(columns: 0, rows: 0)) { try ITermInlineImage.sequence(file: [1], columns: 0, rows: 0) }
    }
}
