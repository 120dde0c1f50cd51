import Foundation

/// tmux's `allow-passthrough` option, asked of the tmux server the studio runs under.
///
/// Escape sequences tmux does not know (kitty's APC) reach the outer terminal only when this is
/// `on` or `all` (tmux 3.3 and later); otherwise tmux drops them and a placeholder would show
/// nothing, so the studio falls back to symbols.
public enum TmuxPassthroughSetting {
    /// Whether `value` (what `tmux show -gv allow-passthrough` prints) lets passthrough through.
    public static func allows(_ value: String) -> Bool {
        let word = value.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return word == "on" || word == "all"
    }
}
