import EaselCore
import EaselImage
import Foundation

/// The sandbox's sd-server jobs. Like sd-server, it runs one job at a time in the order they
/// came: a job waits in the queue (at least a quarter of the sandbox delay, so a poll can see
/// it queued), generates for the rest of the delay, then completes with painted images — or
/// fails, when its prompt asks to (`SDCppJobBook.failTrigger`). Each poll sees the next state at
/// most: a job shows queued and generating to at least one poll each, however slow the machine
/// running the tests is.
actor SDCppJobBook {
    /// A prompt containing this makes its job fail, so tests can see a failed job.
    static let failTrigger = "sdcpp-fail"

    /// One job as the sandbox keeps it.
    struct Job: Sendable {
        var id: String
        var created: Date
        var starts: Date
        var ends: Date
        var prompt: String
        var width: Int
        var height: Int
        var count: Int
        var cancelled: Date?
        var images: [String]?
        /// Image-to-image: the init picture and the mask (transparent where to repaint).
        var initImage: RGBAImage?
        var mask: RGBAImage?
        /// The furthest state a poll has shown (0 none, 1 queued, 2 generating).
        var shown = 0
    }

    private var jobs: [String: Job] = [:]
    private var order: [String] = []
    private let delay: Double

    init(delay: Double) {
        self.delay = delay
    }

    /// Queues a job and returns it.
    func submit(_ checked: SDCppImageRequest, now: Date = Date()) -> Job {
        var job = submit(prompt: checked.prompt, width: checked.width, height: checked.height, count: checked.count, now: now)
        job.initImage = checked.initImage
        job.mask = checked.mask
        jobs[job.id] = job
        return job
    }

    func submit(prompt: String, width: Int, height: Int, count: Int, now: Date = Date()) -> Job {
        let running = order.compactMap { jobs[$0] }.filter { $0.cancelled == nil }.map(\.ends).max() ?? now
        let starts = max(now.addingTimeInterval(delay / 4), running)
        let id = "job_" + String(Int(now.timeIntervalSince1970), radix: 16) + "_" + UUID().uuidString.prefix(8).lowercased()
        let job = Job(
            id: id, created: now, starts: starts, ends: starts.addingTimeInterval(delay * 3 / 4), prompt: prompt, width: width,
            height: height, count: count)
        jobs[id] = job
        order.append(id)
        return job
    }

    /// The job's JSON as sd-server shows it, painting its images the first time it is complete;
    /// nil for an unknown id.
    func json(_ id: String, now: Date = Date()) throws -> JSONValue? {
        guard var job = jobs[id] else { return nil }
        var status = status(of: job, now: now)
        // A state no poll has seen yet is shown before the ones after it.
        let rank = ["queued": 1, "generating": 2][status] ?? 3
        if job.cancelled == nil, rank > job.shown + 1 {
            status = job.shown == 0 ? "queued" : "generating"
        }
        job.shown = max(job.shown, ["queued": 1, "generating": 2][status] ?? 3)
        jobs[id] = job
        if status == "completed", job.images == nil, let base = job.initImage {
            // Image-to-image: the init picture kept where the mask is not, as sd-server scales
            // both to the size asked for.
            job.images = try (0..<job.count).map { index in
                let picture = SandboxEditPainter.edit(
                    base: base, mask: job.mask, prompt: job.prompt, seed: UInt64(index), width: job.width, height: job.height)
                return Data(try PNGEncoder.encode(picture)).base64EncodedString()
            }
            jobs[id] = job
        }
        if status == "completed", job.images == nil {
            let painted = try SandboxPainter.paint(
                prompt: job.prompt, size: ImageSize(width: job.width, height: job.height), count: job.count, folder: "sd-server",
                origin: "", thumbnails: false)
            job.images = painted.map { Data($0.bytes).base64EncodedString() }
            jobs[id] = job
        }
        var fields: [String: JSONValue] = [
            "id": .string(id), "kind": .string("img_gen"), "status": .string(status),
            "created": .int(Int(job.created.timeIntervalSince1970)),
            "started": now >= job.starts && job.cancelled == nil ? .int(Int(job.starts.timeIntervalSince1970)) : .null,
            "completed": .null, "queue_position": .int(status == "queued" ? ahead(of: job, now: now) : 0), "result": .null,
            "error": .null,
        ]
        switch status {
        case "completed":
            fields["completed"] = .int(Int(job.ends.timeIntervalSince1970))
            fields["result"] = .object([
                "output_format": .string("png"),
                "images": .array((job.images ?? []).enumerated().map { .object(["index": .int($0), "b64_json": .string($1)]) }),
            ])
        case "failed":
            fields["completed"] = .int(Int(job.ends.timeIntervalSince1970))
            fields["error"] = .object(["code": .string("generation_failed"), "message": .string("generate_image returned no results")])
        case "cancelled":
            fields["completed"] = .int(Int((job.cancelled ?? now).timeIntervalSince1970))
            fields["error"] = .object(["code": .string("cancelled"), "message": .string("job cancelled by client")])
        default:
            break
        }
        return .object(fields)
    }

    /// sd-server's cancel: a queued job is cancelled; a generating one cannot be (`false`);
    /// a finished one is left as it is. Nil for an unknown id.
    func cancel(_ id: String, now: Date = Date()) -> Bool? {
        guard var job = jobs[id] else { return nil }
        switch status(of: job, now: now) {
        case "queued":
            job.cancelled = now
            jobs[id] = job
            return true
        case "generating":
            return false
        default:
            return true
        }
    }

    private func status(of job: Job, now: Date) -> String {
        if job.cancelled != nil { return "cancelled" }
        if now < job.starts { return "queued" }
        if now < job.ends { return "generating" }
        return job.prompt.contains(Self.failTrigger) ? "failed" : "completed"
    }

    /// Jobs still to run before this one starts.
    private func ahead(of job: Job, now: Date) -> Int {
        order.compactMap { jobs[$0] }.filter { $0.created < job.created && $0.cancelled == nil && $0.ends > now }.count
    }
}
