import EaselCore
import Foundation
import Testing

@testable import EaselStore

@Suite struct JournalTests {
    @Test func jobGoesFromQueuedToDoneAndLeavesTheUnfinishedList() throws {
        let clock = StepClock()
        let store = try HistoryStore.temporary(now: clock.now)
        let request = Fixtures.request()
        let first = try store.beginJob(request, baseURL: "https://app.ai-client.com/api/v1")
        let second = try store.beginJob(request, baseURL: "https://app.ai-client.com/api/v1")

        var jobs = try store.unfinishedJobs()
        #expect(jobs.map(\.id) == [first, second])
        #expect(jobs[0].state == .queued)
        #expect(jobs[0].request == request)
        #expect(jobs[0].provider == .aiClient)
        #expect(jobs[0].model == "sd_text2img")
        #expect(jobs[0].finished == nil)

        try store.updateJob(first, state: .sending)
        try store.updateJob(first, state: .waiting, thread: "t-1", entry: "e-1")
        try store.updateJob(first, state: .downloading)
        jobs = try store.unfinishedJobs()
        #expect(jobs.first?.state == .downloading)
        // Guids learnt at one step survive the next step, which does not repeat them.
        #expect(jobs.first?.threadGuid == "t-1")
        #expect(jobs.first?.entryGuid == "e-1")

        try store.finishJob(first, state: .done)
        try store.finishJob(second, state: .outcomeUnknown, error: "the connection was reset after sending")
        #expect(try store.unfinishedJobs().isEmpty)

        let done = try #require(try store.job(first))
        #expect(done.state == .done)
        #expect(done.finished != nil)
        #expect(done.updated > done.created)
        let unknown = try #require(try store.job(second))
        #expect(unknown.state == .outcomeUnknown)
        #expect(unknown.error == "the connection was reset after sending")
    }

    @Test func statesAreCheckedAgainstTheCallUsed() throws {
        let store = try HistoryStore.temporary()
        let id = try store.beginJob(Fixtures.request(), baseURL: "http://127.0.0.1:8080")
        #expect(throws: StoreError.wrongJobState(.done, expectedFinal: false)) {
            try store.updateJob(id, state: .done)
        }
        #expect(throws: StoreError.wrongJobState(.waiting, expectedFinal: true)) {
            try store.finishJob(id, state: .waiting)
        }
        #expect(throws: StoreError.noSuchJob(999)) { try store.updateJob(999, state: .sending) }
    }

    @Test func baseURLNeverKeepsCredentialsOrQuery() throws {
        let store = try HistoryStore.temporary()
        let id = try store.beginJob(Fixtures.request(), baseURL: "https://user:sk-secret@api.example.com/v1?api_key=sk-other#x")
        let job = try #require(try store.job(id))
        #expect(job.baseURL == "https://api.example.com/v1")
        #expect(HistoryStore.redacted(baseURL: "sk-secret@host/v1?key=1") == "host/v1")
    }

    @Test func runnerStatesMapToJournalStates() {
        #expect(JournalState(JobState.waiting(pollCount: 3, nextPoll: .seconds(1))) == .waiting)
        #expect(JournalState(JobState.outcomeUnknown("reset")) == .outcomeUnknown)
        #expect(JournalState.unfinished == [.queued, .sending, .waiting, .downloading])
    }
}
