import ArgumentParser
import EaselCore
import EaselPixels

/// The `--graphics` value of the commands that draw (studio, `show`, `doctor`): the flag wins,
/// then the config's `graphics`, then `auto`. A bad flag value exits 2 naming the valid ones
/// (a bad config value already did, with its file, line and column).
enum GraphicsFlag {
    /// The help text every such command shows for `--graphics`.
    static let help = "auto, kitty, sixel, iterm2, symbols, blocks (half blocks only) or none (default: the config's graphics, else auto)."

    /// What shell completion offers for `--graphics`: the setting's values.
    static let completion = CompletionKind.list(GraphicsMode.allCases.map(\.rawValue))

    static func mode(_ flag: String?, config: EaselConfig) throws -> GraphicsMode {
        guard let flag else { return config.graphics }
        do {
            return try GraphicsMode(parsing: flag)
        } catch {
            throw CLIFailure(message: "--graphics: \(error.description)", code: .invalid)
        }
    }
}
