import EaselUI
import Foundation
import Synchronization
import Testing

@testable import EaselStudio

/// Offline browsing: a thumbnail that could not be fetched is not asked for again on every
/// selection, and a host that could not be reached is left alone for a while.
@Suite("Failed remote pictures are remembered")
struct RemoteFetchMemoryTests {
    /// The URLs a fetch was asked for.
    final class FetchLog: Sendable {
        let urls = Mutex<[String]>([])
    }

    /// A fetch that fails as `failure` and notes the URLs it was asked for.
    static func failingFetch(_ failure: PreviewFailure, asked: FetchLog) -> PictureMaker.Fetch {
        { url in
            asked.urls.withLock { $0.append(url) }
            return .failure(failure)
        }
    }

    @Test("an unreachable host is asked once; later pictures from it fail at once")
    func unreachableHost() {
        let asked = FetchLog()
        let maker = PictureMaker(
            background: RGBColor(red: 0, green: 0, blue: 0),
            fetch: Self.failingFetch(PreviewFailure("cannot fetch the image: connect failed", reachedServer: false), asked: asked))
        for name in ["a", "b", "a", "c"] {
            let result = maker.make(PreviewKey(path: "https://images.example/\(name).png", columns: 20, rows: 10))
            guard case .failure(let failure) = result else {
                Issue.record("a failed fetch made a picture")
                return
            }
            #expect(!failure.message.isEmpty)
        }
        #expect(asked.urls.withLock { $0 } == ["https://images.example/a.png"])
        // Another host is still tried.
        _ = maker.make(PreviewKey(path: "https://other.example/a.png", columns: 20, rows: 10))
        #expect(asked.urls.withLock { $0.count } == 2)
    }

    @Test("an HTTP error is remembered for its URL only")
    func httpErrorPerURL() {
        let asked = FetchLog()
        let maker = PictureMaker(
            background: RGBColor(red: 0, green: 0, blue: 0),
            fetch: Self.failingFetch(PreviewFailure("the server answered HTTP 404"), asked: asked))
        for name in ["a", "a", "b", "b"] {
            _ = maker.make(PreviewKey(path: "https://images.example/\(name).png", columns: 20, rows: 10))
        }
        #expect(asked.urls.withLock { $0 } == ["https://images.example/a.png", "https://images.example/b.png"])
    }

    @Test("the memory expires: a URL is tried again after its retry time, a host after its own")
    func expiry() {
        var memory = RemoteFetchMemory()
        let url = "https://images.example/a.png"
        memory.remember(PreviewFailure("down", reachedServer: false), for: url, reachedServer: false, now: 100)
        #expect(memory.failure(for: "https://images.example/b.png", now: 100 + RemoteFetchMemory.hostRetry - 1) != nil)
        #expect(memory.failure(for: "https://images.example/b.png", now: 100 + RemoteFetchMemory.hostRetry) == nil)
        #expect(memory.failure(for: url, now: 100 + RemoteFetchMemory.urlRetry - 1) != nil)
        #expect(memory.failure(for: url, now: 100 + RemoteFetchMemory.urlRetry) == nil)
    }
}
