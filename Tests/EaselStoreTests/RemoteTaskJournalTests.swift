import EaselCore
import Foundation
import Testing

@testable import EaselStore

/// The journal keeps a provider task's ids (migration v4): the trace id before the request goes
/// out, the task id once the reply names it, both found again after a crash.
@Suite struct RemoteTaskJournalTests {
    @Test func theTraceIDIsOnDiskWithTheSendingStateAndTheTaskIDFollows() throws {
        let store = try HistoryStore.temporary()
        let request = GenerationRequest(provider: .aceData, model: "dall-e-3", parts: [PromptPart("an otter")])
        let recorder = try JobRecorder(store: store, request: request, baseURL: "https://api.acedata.cloud")
        #expect(try store.job(recorder.journalID)?.task == nil)

        #expect(recorder.record(JobUpdate(state: .sending, task: RemoteTask(traceID: "trace-1"))) == nil)
        var job = try #require(try store.job(recorder.journalID))
        #expect(job.state == .sending)
        #expect(job.task == RemoteTask(traceID: "trace-1"))

        recorder.record(JobUpdate(state: .waiting(pollCount: 0, nextPoll: .seconds(1)), task: RemoteTask(traceID: "trace-1", taskID: "task-9")))
        // Later reports that repeat the ids change nothing; a report without the task id keeps it.
        recorder.record(JobUpdate(state: .waiting(pollCount: 3, nextPoll: .seconds(1)), task: RemoteTask(traceID: "trace-1", taskID: "task-9")))
        try store.recordTask(recorder.journalID, RemoteTask(traceID: "trace-1"))
        job = try #require(try store.job(recorder.journalID))
        #expect(job.state == .waiting)
        #expect(job.task == RemoteTask(traceID: "trace-1", taskID: "task-9"))
        #expect(try store.job(traceID: "trace-1")?.id == recorder.journalID)
        #expect(try store.job(traceID: "nope") == nil)

        // A process that died leaves the job, ids and all, for the next one to resume.
        try store.setOwner(ofJob: recorder.journalID, to: "1:0")
        let orphan = try #require(try store.orphanedJobs().first)
        #expect(orphan.task == RemoteTask(traceID: "trace-1", taskID: "task-9"))
        let resumed = JobRecorder(store: store, resuming: orphan)
        resumed.record(JobUpdate(state: .waiting(pollCount: 0, nextPoll: .seconds(1)), task: orphan.task))
        #expect(try store.job(recorder.journalID)?.updated == job.updated, "nothing new to write")
    }

    @Test func recordingATaskForAMissingJobFails() throws {
        let store = try HistoryStore.temporary()
        #expect(throws: StoreError.noSuchJob(42)) { try store.recordTask(42, RemoteTask(traceID: "t")) }
    }
}
