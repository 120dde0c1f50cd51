import EaselImage

/// One message from ComfyUI's WebSocket (`/ws?clientId=`), decoded from untrusted bytes: JSON
/// text frames `{"type", "data"}` and binary preview frames (a 4-byte big-endian event type —
/// 1 is PREVIEW_IMAGE, 4 PREVIEW_IMAGE_WITH_METADATA — then for type 1 a 4-byte image type,
/// 1 JPEG or 2 PNG, and the image). Sizes are checked before anything is decoded.
public enum ComfyUIEvent: Sendable, Hashable {
    /// `status`: prompts left in the server's queue.
    case status(queueRemaining: Int?)
    case executionStart(promptID: String?)
    /// `executing`: the node now running, nil when the prompt is done.
    case executing(promptID: String?, node: String?)
    case progress(promptID: String?, node: String?, value: Int, max: Int)
    case executed(promptID: String?, node: String?)
    case cached(promptID: String?)
    case success(promptID: String?)
    /// `execution_error`, already one line.
    case failed(promptID: String?, line: String)
    case interrupted(promptID: String?)
    /// A preview image; `promptID` only where the frame carries metadata.
    case preview(promptID: String?, format: ImageFormat, bytes: [UInt8])
    /// A message Easel has no use for (`crystools.monitor`, `progress_state`, …).
    case ignored

    /// The largest text message read; ComfyUI's are small, `executed` with many images the largest.
    public static let maxTextBytes = 1 << 20
    /// The largest preview accepted; ComfyUI's are a few hundred pixels across.
    public static let maxPreviewBytes = 4 << 20

    /// Decodes a text frame; nil when it is not a ComfyUI message.
    public static func decode(text: String) -> ComfyUIEvent? {
        guard text.utf8.count <= maxTextBytes, let message = JSONValue.parse(Array(text.utf8)),
            let type = message["type"]?.stringValue
        else { return nil }
        let data = message["data"]
        let prompt = data?["prompt_id"]?.stringValue
        let node = data?["node"].flatMap { $0.stringValue ?? $0.intValue.map(String.init) }
        switch type {
        case "status":
            return .status(queueRemaining: data?["status"]?["exec_info"]?["queue_remaining"]?.intValue)
        case "execution_start": return .executionStart(promptID: prompt)
        case "executing": return .executing(promptID: prompt, node: node)
        case "progress":
            guard let value = data?["value"]?.intValue, let max = data?["max"]?.intValue, max > 0, value >= 0 else { return .ignored }
            return .progress(promptID: prompt, node: node, value: min(value, max), max: max)
        case "executed": return .executed(promptID: prompt, node: node)
        case "execution_cached": return .cached(promptID: prompt)
        case "execution_success": return .success(promptID: prompt)
        case "execution_error":
            return .failed(promptID: prompt, line: data.map(ComfyUIWire.executionErrorLine) ?? "the prompt failed on the server")
        case "execution_interrupted": return .interrupted(promptID: prompt)
        default: return .ignored
        }
    }

    /// Decodes a binary frame; nil when it is not a preview Easel can show.
    public static func decode(binary bytes: [UInt8]) -> ComfyUIEvent? {
        guard bytes.count >= 8, bytes.count <= maxPreviewBytes + 64 << 10 else { return nil }
        func word(_ at: Int) -> Int {
            bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) }
        }
        switch word(0) {
        case 1:
            let image = Array(bytes[8...])
            guard image.count <= maxPreviewBytes, let format = format(of: image) else { return nil }
            // The declared type must agree with the bytes: 1 JPEG, 2 PNG.
            guard (word(4) == 1 && format == .jpeg) || (word(4) == 2 && format == .png) else { return nil }
            return .preview(promptID: nil, format: format, bytes: image)
        case 4:
            let length = word(4)
            guard length >= 0, length <= 64 << 10, bytes.count >= 8 + length else { return nil }
            let metadata = JSONValue.parse(Array(bytes[8..<8 + length]))
            let image = Array(bytes[(8 + length)...])
            guard image.count <= maxPreviewBytes, let format = format(of: image) else { return nil }
            return .preview(promptID: metadata?["prompt_id"]?.stringValue, format: format, bytes: image)
        default:
            return nil
        }
    }

    static func format(of image: [UInt8]) -> ImageFormat? {
        guard let header = ImageHeader(image.prefix(64 << 10)) else { return nil }
        return header.format == .webp ? nil : header.format
    }

    /// The prompt the message names, when it names one.
    public var promptID: String? {
        switch self {
        case .executionStart(let id), .executing(let id, _), .progress(let id, _, _, _), .executed(let id, _), .cached(let id),
            .success(let id), .failed(let id, _), .interrupted(let id), .preview(let id, _, _):
            id
        case .status, .ignored: nil
        }
    }
}
