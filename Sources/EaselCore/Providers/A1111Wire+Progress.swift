import EaselImage
import Foundation

extension A1111Wire {
    /// The largest live preview decoded; a bigger one is ignored (the job goes on).
    public static let previewLimit = 4 << 20

    /// `GET {base}/sdapi/v1/progress?skip_current_image=false`.
    public static func progressRequest(endpoint: ProviderEndpoint) throws(GenerationError) -> OutgoingRequest {
        OutgoingRequest(
            method: "GET", url: url(endpoint.baseURL, "progress?skip_current_image=false"),
            headers: [("Accept", "application/json")] + (try authorization(endpoint.credential)), timeout: .seconds(10))
    }

    /// `POST {base}/sdapi/v1/interrupt`: stops the job the server is running.
    public static func interruptRequest(endpoint: ProviderEndpoint) throws(GenerationError) -> OutgoingRequest {
        OutgoingRequest(
            method: "POST", url: url(endpoint.baseURL, "interrupt"),
            headers: [("Accept", "application/json")] + (try authorization(endpoint.credential)), body: [], timeout: .seconds(10))
    }

    /// Reads a progress answer; nil when it is not the web UI's progress object. Values of the
    /// wrong type are dropped, steps out of range are not shown.
    public static func decodeProgress(_ body: [UInt8]) -> A1111Progress? {
        guard let json = JSONValue.parse(body), case .object = json, json["progress"] != nil || json["state"] != nil else {
            return nil
        }
        let state = json["state"]
        let jobCount = state?["job_count"]?.intValue ?? 0
        let fraction = json["progress"]?.doubleValue
        var step = state?["sampling_step"]?.intValue
        var steps = state?["sampling_steps"]?.intValue
        if let total = steps, total <= 0 || total > 100_000 { steps = nil }
        if let current = step, current < 0 || current > (steps ?? 100_000) { step = nil }
        let eta = json["eta_relative"]?.doubleValue.flatMap { $0.isFinite && $0 >= 0 && $0 < 1e7 ? Duration.seconds($0) : nil }
        let jobNumber = state?["job_no"]?.intValue
        // `job_count` counts the job's batches (`n_iter`), not a queue: shown as a batch number.
        let note = jobCount > 1 ? jobNumber.map { "batch \(min(jobCount, max(1, $0 + 1)))/\(jobCount)" } : nil
        let busy = jobCount > 0 || (fraction ?? 0) > 0
        let image = json["current_image"]?.stringValue.flatMap { $0.utf8.count <= previewLimit / 3 * 4 + 4 && !$0.isEmpty ? $0 : nil }
        let task = json["current_task"]?.stringValue.map { String($0.prefix(200)) }
        return A1111Progress(
            progress: ServerProgress(
                step: busy ? step : nil, steps: busy ? steps : nil, fraction: busy ? fraction : nil, eta: busy ? eta : nil, note: note),
            busy: busy, currentTask: task, currentImage: image, interrupted: state?["interrupted"]?.boolValue ?? false)
    }
}
