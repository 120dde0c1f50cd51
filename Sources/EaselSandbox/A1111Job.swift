import EaselCore
import EaselImage
import Foundation
import Hummingbird

/// One txt2img request to the sandbox's web UI, read from its (type-checked) fields with the
/// web UI's defaults, and the reply it makes: painted PNGs, the `parameters` echo, and `info` as
/// a JSON string with the seeds used and an infotext per image.
struct A1111Job {
    /// A job, or the refusal the web UI would send for a value (not a type): 404 for an unknown
    /// sampler, 500 with its error shape for an unknown checkpoint or a size it cannot take.
    enum Reading {
        case job(A1111Job)
        case refused(Response)
    }

    var prompt: String
    var negative: String
    var seed: Int
    var steps: Int
    var cfgScale: Double
    var width: Int
    var height: Int
    var batchSize: Int
    var batches: Int
    var sampler: String
    var scheduler: String
    var checkpoint: String
    var taskID: String
    /// The inputs of an img2img job; nil for txt2img.
    var img2img: A1111Img2Img? = nil

    static func read(_ fields: [String: JSONValue]) -> Reading {
        let sampler = fields["sampler_name"]?.stringValue ?? "Euler"
        guard A1111Catalog.samplers.contains(sampler) else {
            return .refused(SandboxReply.json(.object(["detail": .string("Sampler not found")]), status: .notFound))
        }
        let scheduler = fields["scheduler"]?.stringValue ?? "Automatic"
        guard A1111Catalog.schedulers.contains(where: { $0.0 == scheduler || $0.1 == scheduler }) else {
            return .refused(runtimeError("Scheduler not found: \(scheduler)"))
        }
        var checkpoint = A1111Catalog.checkpoints[0].title
        if let asked = fields["override_settings"]?["sd_model_checkpoint"]?.stringValue {
            guard let found = A1111Catalog.checkpoint(named: asked) else {
                return .refused(runtimeError("checkpoint not found: \(asked)"))
            }
            checkpoint = found.title
        }
        let width = fields["width"]?.intValue ?? 512
        let height = fields["height"]?.intValue ?? 512
        let batchSize = fields["batch_size"]?.intValue ?? 1
        let batches = fields["n_iter"]?.intValue ?? 1
        let steps = fields["steps"]?.intValue ?? 50
        guard (64...4096).contains(width), (64...4096).contains(height), (1...64).contains(batchSize), (1...100).contains(batches),
            batchSize * batches <= 64, (1...500).contains(steps)
        else {
            return .refused(runtimeError("the sandbox paints 64…4096 pixels a side, 1…500 steps and at most 64 images"))
        }
        var seed = fields["seed"]?.intValue ?? -1
        if seed < 0 { seed = Int.random(in: 0..<4_294_967_295) }
        return .job(A1111Job(
            prompt: fields["prompt"]?.stringValue ?? "", negative: fields["negative_prompt"]?.stringValue ?? "", seed: seed,
            steps: steps, cfgScale: fields["cfg_scale"]?.doubleValue ?? 7, width: width, height: height,
            batchSize: batchSize, batches: batches, sampler: sampler, scheduler: scheduler, checkpoint: checkpoint,
            taskID: fields["force_task_id"]?.stringValue ?? "task(\(UUID().uuidString.lowercased().prefix(15)))"))
    }

    /// The web UI's error shape for an exception inside a job.
    static func runtimeError(_ message: String) -> Response {
        SandboxReply.json(
            .object(["error": .string("RuntimeError"), "detail": .string(""), "body": .string(""), "errors": .string(message)]),
            status: .internalServerError)
    }

    /// The answer: every image when the job ran to its end, the first batch's when interrupted.
    func reply(interrupted: Bool, fields: [String: JSONValue]) throws -> JSONValue {
        let count = interrupted ? batchSize : batchSize * batches
        let seeds = (0..<count).map { seed + $0 }
        var images: [JSONValue] = []
        for imageSeed in seeds {
            let picture = img2img.map { $0.paint(prompt: prompt, seed: UInt64(imageSeed), width: width, height: height) }
                ?? ImagePainter.paint(prompt: prompt, seed: UInt64(imageSeed), width: width, height: height)
            images.append(.string(Data(try PNGEncoder.encode(picture)).base64EncodedString()))
        }
        let infotexts = seeds.map { infotext(seed: $0) }
        let info: JSONValue = .object([
            "prompt": .string(prompt), "all_prompts": .array(seeds.map { _ in .string(prompt) }),
            "negative_prompt": .string(negative), "seed": .int(seed), "all_seeds": .array(seeds.map(JSONValue.int)),
            "subseed": .int(-1), "all_subseeds": .array(seeds.map { _ in .int(-1) }), "width": .int(width), "height": .int(height),
            "sampler_name": .string(sampler), "cfg_scale": .double(cfgScale), "steps": .int(steps), "batch_size": .int(batchSize),
            "job_timestamp": .string(Self.timestamp(Date())), "infotexts": .array(infotexts.map(JSONValue.string)),
            "index_of_first_image": .int(0), "sd_model_name": .string(checkpoint), "version": .string("sandbox"),
        ])
        var echoed = fields
        if img2img != nil, fields["include_init_images"]?.boolValue != true {
            // As the web UI: the inputs are not sent back unless asked for.
            echoed["init_images"] = .null
            echoed["mask"] = .null
        }
        return .object(["images": .array(images), "parameters": .object(echoed), "info": .string(info.jsonText)])
    }

    /// The web UI's infotext for one image: prompt, negative prompt, then `key: value` pairs.
    func infotext(seed imageSeed: Int) -> String {
        var lines = [prompt]
        if !negative.isEmpty { lines.append("Negative prompt: " + negative) }
        let scale = cfgScale == cfgScale.rounded() ? String(Int(cfgScale)) : String(cfgScale)
        lines.append(
            "Steps: \(steps), Sampler: \(sampler), Schedule type: \(scheduler), CFG scale: \(scale), Seed: \(imageSeed), "
                + "Size: \(width)x\(height), Model: \(checkpoint), " + (img2img?.infotextPairs ?? "") + "Version: sandbox")
        return lines.joined(separator: "\n")
    }

    /// `job_timestamp` as the web UI writes it: `YYYYMMDDhhmmss`, local time.
    static func timestamp(_ date: Date) -> String {
        let parts = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d%02d%02d%02d%02d%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0,
            parts.second ?? 0)
    }
}
