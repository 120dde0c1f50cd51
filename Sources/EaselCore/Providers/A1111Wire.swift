import EaselImage
import Foundation

/// AUTOMATIC1111's web UI API (`--api`, also Forge and SD.Next) on the wire: the
/// `POST /sdapi/v1/txt2img` body, its `{images, parameters, info}` reply, HTTP Basic auth from an
/// `A1111_AUTH=user:password` credential, and its error bodies as one line. Pure: bytes in, bytes
/// and typed values out (wire notes §6.2).
public enum A1111Wire {
    /// The txt2img POST. `taskID` goes out as `force_task_id`, so the progress endpoint's
    /// `current_task` can tell this job from someone else's.
    public static func txt2img(
        endpoint: ProviderEndpoint, request: ResolvedRequest, taskID: String
    ) throws(GenerationError) -> OutgoingRequest {
        var headers: [(String, String)] = [("Content-Type", "application/json"), ("Accept", "application/json")]
        headers += try authorization(endpoint.credential)
        // The call blocks until the images are made: a big batch on a small GPU takes many minutes.
        return OutgoingRequest(
            method: "POST", url: url(endpoint.baseURL, "txt2img"), headers: headers,
            body: body(request, taskID: taskID), timeout: .seconds(3600))
    }

    /// `{base}/sdapi/v1/{route}`.
    public static func url(_ base: String, _ route: String) -> String {
        AIClientWire.join(base, "sdapi/v1/" + route)
    }

    /// The JSON body, keys sorted so the bytes are stable: the prompt in A1111's syntax, the size
    /// split into width and height, the sampling settings as numbers, `-1` for a random seed, the
    /// checkpoint as a one-off override, and the images sent back inline.
    public static func body(_ request: ResolvedRequest, taskID: String? = nil) -> [UInt8] {
        Array(JSONValue.object(fields(request, taskID: taskID)).jsonText.utf8)
    }

    static func fields(_ request: ResolvedRequest, taskID: String?) -> [String: JSONValue] {
        let prompt = A1111Prompt.render(request.sentParts)
        let size = request[.size].flatMap { ImageSize(parsing: $0.textValue) } ?? ImageSize(width: 512, height: 512)
        var fields: [String: JSONValue] = [
            "prompt": .string(prompt.positive), "negative_prompt": .string(prompt.negative),
            "seed": .int(request[.seed]?.integerValue ?? -1),
            "width": .int(size.width), "height": .int(size.height),
            "batch_size": .int(request[.n]?.integerValue ?? 1), "n_iter": .int(request["n_iter"]?.integerValue ?? 1),
            "send_images": .bool(true), "save_images": .bool(request["save_images"]?.booleanValue ?? false),
        ]
        if let steps = request[.steps]?.integerValue { fields["steps"] = .int(steps) }
        if let scale = request[.cfgScale]?.numberValue {
            fields["cfg_scale"] = scale == scale.rounded() && abs(scale) < 1e9 ? .int(Int(scale)) : .double(scale)
        }
        if let sampler = request[.sampler]?.textValue, !sampler.isEmpty { fields["sampler_name"] = .string(sampler) }
        if let scheduler = request[.scheduler]?.textValue, !scheduler.isEmpty { fields["scheduler"] = .string(scheduler) }
        if let checkpoint = request[.checkpoint]?.textValue, !checkpoint.isEmpty {
            fields["override_settings"] = .object(["sd_model_checkpoint": .string(checkpoint)])
            // The server goes back to the checkpoint it had, so one job does not change the next.
            fields["override_settings_restore_afterwards"] = .bool(true)
        }
        if let taskID { fields["force_task_id"] = .string(taskID) }
        return fields
    }

    /// The `Authorization` header for `A1111_AUTH=user:password` (the web UI's `--api-auth`),
    /// none without a credential; a credential without a colon is refused in one line.
    public static func authorization(_ credential: Credential?) throws(GenerationError) -> [(String, String)] {
        guard let credential, !credential.secret.isEmpty else { return [] }
        guard credential.secret.contains(":") else {
            throw .configuration(
                "a1111: the credential from \(credential.source) must be user:password (as given to --api-auth), with a colon")
        }
        return [("Authorization", "Basic " + Data(credential.secret.utf8).base64EncodedString())]
    }
}
