import EaselCore
import EaselImage
import Foundation

extension SandboxState {
    /// Fills the sandbox with `count` threads for benchmarks, without painting: each holds a
    /// DALL·E 2 request with its finished response (one image, by URL only) and a second request
    /// the service refused — three entries, none waiting, as a thread list sync sees them.
    public func seed(threads count: Int, now: Date = Date()) {
        for index in 0..<count {
            let created = now.addingTimeInterval(-Double(count - index) * 60)
            var thread = createThread(
                aiVersionCode: "dalle2_text2img", aiCode: "dalle2", title: "Seeded thread \(index)", now: created)
            let content: (String) -> JSONValue = { prompt in
                .object(["n": .int(1), "size": .string("256x256"), "prompt": .string(prompt)])
            }
            let image = SandboxImage(
                url: "http://127.0.0.1/storage/dalle2_text2img/seed-\(index).png",
                thumbnailURL: "http://127.0.0.1/storage/dalle2_text2img/seed-\(index).png.thumbnail.jpg",
                width: 256, height: 256, filesize: 60_000)
            thread.entries = [
                SandboxEntry(
                    guid: UUID().uuidString.lowercased(), content: content("seeded lighthouse \(index)"), createdAt: created,
                    dueAt: created.addingTimeInterval(20), images: [image], credits: 7,
                    responseGuid: UUID().uuidString.lowercased(), completedAt: created.addingTimeInterval(20)),
                SandboxEntry(
                    guid: UUID().uuidString.lowercased(), content: content("seeded harbour \(index)"), createdAt: created.addingTimeInterval(30),
                    dueAt: .distantFuture, images: nil, credits: 0, responseGuid: UUID().uuidString.lowercased(), completedAt: nil,
                    failure: "Your prompt was rejected by the safety system."),
            ]
            thread.updatedAt = created.addingTimeInterval(30)
            replace(thread)
        }
    }

    private func replace(_ thread: SandboxThread) {
        storeThread(thread)
    }
}
