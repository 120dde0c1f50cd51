/// One thread's entries as the history pane shows them: what the entries cache keeps and what
/// stays on screen while the next thread's are read.
public struct ThreadEntries: Sendable, Hashable {
    public var thread: Int64
    public var entries: [EntryRow]

    public init(thread: Int64, entries: [EntryRow]) {
        self.thread = thread
        self.entries = entries
    }
}
