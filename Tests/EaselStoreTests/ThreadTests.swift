import EaselCore
import Foundation
import GRDB
import Testing

@testable import EaselStore

@Suite struct ThreadTests {
    /// Seed 004's shape, with spacing, key order, escapes and a long number a re-encoder would change.
    static let rawResponse = """
        { "guid":"5c540108-21bd-45af-b4fb-e3d7ca10c8d8", "type":"response",  "error":"None",
          "content":[ { "url":"https:\\/\\/cdn.example\\/a.png", "dimensions":"512x512", "filesize":316543 } ],
          "waiting_response":false, "credits":14.0, "note":"caf\\u00e9 — café", "big":12345678901234567890 }
        """

    @Test func threadEntriesAndImagesRoundTrip() throws {
        let clock = StepClock()
        let store = try HistoryStore.temporary(now: clock.now)
        let created = Date(timeIntervalSince1970: 1_686_498_772)
        let thread = try store.upsertThread(
            provider: .aiClient, guid: "cde75d8e", title: "New thread with Stable Diffusion", model: "sd_text2img",
            created: created)
        let request = Fixtures.request()
        let asked = try store.recordEntry(
            thread: thread, guid: "c2bc2c7f", kind: .request, request: request, waiting: true, credits: 0,
            created: created)
        let answered = try store.recordEntry(
            thread: thread, guid: "5c540108", kind: .response, rawJSON: Self.rawResponse, credits: 14,
            usage: .object(["total_tokens": .int(12)]), revisedPrompt: "a tall lighthouse at dawn",
            created: created + 5)
        let images = [
            SavedImage(path: "/tmp/a.png", url: "https://cdn.example/a.png", thumbnailURL: "https://cdn.example/a_t.png",
                width: 512, height: 512, bytes: 316_543, format: .png),
            SavedImage(path: "/tmp/b.jpg", width: 640, height: 480, bytes: 1000, format: .jpeg),
        ]
        try store.recordImages(entry: answered, images: images, contentHashes: ["/tmp/a.png": String(repeating: "ab", count: 32)])

        let entries = try store.entries(ofThread: thread)
        #expect(entries.map(\.id) == [asked, answered])
        #expect(entries.map(\.position) == [0, 1])
        #expect(entries[0].kind == .request)
        #expect(entries[0].request == request)
        #expect(entries[0].waiting)
        #expect(entries[1].rawJSON == Self.rawResponse)
        #expect(Array(entries[1].rawJSON?.utf8 ?? "".utf8) == Array(Self.rawResponse.utf8))
        #expect(entries[1].usage == .object(["total_tokens": .int(12)]))
        #expect(entries[1].revisedPrompt == "a tall lighthouse at dawn")
        #expect(entries[1].created == created + 5)
        #expect(entries[1].images.count == 2)
        #expect(entries[1].images[0].url == "https://cdn.example/a.png")
        #expect(entries[1].images[0].thumbnailURL == "https://cdn.example/a_t.png")
        #expect(entries[1].images[0].path == "/tmp/a.png")
        #expect(entries[1].images[0].format == .png)
        #expect(entries[1].images[0].sha256 == String(repeating: "ab", count: 32))
        #expect(entries[1].images[1].format == .jpeg)
        #expect(entries[1].images[1].sha256 == nil)
        #expect(entries[1].images[1].width == 640)

        let summary = try #require(try store.thread(thread))
        #expect(summary.guid == "cde75d8e")
        #expect(summary.entryCount == 2)
        #expect(summary.imageCount == 2)
        #expect(summary.credits == 14)
        #expect(summary.updated == created + 5)
    }

    @Test func reRecordingByGuidUpdatesInPlace() throws {
        let store = try HistoryStore.temporary(now: StepClock().now)
        let created = Date(timeIntervalSince1970: 1_686_498_772)
        let thread = try store.upsertThread(provider: .aiClient, guid: "t", title: "first", model: "dalle2_text2img", created: created)
        let again = try store.upsertThread(
            provider: .aiClient, guid: "t", title: nil, model: "dalle2_text2img", created: created, updated: created + 60)
        #expect(again == thread)
        #expect(try store.thread(thread)?.title == "first")
        #expect(try store.thread(thread)?.updated == created + 60)
        _ = try store.upsertThread(provider: .aiClient, guid: "t", title: "second", model: "dalle2_text2img", created: created, updated: created)
        #expect(try store.thread(thread)?.title == "second")
        #expect(try store.thread(thread)?.updated == created + 60)

        let first = try store.recordEntry(thread: thread, guid: "r", kind: .response, rawJSON: "{\"waiting_response\":true}", waiting: true)
        let polled = try store.recordEntry(thread: thread, guid: "r", kind: .response, rawJSON: "{}", waiting: false, credits: 7)
        #expect(polled == first)
        let entries = try store.entries(ofThread: thread)
        #expect(entries.count == 1)
        #expect(entries[0].rawJSON == "{}")
        #expect(!entries[0].waiting)
        #expect(try store.thread(thread)?.credits == 7)
        _ = try store.recordEntry(thread: thread, guid: "r", kind: .response, credits: 5)
        #expect(try store.thread(thread)?.credits == 5)
        #expect(try store.thread(thread)?.entryCount == 1)

        // A retried download replaces the images rather than adding to them.
        let image = SavedImage(path: "/tmp/x.png", width: 1, height: 1, bytes: 1, format: .png)
        try store.recordImages(entry: first, images: [image, image])
        try store.recordImages(entry: first, images: [image])
        #expect(try store.thread(thread)?.imageCount == 1)
    }

