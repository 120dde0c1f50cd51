import ArgumentParser
import EaselCore
import EaselGraphics
import EaselImage
import EaselPixels
import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// `easel show FILE...`: prints images in the terminal from the shell, like chafa or viu, with
/// the renderers the studio's viewer knows plus the pixel protocols.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print images (PNG, JPEG, WebP) in the terminal.",
        discussion: """
            --graphics (or `graphics` in the config) auto asks the terminal what it supports \
            (kitty graphics, iTerm2 inline images, sixel) and falls back to block glyphs in 24-bit \
            or 256 colours; the answer is awaited for at most 200 ms. Output that is not a \
            terminal gets blocks. `easel doctor` says what was found and why. Inside \
            tmux, kitty images use Unicode placeholders and need `set -g allow-passthrough on`.
            --symbols (or `symbols` in the config) picks the block glyphs: half, quadrant, \
            sextant, octant, or auto — octants on terminals known to draw them (kitty, foot, \
            WezTerm, Ghostty), half blocks elsewhere and when the output is not a terminal.
            """)

    @Argument(help: "Image files.")
    var files: [String]

    @Option(help: "Most columns a picture may take (default: the terminal's width, else 80).")
    var cols: Int?

    @Option(help: "Most rows a picture may take (default: the terminal's height less one, else 24).")
    var rows: Int?

    @Option(help: ArgumentHelp(stringLiteral: GraphicsFlag.help), completion: GraphicsFlag.completion)
    var graphics: String?

    @Option(help: "Block glyphs: half, quadrant, sextant, octant or auto (default: the config's, else auto).", completion: .list(["half", "quadrant", "sextant", "octant", "auto"]))
    var symbols: String?

    @Flag(help: "Ordered dithering for block glyphs in 256 colours.")
    var dither = false

    @Option(help: "Colour behind transparent pixels, as #rrggbb (default black).")
    var background: String?

    func run() throws {
        if files.isEmpty { throw CLIFailure(message: "name at least one image file", code: .invalid) }
        if let cols, cols < 1 || cols > 10_000 { throw CLIFailure(message: "--cols must be between 1 and 10000", code: .invalid) }
        if let rows, rows < 1 || rows > 10_000 { throw CLIFailure(message: "--rows must be between 1 and 10000", code: .invalid) }
        let environment = ProcessInfo.processInfo.environment
        let backdrop = try Self.parseColour(background)
        let config = try CommandSetup.load().config
        let mode = try GraphicsFlag.mode(graphics, config: config)
        let choice: SymbolChoice
        if let symbols {
            do { choice = try SymbolChoice(parsing: symbols) } catch { throw CLIFailure(message: "--\(error.description)", code: .invalid) }
        } else {
            choice = config.symbols
        }
        let toTerminal = isatty(STDOUT_FILENO) == 1
        let window = toTerminal ? GraphicsProbe.windowSize(of: STDOUT_FILENO) : nil
        let capabilities = Self.capabilities(mode: mode, toTerminal: toTerminal, environment: environment, window: window)
        // Piped output cannot be asked about; `auto` then keeps to the glyphs every terminal has.
        let set = toTerminal || choice != .auto
            ? choice.resolve(drawsLegacySymbols: GraphicsEnvironment(environment).drawsLegacySymbols) : .half
        var renderer = toTerminal || mode != .auto
            ? GraphicsRenderer.resolve(mode, capabilities, symbols: set) : GraphicsRenderer.resolve(.symbols, capabilities, symbols: set)
        if dither, case .blocks(.palette256, let set) = renderer { renderer = .blocks(.palette256(dithered: true), set) }
        let picture = TerminalPicture(
            renderer: renderer,
            maxColumns: cols ?? window.map { max(1, $0.columns) } ?? 80,
            maxRows: rows ?? window.map { max(1, $0.rows - 1) } ?? 24,
            cell: capabilities.cellSize.map { CellGeometry(width: $0.width, height: $0.height) } ?? .assumed,
            background: backdrop, tmux: capabilities.inTmux)
        let links = toTerminal && Hyperlink.supported(environment: environment)
        var failures = 0
        for (index, file) in files.enumerated() {
            let name = TerminalText.oneLine(file, limit: 300)
            do {
                // Decoded straight at the pixels the area shows (rows added to a linear-light
                // box, flattened on the background as they come), so a 4096² file costs about
                // the terminal's pixels in memory, not its own 64 MB.
                let decoded = try ImageDecoder.decode(
                    fileAt: file, fittedTo: { picture.pixelSize(sourceWidth: $0, sourceHeight: $1) }, over: backdrop)
                var output: [UInt8] = []
                if files.count > 1 || renderer == .none {
                    let absolute = URL(fileURLWithPath: file).standardizedFileURL.path
                    let caption = "\(links ? Hyperlink.link(name, to: absolute) : name)  \(decoded.sourceWidth)×\(decoded.sourceHeight) \(decoded.format.rawValue.uppercased())"
                    output += Array((caption + "\n").utf8)
                }
                output += try picture.render(
                    fitted: decoded.image, sourceWidth: decoded.sourceWidth, sourceHeight: decoded.sourceHeight,
                    imageID: UInt32(index % 255 + 1))
                FileHandle.standardOutput.write(Data(output))
            } catch let error as ImageDecodingError {
                failures += 1
                FileHandle.standardError.write(Data("easel: \(name): \(error.description)\n".utf8))
            } catch {
                failures += 1
                FileHandle.standardError.write(Data("easel: \(name): \(error)\n".utf8))
            }
        }
        if failures > 0 { throw ExitCode(ExitStatus.failure.rawValue) }
    }

    /// What the terminal supports: asked through /dev/tty when a pixel protocol might be used
    /// or the cell shape matters; from the environment alone otherwise.
    static func capabilities(mode: GraphicsMode, toTerminal: Bool, environment: [String: String], window: WindowSize?) -> GraphicsCapabilities {
        let hints = GraphicsEnvironment(environment)
        guard toTerminal, mode != .none, mode != .blocks, mode != .symbols else {
            return GraphicsProbe.capabilities(replies: [], environment: hints, windowSize: window)
        }
        let tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard tty >= 0 else { return GraphicsProbe.capabilities(replies: [], environment: hints, windowSize: window) }
        defer { close(tty) }
        return GraphicsProbe.run(input: tty, output: tty, environment: environment).capabilities
    }

    /// `#rrggbb` → channels; black when absent.
    static func parseColour(_ text: String?) throws -> (red: UInt8, green: UInt8, blue: UInt8) {
        guard let text else { return (0, 0, 0) }
        let hex = text.hasPrefix("#") ? String(text.dropFirst()) : text
        guard hex.count == 6, let value = UInt32(hex, radix: 16) else {
            throw CLIFailure(message: "--background must be a colour like #1e1f29, not \(TerminalText.oneLine(text, limit: 40))", code: .invalid)
        }
        return (UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
    }
}
