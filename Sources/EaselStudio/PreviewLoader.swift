import EaselUI
import Foundation
import Synchronization

/// Makes the pictures the views want, off the studio's loop (decoding a large PNG takes tens of
/// milliseconds), and posts each back as `previewLoaded` or `previewFailed`.
///
/// Work runs on one queue in order; a key asked for again while still pending is not made
/// twice. Keys the screen no longer wants (`keep(only:)`) are skipped when their turn comes, so
/// holding an arrow key in the viewer does not queue a picture per step.
public final class PreviewLoader: Sendable {
    /// Turns a key into a picture, or a one-line reason there is none.
    public typealias Maker = @Sendable (PreviewKey) -> Result<CellPicture, PreviewFailure>

    private let make: Maker
    private let queue = DispatchQueue(label: "easel.previews", qos: .userInitiated)
    private let pending = Mutex<Set<PreviewKey>>([])
    private let wanted = Mutex<Set<PreviewKey>?>(nil)

    public init(make: @escaping Maker) {
        self.make = make
    }

    /// Makes the picture for `key` and posts it to `inbox`.
    public func load(_ key: PreviewKey, inbox: Inbox) {
        guard pending.withLock({ $0.insert(key).inserted }) else { return }
        queue.async { [self] in
            defer { _ = pending.withLock { $0.remove(key) } }
            // Gone from the screen before its turn: the state forgot it too, and asks again if
            // it comes back.
            if let wanted = wanted.withLock({ $0 }), !wanted.contains(key) { return }
            switch make(key) {
            case .success(let picture): inbox.post(.previewLoaded(key, picture))
            case .failure(let failure): inbox.post(.previewFailed(key, failure.message))
            }
        }
    }

    /// Tells the loader what the screen shows now; pending keys outside it are skipped.
    public func keep(only keys: Set<PreviewKey>) {
        wanted.withLock { $0 = keys }
    }
}

/// Why a picture could not be made, in one line fit for the pane.
public struct PreviewFailure: Error, Sendable, Hashable {
    public var message: String
    /// For a fetch: whether the server answered (an HTTP error) rather than not being reached.
    public var reachedServer: Bool

    public init(_ message: String, reachedServer: Bool = true) {
        self.message = message
        self.reachedServer = reachedServer
    }
}
