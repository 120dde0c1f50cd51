import EaselImage
import Foundation

extension OpenAIImagesWire.Reply {
    /// The reply as the journal keeps it before any image is saved, so a job whose saving failed
    /// (or whose process died while downloading) can be finished later without asking again:
    /// each image's URL or inline bytes, and what the result needs (revised prompts, usage,
    /// credits, the history's record of the reply).
    public var journalled: JSONValue {
        let data: [JSONValue] = data.map { datum in
            var item: [String: JSONValue] = [:]
            if let url = datum.url { item["url"] = .string(url) }
            if let base64 = datum.base64 { item["b64_json"] = .string(base64) }
            if let revised = datum.revisedPrompt { item["revised_prompt"] = .string(revised) }
            return .object(item)
        }
        var fields: [String: JSONValue] = ["data": .array(data)]
        if let created { fields["created"] = .int(created) }
        if let usage { fields["usage"] = usage }
        if let credits { fields["credits"] = .double(credits) }
        if let record { fields["record"] = record }
        return .object(fields)
    }

    /// A reply from its journalled form; inline images stored as files (`b64_file`) are read
    /// back. Nil when the JSON is not one, or a file is gone.
    public init?(journalled json: JSONValue) {
        guard let list = json["data"]?.arrayValue else { return nil }
        var data: [OpenAIImagesWire.Datum] = []
        for item in list {
            var base64 = item["b64_json"]?.stringValue
            if base64 == nil, let file = item["b64_file"]?.stringValue {
                guard let text = try? String(contentsOfFile: file, encoding: .ascii) else { return nil }
                base64 = text
            }
            data.append(OpenAIImagesWire.Datum(url: item["url"]?.stringValue, base64: base64, revisedPrompt: item["revised_prompt"]?.stringValue))
        }
        self.init(
            created: json["created"]?.intValue, data: data, usage: json["usage"], outputFormat: nil, size: nil, quality: nil,
            background: nil, raw: json["record"] ?? .null, credits: json["credits"]?.doubleValue)
    }
}
