/// A stable-diffusion.cpp job as `GET /sdcpp/v1/jobs/{id}` describes it. sd-server reports the
/// state and, while queued, how many jobs are ahead; it reports no sampling steps (as of
/// leejet/stable-diffusion.cpp 97d2990), so Easel shows none.
public enum SDCppJob: Sendable, Hashable {
    /// Waiting in the server's queue; `ahead` jobs before it, when reported.
    case queued(ahead: Int?)
    /// Being generated now.
    case generating
    /// Done: the images, base64 (not yet decoded), in the reply's `output_format`.
    case completed(images: [String], format: String?)
    /// Ended with an error; the message is made safe for one line.
    case failed(code: String?, message: String)
    /// Cancelled (by a client, or the server).
    case cancelled(message: String?)

    /// True once nothing more will happen to the job.
    public var isFinished: Bool {
        switch self {
        case .queued, .generating: false
        case .completed, .failed, .cancelled: true
        }
    }

    /// What the progress line and pane show for a job still running.
    public var progress: ServerProgress {
        switch self {
        case .queued(let ahead): ServerProgress(queuePosition: ahead, note: ahead ?? 0 > 0 ? nil : "queued at sd-server")
        case .generating: ServerProgress(note: "sd-server is generating")
        case .completed: ServerProgress(fraction: 1)
        case .failed, .cancelled: ServerProgress()
        }
    }
}
