import EaselUI

/// What a pixel protocol (sixel, iTerm2) shows over the text layer, and what each frame must
/// send, erase and keep: the bookkeeping that lets an image go out once and stay while the
/// frames around it change.
///
/// ncurses knows nothing of these images. The cells under a shown image are handed to it as
/// blanks (`reserved`) in every frame, so its own diff finds nothing to write there and never
/// paints over the image; when an image leaves (its picture gone, moved, replaced or covered
/// by an overlay) its cells are `erase`d — really rewritten, whatever ncurses believes they
/// hold — and a picture that comes back is sent again. Pure: the terminal runs the plan.
public struct PixelOverlay: Sendable {
    /// An image on the screen now.
    public struct Shown: Hashable, Sendable {
        public var rect: Rect
        public var key: PreviewKey
        /// When it was sent, and how long writing it took (the link's pace).
        public var sentAt: Double
        public var writeSeconds: Double
    }

    /// What one frame does with the images.
    public struct Plan: Equatable, Sendable {
        /// Images to write after the text layer, in order.
        public var send: [ScreenPicture] = []
        /// Cells whose image goes away: rewritten from the frame, blanks included.
        public var erase: [Rect] = []
        /// Cells an image covers after this frame: blank in the text layer.
        public var reserved: [Rect] = []
        /// A changed image waits for the link (the one before it went out too recently);
        /// the caller presents again later and the newest picture is sent then.
        public var deferred = false
    }

    /// The images on the screen, as far as this overlay knows.
    public private(set) var shown: [Shown] = []
    /// The last image sent into each rect, kept after it left: a picture that went away for a
    /// frame (a new partial preview still loading) is paced like one replaced in place.
    private var lastSent: [Rect: Shown] = [:]
    /// The least time between two images sent into the same cells, so a stream of partial
    /// previews is sampled at what the link carries instead of queued: a new image waits at
    /// least this long, or four times as long as writing the last one took.
    public var minimumInterval: Double
    /// Whether an image covers every pixel of its cells (the cell size is known), so a new
    /// image in the same cells needs no erase first.
    public var imagesFillTheirCells: Bool

    /// Creates an overlay with nothing on the screen.
    public init(minimumInterval: Double = 0.1, imagesFillTheirCells: Bool = true) {
        self.minimumInterval = minimumInterval
        self.imagesFillTheirCells = imagesFillTheirCells
    }

    /// Decides what the frame showing `wanted` (the uncovered pictures whose bytes are ready)
    /// does at time `now` (seconds on any steady clock), and takes the result as shown.
    public mutating func plan(_ wanted: [ScreenPicture], now: Double) -> Plan {
        var plan = Plan()
        var next: [Shown] = []
        var kept = Set<Int>()
        for picture in wanted {
            if let index = shown.firstIndex(where: { $0.rect == picture.rect && $0.key == picture.key }) {
                kept.insert(index)
                next.append(shown[index])
                plan.reserved.append(picture.rect)
                continue
            }
            if let index = shown.firstIndex(where: { $0.rect == picture.rect }), !kept.contains(index),
                now < shown[index].sentAt + max(minimumInterval, 4 * shown[index].writeSeconds)
            {
                // The old image stays until the link has room; intermediate pictures are
                // never queued, only the newest is sent when the time comes.
                kept.insert(index)
                next.append(shown[index])
                plan.reserved.append(picture.rect)
                plan.deferred = true
                continue
            }
            if !shown.contains(where: { $0.rect == picture.rect }), let last = lastSent[picture.rect],
                now < last.sentAt + max(minimumInterval, 4 * last.writeSeconds)
            {
                // Nothing is shown there now, so the cells (symbols) stay until the link has room.
                plan.deferred = true
                continue
            }
            plan.send.append(picture)
            plan.reserved.append(picture.rect)
            let sent = Shown(rect: picture.rect, key: picture.key, sentAt: now, writeSeconds: 0)
            next.append(sent)
            lastSent[picture.rect] = sent
        }
        // Only rects sent into within the last few seconds matter for pacing.
        lastSent = lastSent.filter { now - $0.value.sentAt < 5 }
        for (index, old) in shown.enumerated() where !kept.contains(index) {
            let replacedWhole = imagesFillTheirCells && plan.send.contains { $0.rect == old.rect }
            if !replacedWhole { plan.erase.append(old.rect) }
        }
        shown = next
        return plan
    }

    /// Notes how long writing the image in `rect` took, for pacing the next one there.
    public mutating func noteWrite(in rect: Rect, seconds: Double) {
        lastSent[rect]?.writeSeconds = seconds
        guard let index = shown.firstIndex(where: { $0.rect == rect }) else { return }
        shown[index].writeSeconds = seconds
    }

    /// Forgets every image: the screen was cleared (a resize, a resume, a full repaint), which
    /// removed them, so whatever is wanted next is sent again.
    public mutating func forgetScreen() {
        shown.removeAll()
    }

    /// Forgets `rect`'s image without erasing it: writing it failed, so the caller repaints.
    public mutating func drop(_ rect: Rect) {
        shown.removeAll { $0.rect == rect }
    }
}
