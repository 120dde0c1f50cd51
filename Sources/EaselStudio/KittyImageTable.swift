/// Which kitty image ids the terminal holds, for which pictures, and when each was last shown:
/// the pure bookkeeping behind "a picture costs its bytes once".
///
/// Ids come from 16…255. Below 256 a placeholder's id is a palette colour (`38;5;N`), which
/// tmux and ncurses pass through unchanged; below 16 the colour would be one of the eight or
/// sixteen ANSI colours, which terminfo may send as `ESC[3Nm` and terminals treat differently.
/// A picture that leaves the screen keeps its id for a while (scrolling back or resizing back
/// shows it again without a resend); beyond `keptOffscreen` such pictures the least recently
/// shown is deleted, so the terminal's memory stays bounded.
struct KittyImageTable: Sendable {
    /// The ids handed out.
    static let ids: ClosedRange<UInt32> = 16...255

    /// One image the terminal holds.
    struct Entry: Sendable, Equatable {
        var id: UInt32
        /// The frame number it was last on screen in.
        var lastShown: Int
    }

    /// What one frame needs: ids for the pictures shown, which to send first, which to delete.
    struct Plan: Sendable, Equatable {
        /// The id of every picture that gets pixels this frame, by identity.
        var ids: [UInt64: UInt32] = [:]
        /// Pictures to transmit before the frame, in order (identity, id).
        var transmit: [(identity: UInt64, id: UInt32)] = []
        /// Ids to delete after the frame.
        var delete: [UInt32] = []

        static func == (lhs: Plan, rhs: Plan) -> Bool {
            lhs.ids == rhs.ids && lhs.delete == rhs.delete
                && lhs.transmit.map(\.identity) == rhs.transmit.map(\.identity) && lhs.transmit.map(\.id) == rhs.transmit.map(\.id)
        }
    }

    /// Pictures kept in the terminal after they leave the screen.
    let keptOffscreen: Int
    /// Images the terminal holds, by picture identity.
    private(set) var alive: [UInt64: Entry] = [:]
    private var frame = 0

    init(keptOffscreen: Int = 8) {
        self.keptOffscreen = max(0, keptOffscreen)
    }

    /// Plans a frame showing `shown` (picture identities, duplicates allowed); `mayTransmit`
    /// says whether a picture the terminal does not hold yet may be sent now (the caller's
    /// pacing for pictures that change quickly, such as streamed partials).
    mutating func plan(showing shown: [UInt64], mayTransmit: (UInt64) -> Bool = { _ in true }) -> Plan {
        frame += 1
        var plan = Plan()
        let onScreen = Set(shown)
        for identity in shown where plan.ids[identity] == nil {
            if var entry = alive[identity] {
                entry.lastShown = frame
                alive[identity] = entry
                plan.ids[identity] = entry.id
                continue
            }
            guard mayTransmit(identity), let id = freeID(sparing: onScreen) else { continue }
            alive[identity] = Entry(id: id, lastShown: frame)
            plan.ids[identity] = id
            plan.transmit.append((identity, id))
        }
        // Beyond the allowance, pictures off screen go, least recently shown first.
        let offscreen = alive.filter { !onScreen.contains($0.key) }.sorted { $0.value.lastShown < $1.value.lastShown }
        for (identity, entry) in offscreen.prefix(max(0, offscreen.count - keptOffscreen)) {
            alive[identity] = nil
            plan.delete.append(entry.id)
        }
        return plan
    }

    /// Forgets an image the terminal no longer holds (or never accepted).
    mutating func forget(_ identity: UInt64) {
        alive[identity] = nil
    }

    /// Every id still held, for deleting them all when the studio ends.
    var heldIDs: [UInt32] {
        alive.values.map(\.id).sorted()
    }

    /// An unused id, or the id of the least recently shown picture off screen; nil when every
    /// id is on screen. Reusing an id needs no delete: kitty replaces an image transmitted
    /// under an id it already holds.
    private mutating func freeID(sparing onScreen: Set<UInt64>) -> UInt32? {
        let used = Set(alive.values.map(\.id))
        if let id = Self.ids.first(where: { !used.contains($0) }) { return id }
        guard let victim = alive.filter({ !onScreen.contains($0.key) }).min(by: { $0.value.lastShown < $1.value.lastShown })
        else { return nil }
        alive[victim.key] = nil
        return victim.value.id
    }
}
