/// One server-sent event, as the `text/event-stream` format dispatches it at a blank line.
public struct SSEEvent: Sendable, Hashable {
    /// The `event:` field, or `message` when the event named none.
    public var type: String
    /// The `data:` lines joined with `\n`, as bytes: image streams carry megabytes of base64
    /// here, and JSON decoders take bytes, so no `String` is made on the way.
    public var data: [UInt8]
    /// The last `id:` seen so far in the stream (it carries over to later events), if any.
    public var id: String?

    /// Creates an event.
    public init(type: String = "message", data: [UInt8], id: String? = nil) {
        self.type = type
        self.data = data
        self.id = id
    }

    /// The data as text (invalid UTF-8 is replaced, as the format's decoder does).
    public var text: String { String(decoding: data, as: UTF8.self) }
}
