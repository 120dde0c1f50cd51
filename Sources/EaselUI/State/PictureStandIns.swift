/// A pane whose picture follows its selection: the selected job's, the selected thread's.
public enum PictureSpot: Hashable, Sendable, CaseIterable {
    case job
    case history
}

/// What each pane keeps on screen while the picture of its new selection is made: the picture
/// (or the reason for none) it showed last, for at most `window` seconds from the change.
///
/// Stepping through threads whose pictures are cached, or whose host is known unreachable,
/// then draws once — the new picture, or the same "no preview" line — instead of a "loading
/// preview…" frame followed by the real one. A picture that takes longer says it is loading.
public struct PictureStandIns: Hashable, Sendable {
    /// How long a pane may show its previous picture in place of one being made.
    public static let window = 0.2

    /// The last picture each pane showed, ready or failed.
    var shown: [PictureSpot: PreviewKey] = [:]
    /// Until when (clock time) each pane may show `shown` in place of its wanted picture.
    var until: [PictureSpot: Double] = [:]

    public init() {}

    /// The earliest time after `now` at which a pane stops showing a stand-in, so the loop
    /// wakes to draw "loading preview…" then.
    public func nextDeadline(after now: Double) -> Double? {
        until.values.filter { $0 > now }.min()
    }
}
