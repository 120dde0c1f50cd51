import EaselCore
import Foundation

/// How the studio reaches each provider, decided at start-up from the configuration: through the
/// built-in sandbox, through a configured endpoint, or not at all until a key is set.
public enum ProviderAccess: Sendable, Hashable {
    /// The in-process sandbox answers for this provider.
    case sandbox
    /// A real endpoint on `host` with a key.
    case configured(host: String?)
    /// No key: `variable` is what to set.
    case missingKey(variable: String)

    /// The host to check retirements against (nil for the sandbox, which serves every model).
    public var host: String? {
        if case .configured(let host) = self { return host }
        return nil
    }
}

/// What the studio knows about its surroundings that the reducer needs: the catalog, how each
/// provider is reached, and the user's preferences.
public struct StudioContext: Sendable, Hashable {
    public var catalog: Catalog
    public var access: [ProviderID: ProviderAccess]
    /// True when the studio runs on the built-in sandbox because nothing is configured.
    public var implicitSandbox: Bool
    /// Ring the bell when a job finishes out of view.
    public var bell: Bool
    /// The zone dates are shown in.
    public var timeZone: TimeZone = .current
    /// Whether images are drawn (off with `--graphics none` and where the terminal has no
    /// colour: half-blocks without colour show nothing).
    public var pictures: Bool = true
    /// How pictures are drawn, resolved at launch from `--graphics`, the config and the
    /// terminal's answers: never `auto` once the studio runs (`kitty`, `sixel`, `iterm`,
    /// `symbols`, `blocks` or `none`). The views that draw pixel protocols read it.
    public var graphics: GraphicsMode = .symbols
    /// One line saying which protocol pictures use and why ("sixel — DA1 lists sixel
    /// (attribute 4)"), sanitized, for the help overlay; nil when not known (tests).
    public var graphicsSummary: String?
    /// The keys in use (the config's `[keys]` applied), so messages that name a key name the
    /// user's (`AppState.key(_:in:)`).
    public var keymap: Keymap = .standard
    /// Where exported images go unless the user types another directory.
    public var exportDirectory: String = "."
    /// Per-image prices for the estimate before sending (the user's table, else the shipped one).
    public var prices: PriceTable = .bundled
    /// How many jobs each provider may run at once; the rest wait in the queue. Providers not
    /// named get `JobLimits.defaultLimit`.
    public var limits = JobLimits()
    /// The colour blended into masked picture cells in the mask editor: the theme's accent,
    /// set at launch (the reducer and views never see the theme itself).
    public var maskTint = RGBColor(red: 0xE0, green: 0x40, blue: 0x80)

    /// Creates a context.
    public init(catalog: Catalog, access: [ProviderID: ProviderAccess], implicitSandbox: Bool, bell: Bool = true) {
        self.catalog = catalog
        self.access = access
        self.implicitSandbox = implicitSandbox
        self.bell = bell
    }

    /// Every provider on the sandbox: what a fresh install and the tests use.
    public static func sandbox(catalog: Catalog = .bundled, implicit: Bool = true) -> StudioContext {
        StudioContext(
            catalog: catalog,
            access: Dictionary(uniqueKeysWithValues: catalog.providers.map { ($0.id, ProviderAccess.sandbox) }),
            implicitSandbox: implicit)
    }
}
