import EaselImage
import Foundation

extension ImageStore {
    /// The generation parameters of one saved image: AUTOMATIC1111's infotext (so other tools
    /// read the prompt) and Easel's full JSON record — the prompt as it was sent, and the
    /// composed one beside it when the model folded or dropped parts.
    public static func record(
        for image: SavedImage, index: Int, of result: GenerationResult, request: ResolvedRequest, startedAt: Date, finishedAt: Date
    ) -> EaselImageRecord {
        var record = EaselImageRecord(
            provider: result.provider, model: result.model,
            prompts: (result.prompts ?? request.sentParts).map { EaselImageRecord.PromptPart(text: $0.text, weight: $0.weight) },
            settings: request.values.sorted { $0.key.rawValue < $1.key.rawValue }.map {
                EaselImageRecord.Setting(name: $0.key.rawValue, value: $0.value.textValue)
            },
            easelVersion: EaselVersion.current)
        if let seed = result.seed {
            record.settings.removeAll { $0.name == SettingName.seed.rawValue }
            record.settings.append(EaselImageRecord.Setting(name: SettingName.seed.rawValue, value: String(seed)))
        }
        record.composedPrompts = result.composedPrompts?.map { EaselImageRecord.PromptPart(text: $0.text, weight: $0.weight) }
        record.revisedPrompt = result.revisedPrompt
        record.threadID = result.thread
        record.entryID = result.responseEntry ?? result.entry
        record.imageIndex = index
        record.remoteURL = image.url
        record.credits = result.credits
        if let usage = result.usage, let data = try? JSONEncoder().encode(usage) {
            record.usage = JSONValue.parse(pythonText: String(decoding: data, as: UTF8.self))
        }
        record.operation = result.operation?.rawValue
        record.inputs = result.inputs?.map(\.sha256)
        record.mask = result.mask?.sha256
        record.parentEntry = result.parent
        let stamp = ISO8601DateFormatter()
        record.createdAt = stamp.string(from: startedAt)
        record.finishedAt = stamp.string(from: finishedAt)
        return record
    }

    /// Writes `record` (and its infotext, or the server's own `infotext` when it sent one) into
    /// the saved file, replacing it in one step; the pixels are not touched. Returns notes on
    /// what could not be stored.
    public func embed(_ record: EaselImageRecord, infotext: String? = nil, into image: SavedImage) throws(ImageStoreError) -> (image: SavedImage, notes: [String]) {
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: image.path)))
        } catch {
            throw .io("cannot read back \(image.path): \(error.localizedDescription)")
        }
        let embedding: ImageMetadataEmbedding
        do {
            embedding = try ImageMetadataWriter.embed(infotext: infotext ?? Infotext(record: record).text, record: record, into: bytes)
        } catch {
            throw .io("cannot add metadata to \(image.path): \(error.description)")
        }
        let file = try TemporaryFile(in: URL(fileURLWithPath: image.path).deletingLastPathComponent())
        do {
            try file.write(embedding.bytes)
            try file.replace(image.path)
        } catch {
            file.discard()
            throw error
        }
        var updated = image
        updated.bytes = embedding.bytes.count
        return (updated, embedding.notes.map { "\(URL(fileURLWithPath: image.path).lastPathComponent): \($0)" })
    }
}
