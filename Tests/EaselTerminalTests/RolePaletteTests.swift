import EaselUI
import Testing

@testable import EaselTerminal

/// Colour-mode detection and how roles become colour numbers and attributes.
@Suite struct RolePaletteTests {
    let theme = Theme.builtinDefault

    @Test func colorModeDetection() {
        #expect(ColorMode.detect(noColor: false, hasColors: true, colorCount: 0x100_0000) == .direct)
        #expect(ColorMode.detect(noColor: false, hasColors: true, colorCount: 256) == .palette256)
        #expect(ColorMode.detect(noColor: false, hasColors: true, colorCount: 88) == .basic)
        #expect(ColorMode.detect(noColor: false, hasColors: true, colorCount: 16) == .basic)
        #expect(ColorMode.detect(noColor: false, hasColors: true, colorCount: 8) == .basic)
        #expect(ColorMode.detect(noColor: false, hasColors: false, colorCount: 0) == .none)
        #expect(ColorMode.detect(noColor: true, hasColors: true, colorCount: 0x100_0000) == .none)
    }

    @Test func noColorMustBeSetAndNonEmpty() {
        #expect(ColorMode.noColorRequested(in: ["NO_COLOR": "1"]))
        #expect(!ColorMode.noColorRequested(in: ["NO_COLOR": ""]))
        #expect(!ColorMode.noColorRequested(in: [:]))
    }

    @Test func palette256UsesTheThemeIndexesOnTheBackground() throws {
        let palette = RolePalette(theme: theme, mode: .palette256, colorCount: 256)
        let accent = try #require(palette.colorNumbers(for: .accent))
        #expect(accent.foreground == Int32(theme.index256(for: .accent)))
        #expect(accent.background == Int32(theme.index256(for: .background)))
        let selection = try #require(palette.colorNumbers(for: .selection))
        #expect(selection.foreground == Int32(theme.index256(for: .text)))
        #expect(selection.background == 60)
    }

    @Test func pictureCellsUseTheirOwnColoursInEveryMode() throws {
        let pixels = PixelPair(foreground: RGBColor(red: 255, green: 0, blue: 0), background: RGBColor(red: 8, green: 8, blue: 8))
        let direct = try #require(RolePalette(theme: theme, mode: .direct, colorCount: 0x100_0000).colorNumbers(for: pixels))
        #expect(direct.foreground == 0xff0000)
        #expect(direct.background == 0x080808)
        // 256 colours: the nearest cube or grey-ramp entry (pure red is cube 196, #080808 ramp 232).
        let indexed = try #require(RolePalette(theme: theme, mode: .palette256, colorCount: 256).colorNumbers(for: pixels))
        #expect(indexed.foreground == 196)
        #expect(indexed.background == 232)
        let basic = try #require(RolePalette(theme: theme, mode: .basic, colorCount: 8).colorNumbers(for: pixels))
        #expect(basic.foreground == 1)
        #expect(basic.background == 0)
        #expect(RolePalette(theme: theme, mode: .none, colorCount: 0).colorNumbers(for: pixels) == nil)
    }

    @Test func directColorPacksRGBAndAvoidsThePaletteRange() throws {
        let palette = RolePalette(theme: theme, mode: .direct, colorCount: 0x100_0000)
        let text = try #require(palette.colorNumbers(for: .text))
        #expect(text.foreground == 0xe6e6e6)
        #expect(text.background == 0x1e1f29)
        let black = Theme(id: "black", name: "Black", color: { _ in RGBColor(rgb: 0x000003) })
        let blackPalette = RolePalette(theme: black, mode: .direct, colorCount: 0x100_0000)
        #expect(blackPalette.colorNumber(for: .text) == 8)
    }

    @Test func basicModePicksTheNearestANSIColour() {
        #expect(RGBColor(rgb: 0xff5f5f).nearestANSIIndex(colorCount: 16) == 9)
        #expect(RGBColor(rgb: 0xff5f5f).nearestANSIIndex(colorCount: 8) == 1)
        #expect(RGBColor(rgb: 0x1e1f29).nearestANSIIndex(colorCount: 16) == 0)
        #expect(RGBColor(rgb: 0xe6e6e6).nearestANSIIndex(colorCount: 8) == 7)
        let palette = RolePalette(theme: theme, mode: .basic, colorCount: 8)
        #expect(palette.colorNumber(for: .error) == 1)
    }

    @Test func noColorMapsRolesToAttributes() {
        let palette = RolePalette(theme: theme, mode: .none, colorCount: 0)
        #expect(palette.colorNumbers(for: .accent) == nil)
        #expect(palette.attributes(for: CellStyle(.selection)) == .reverse)
        #expect(palette.attributes(for: CellStyle(.title)) == .bold)
        #expect(palette.attributes(for: CellStyle(.error)) == [.bold, .underline])
        #expect(palette.attributes(for: CellStyle(.dimText)) == .dim)
        #expect(palette.attributes(for: CellStyle(.negativeWeight)) == .underline)
        #expect(palette.attributes(for: CellStyle(.text)) == [])
        #expect(palette.attributes(for: CellStyle(.text, attributes: .underline)) == .underline)
        #expect(palette.attributes(for: CellStyle(.selection, attributes: .bold)) == [.reverse, .bold])
    }

    @Test func coloursKeepCellAttributesAndThemeBold() {
        let palette = RolePalette(theme: theme, mode: .palette256, colorCount: 256)
        #expect(palette.attributes(for: CellStyle(.title)) == .bold)
        #expect(palette.attributes(for: CellStyle(.selection)) == [])
        #expect(palette.attributes(for: CellStyle(.text, attributes: [.dim, .reverse])) == [.dim, .reverse])
    }
}