    @Test func localThreadsHaveNoGuidAndUniqueUUIDs() throws {
        let store = try HistoryStore.temporary(now: StepClock().now)
        let one = try store.localThread(provider: .openAI, title: "gpt", model: "gpt-image-1")
        let two = try store.localThread(provider: .openAI, model: "gpt-image-1")
        let first = try #require(try store.thread(one))
        let second = try #require(try store.thread(two))
        #expect(first.guid == nil && second.guid == nil)
        #expect(first.localUUID != second.localUUID)
        #expect(try store.recordEntry(thread: one, kind: .request, request: Fixtures.request()) > 0)
        #expect(try store.recordEntry(thread: one, kind: .response, revisedPrompt: "x") > 0)
        #expect(try store.entries(ofThread: one).map(\.position) == [0, 1])
        #expect(throws: StoreError.noSuchThread(42)) { try store.recordEntry(thread: 42, kind: .request) }
        #expect(throws: StoreError.noSuchEntry(42)) { try store.recordImages(entry: 42, images: []) }
    }

    @Test func deletingAThreadTakesItsRowsAndSearchTextAlong() throws {
        let store = try HistoryStore.temporary(now: StepClock().now)
        let doomed = try store.localThread(provider: .openAI, title: "doomed harbour", model: "dall-e-3")
        let kept = try store.localThread(provider: .openAI, title: "kept", model: "dall-e-3")
        let entry = try store.recordEntry(thread: doomed, kind: .request, request: Fixtures.request("harbour at night"))
        try store.recordImages(entry: entry, images: [SavedImage(path: "/tmp/h.png", width: 1, height: 1, bytes: 1, format: .png)])
        _ = try store.recordEntry(thread: kept, kind: .request, request: Fixtures.request("forest"))

        try store.deleteThread(doomed)
        #expect(try store.thread(doomed) == nil)
        #expect(try store.search("harbour").isEmpty)
        let (entries, images, searchRows) = try store.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM entry") ?? -1,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM image") ?? -1,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM search_text") ?? -1
            )
        }
        #expect(entries == 1)
        #expect(images == 0)
        #expect(searchRows == 2)  // the kept thread's title and its one entry
        #expect(throws: StoreError.noSuchThread(doomed)) { try store.deleteThread(doomed) }
        #expect(try store.isIntact())
    }

    @Test func renameChangesTitleAndSearch() throws {
        let store = try HistoryStore.temporary(now: StepClock().now)
        let id = try store.localThread(provider: .openAI, title: "old name", model: "dall-e-3")
        try store.renameThread(id, title: "seaside studies")
        #expect(try store.thread(id)?.title == "seaside studies")
        #expect(try store.search("old").isEmpty)
        #expect(try store.search("seaside").map(\.thread) == [id])
        #expect(throws: StoreError.noSuchThread(77)) { try store.renameThread(77, title: "x") }
    }

    @Test func remoteImagesAreListedWithoutClobberingDownloads() throws {
        let store = try HistoryStore.temporary(now: StepClock().now)
        let thread = try store.upsertThread(provider: .aiClient, guid: "t", model: "dalle2_text2img", created: Date())
        let entry = try store.recordEntry(thread: thread, guid: "r", kind: .response)
        let remote = [
            AIClientImage(url: "https://cdn/a.png", thumbnailURL: "https://cdn/a_t.png", dimensions: ImageSize(width: 512, height: 512), filesize: 10),
            AIClientImage(url: "https://cdn/b.png", thumbnailURL: nil, dimensions: nil, filesize: nil),
        ]
        try store.recordRemoteImages(entry: entry, images: remote)
        var images = try store.entries(ofThread: thread)[0].images
        #expect(images.map(\.url) == ["https://cdn/a.png", "https://cdn/b.png"])
        #expect(images.map(\.path) == [nil, nil])
        #expect(images[0].width == 512)
        #expect(try store.thread(thread)?.imageCount == 2)

        try store.recordImages(
            entry: entry,
            images: [SavedImage(path: "/tmp/a.png", url: "https://cdn/a.png", width: 256, height: 256, bytes: 99, format: .png)],
            contentHashes: ["/tmp/a.png": "00"])
        // A later sync lists the entry again: the downloaded file's facts stay.
        try store.recordRemoteImages(entry: entry, images: [remote[0]])
        images = try store.entries(ofThread: thread)[0].images
        #expect(images.count == 1)
        #expect(images[0].path == "/tmp/a.png")
        #expect(images[0].width == 256)
        #expect(images[0].sha256 == "00")
        #expect(images[0].thumbnailURL == "https://cdn/a_t.png")
        #expect(throws: StoreError.noSuchEntry(9)) { try store.recordRemoteImages(entry: 9, images: remote) }
    }
}
