import EaselGraphics
import EaselImage
import Foundation
import Testing

/// kitty commands parsed back: keys, chunking, payload.
struct KittyGraphicsTests {
    /// 10,000 pseudo-random bytes: 13,336 base64 characters, so four chunks.
    static let bigPayload: [UInt8] = {
        var state: UInt32 = 12345
        return (0..<10_000).map { _ in
            state = state &* 1_103_515_245 &+ 12345
            return UInt8(truncatingIfNeeded: state >> 16)
        }
    }()

    @Test func pngIsChunkedWithKeysOnlyOnTheFirstChunk() throws {
        let commands = try KittyGraphics.transmitAndDisplay(
            .png(Self.bigPayload), imageID: 7, columns: 20, rows: 10, moveCursor: false)
        let parsed = try #require(KittyCommand.parseAll(commands.flatMap { $0 }))
        #expect(parsed.count == 4)
        #expect(parsed[0].keyOrder == ["a", "f", "t", "i", "c", "r", "C", "q", "m"])
        #expect(parsed[0].keys == ["a": "T", "f": "100", "t": "d", "i": "7", "c": "20", "r": "10", "C": "1", "q": "2", "m": "1"])
        for chunk in parsed.dropFirst().dropLast() { #expect(chunk.keys == ["m": "1", "q": "2"]) }
        #expect(parsed[3].keys == ["m": "0", "q": "2"])
        #expect(parsed.allSatisfy { $0.payload.utf8.count <= 4096 })
        #expect(parsed.dropLast().allSatisfy { $0.payload.utf8.count == 4096 })
        #expect(KittyCommand.decodedPayload(parsed) == Self.bigPayload)
        // Each chunk decodes on its own (4096 is a multiple of 4).
        #expect(parsed.allSatisfy { Data(base64Encoded: $0.payload) != nil })
    }

    @Test func rawRGBCarriesItsSizeAndFitsOneChunk() throws {
        let image = TestImages.gradient(3, 2)
        let commands = try KittyGraphics.transmitAndDisplay(.rgb(image), imageID: 300)
        #expect(commands.count == 1)
        let parsed = try #require(KittyCommand.parseAll(commands[0]))
        #expect(parsed[0].keys == ["a": "T", "f": "24", "s": "3", "v": "2", "t": "d", "i": "300", "q": "2", "m": "0"])
        #expect(KittyCommand.decodedPayload(parsed) == image.pixels)
    }

    @Test func pngFromAnImageIsARealPNG() throws {
        let payload = try KittyPayload.png(encoding: TestImages.gradient(5, 4))
        let commands = try KittyGraphics.transmitAndDisplay(payload, imageID: 1)
        let parsed = try #require(KittyCommand.parseAll(commands.flatMap { $0 }))
        let decoded = try #require(KittyCommand.decodedPayload(parsed))
        #expect(Array(decoded.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }

    @Test func exactBytesOfASmallCommand() throws {
        let commands = try KittyGraphics.transmitAndDisplay(.png([1, 2, 3]), imageID: 5, columns: 4, rows: 2)
        #expect(commands.flatMap { $0 }.text == "\u{1B}_Ga=T,f=100,t=d,i=5,c=4,r=2,q=2,m=0;AQID\u{1B}\\")
    }

    @Test func deleteFreesTheImage() {
        #expect(KittyGraphics.delete(imageID: 9).text == "\u{1B}_Ga=d,d=I,i=9,q=2\u{1B}\\")
    }

    @Test func badInputIsRefusedWithAMessage() {
        #expect(throws: GraphicsError.invalidImageID(0)) { try KittyGraphics.transmitAndDisplay(.png([1]), imageID: 0) }
        #expect(throws: GraphicsError.emptyImage(width: 0, height: 3)) {
            try KittyGraphics.transmitAndDisplay(.rgb(RGBImage(width: 0, height: 3, pixels: [])), imageID: 1)
        }
        #expect(GraphicsError.invalidImageID(0).description == "kitty image id 0 is invalid (ids start at 1)")
    }

    @Test func tmuxWrapsEveryChunkSeparately() throws {
        let commands = try KittyGraphics.transmitAndDisplay(.png(Self.bigPayload), imageID: 7)
        let wrapped = KittyGraphics.joined(commands, tmux: true)
        let starts = wrapped.ranges(of: Array("\u{1B}Ptmux;".utf8))
        #expect(starts.count == commands.count)
        // Unwrapping each passthrough gives back the chunks exactly.
        var unwrapped: [[UInt8]] = []
        for (number, start) in starts.enumerated() {
            let end = number + 1 < starts.count ? starts[number + 1].lowerBound : wrapped.count
            let inner = Array(wrapped[start.upperBound..<(end - 2)])
            #expect(Array(wrapped[(end - 2)..<end]) == [0x1B, UInt8(ascii: "\\")])
            unwrapped.append(undoubleEscapes(inner))
        }
        #expect(unwrapped == commands)
        #expect(KittyGraphics.joined(commands, tmux: false) == commands.flatMap { $0 })
    }

    @Test("the chunks' payloads join into the file's base64, for every tail length and across chunk edges")
    func chunkedPayloadIsTheFilesBase64() throws {
        for length in [1, 2, 3, 4, 5, 3071, 3072, 3073, 9000] {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 77 + 3) }
            let commands = try KittyGraphics.transmitAndDisplay(.png(bytes), imageID: 1, columns: 2, rows: 1, moveCursor: false)
            let parsed = try #require(KittyCommand.parseAll(commands.flatMap { $0 }))
            #expect(parsed.map(\.payload).joined() == Data(bytes).base64EncodedString(), "length \(length)")
        }
    }

    func undoubleEscapes(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var index = 0
        while index < bytes.count {
            result.append(bytes[index])
            index += bytes[index] == 0x1B ? 2 : 1
        }
        return result
    }
}
