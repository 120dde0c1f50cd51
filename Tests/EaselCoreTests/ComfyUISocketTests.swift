@testable import EaselCore
import Foundation
import Testing

/// The socket's queue of signals: bounded, previews dropped first, waits that end on time.
@Suite("ComfyUI socket queue", .timeLimit(.minutes(1)))
struct ComfyUISocketTests {
    @Test("a flood of previews is cut to the capacity, oldest previews first; other messages stay")
    func boundedQueue() async {
        let queue = ComfyUISignalQueue()
        await queue.push(.event(.executionStart(promptID: "p")))
        for index in 0..<(ComfyUISignalQueue.capacity + 100) {
            await queue.push(.event(.preview(promptID: nil, format: .png, bytes: [UInt8(index & 0xFF)])))
        }
        await queue.push(.event(.success(promptID: "p")))
        var taken: [ComfyUISocket.Signal] = []
        while let next = await queue.next(within: .milliseconds(10)) { taken.append(next) }
        #expect(taken.count == ComfyUISignalQueue.capacity)
        #expect(taken.first == .event(.executionStart(promptID: "p")) && taken.last == .event(.success(promptID: "p")))
    }

    @Test("a wait with nothing to take ends after its timeout, and a finished queue answers at once")
    func waitsEnd() async {
        let queue = ComfyUISignalQueue()
        let start = ContinuousClock.now
        #expect(await queue.next(within: .milliseconds(100)) == nil)
        #expect(ContinuousClock.now - start >= .milliseconds(100))
        await queue.finish()
        #expect(await queue.next(within: .seconds(30)) == nil)
    }

    @Test("a socket to a port nobody listens on fails to open, in words")
    func refusedSocket() async {
        switch await ComfyUISocket.open(url: "ws://127.0.0.1:1/ws?clientId=x", timeout: .seconds(5)) {
        case .success(let socket):
            socket.close()
            Issue.record("opened")
        case .failure(let failure):
            #expect(!failure.reason.isEmpty)
        }
    }
}
