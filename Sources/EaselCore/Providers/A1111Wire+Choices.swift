import EaselImage
import Foundation

extension A1111Wire {
    /// The lists a web UI serves, each with the setting it fills: checkpoints (`title`, as
    /// `sd_model_checkpoint` takes it), samplers and schedulers (`name`).
    public static let choiceRoutes: [(route: String, setting: SettingName, field: String)] = [
        ("sd-models", .checkpoint, "title"), ("samplers", .sampler, "name"), ("schedulers", .scheduler, "name"),
    ]

    /// `GET {base}/sdapi/v1/{route}`.
    public static func listRequest(endpoint: ProviderEndpoint, route: String) throws(GenerationError) -> OutgoingRequest {
        OutgoingRequest(
            method: "GET", url: url(endpoint.baseURL, route),
            headers: [("Accept", "application/json")] + (try authorization(endpoint.credential)), timeout: .seconds(30))
    }

    /// The `field` of every object in a list answer, made safe and bounded (at most 500 names of
    /// 200 characters); nil when the body is not a JSON list.
    public static func decodeNames(_ body: [UInt8], field: String) -> [String]? {
        guard let list = JSONValue.parse(body)?.arrayValue else { return nil }
        var names: [String] = []
        for item in list.prefix(500) {
            guard let name = item[field]?.stringValue else { continue }
            let safe = TerminalText.oneLine(name, limit: 200)
            if !safe.isEmpty, !names.contains(safe) { names.append(safe) }
        }
        return names
    }

    /// `sd_model_checkpoint` of a `GET /sdapi/v1/options` answer: the checkpoint loaded now.
    public static func decodeCurrentCheckpoint(_ body: [UInt8]) -> String? {
        JSONValue.parse(body)?["sd_model_checkpoint"]?.stringValue.map { TerminalText.oneLine($0, limit: 200) }
    }
}
