import EaselImage

extension A1111Reply {
    /// The reply as the journal keeps it before any image is saved, in the journal's shape for
    /// inline images (`data[].b64_json`, which the recorder moves into files) with `parameters`
    /// and `info` as the record, so a failed save is finished later without a new job.
    public var journalled: JSONValue {
        .object([
            "data": .array(images.map { .object(["b64_json": .string($0)]) }),
            "record": record,
            "wire": .string("a1111"),
        ])
    }

    /// A reply from its journalled form (inline images read back from their files); nil when
    /// it is not one or a file is gone.
    public init?(journalled json: JSONValue) {
        guard json["wire"]?.stringValue == "a1111", let stored = OpenAIImagesWire.Reply(journalled: json) else { return nil }
        let infoText = stored.raw["info"]?.stringValue
        self.init(
            images: stored.data.map { $0.base64 ?? "" }, parameters: stored.raw["parameters"], infoText: infoText,
            info: A1111Info(parsing: infoText))
    }
}
