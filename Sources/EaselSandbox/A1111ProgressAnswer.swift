import EaselCore
import EaselImage
import Foundation

/// The sandbox's `GET /sdapi/v1/progress` answer, shaped as the web UI's: idle zeros, or the
/// running job's fraction, ETA, `state` (step of steps, batch of batches) and task id, with a
/// small painted live preview that changes as the steps advance.
enum A1111ProgressAnswer {
    static func make(desk: A1111Desk, withImage: Bool) async -> JSONValue {
        guard let now = await desk.snapshot(at: .now) else {
            return .object([
                "progress": .int(0), "eta_relative": .int(0), "current_image": .null, "textinfo": .null, "current_task": .null,
                "state": state(job: "", count: 0, number: 0, step: 0, steps: 0),
            ])
        }
        var preview: JSONValue = .null
        if withImage {
            let picture = ImagePainter.paint(prompt: now.prompt, seed: UInt64(now.step), width: 32, height: 32)
            if let bytes = try? PNGEncoder.encode(picture) {
                preview = .string(Data(bytes).base64EncodedString())
                await desk.notePreviewSent()
            }
        }
        return .object([
            "progress": .double(now.fraction), "eta_relative": .double(now.eta), "current_image": preview,
            "textinfo": .string("Sampling step \(now.step)/\(now.steps)"), "current_task": .string(now.task),
            "state": state(job: "Batch \(now.batch + 1) out of \(now.batches)", count: now.batches, number: now.batch, step: now.step, steps: now.steps),
        ])
    }

    private static func state(job: String, count: Int, number: Int, step: Int, steps: Int) -> JSONValue {
        .object([
            "skipped": .bool(false), "interrupted": .bool(false), "stopping_generation": .bool(false), "job": .string(job),
            "job_count": .int(count), "job_timestamp": .string(A1111Job.timestamp(Date())), "job_no": .int(number),
            "sampling_step": .int(step), "sampling_steps": .int(steps),
        ])
    }
}
