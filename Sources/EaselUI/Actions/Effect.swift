import EaselCore

/// Work the reducer asks for: data, run at the edge by the studio loop, whose results come back
/// as actions.
public enum Effect: Sendable, Hashable {
    /// Start a checked generation as job `id`.
    case submit(id: JobID, request: ResolvedRequest)
    /// Start a checked edit of `edit`'s images as job `id` (the inputs are checked and kept first).
    case submitEdit(id: JobID, request: ResolvedRequest, edit: EditDraft)
    /// Read the edit's inputs (size, format, bytes) and check them against the model's rules;
    /// the reports come back as `editInputsInspected`.
    case inspectEditInputs(EditCheck)
    /// Make a converted copy of one input (kept in the input store); it comes back as
    /// `editInputConverted`, or a message saying why not.
    case convertEditInput(EditConversion)
    /// List what the typed path could complete to; it comes back as `pathCompleted`.
    case completePath(String)
    /// Resume job `id` from journal row `journalID` (poll for its response; never post again).
    case resume(id: JobID, journalID: Int64)
    /// Stop job `id`.
    case cancel(id: JobID)
    /// Journal queued job `id` as held, so it survives a restart (a local backend's queue).
    case hold(id: JobID, request: ResolvedRequest)
    /// Queued job `id` is recovered journal row `journalID`, still held: send that row when it starts.
    case adoptHeld(id: JobID, journalID: Int64)
    /// Queued job `id` was cancelled before it was sent: end its held journal row.
    case dropHeld(id: JobID)
    /// Fetch what a provider's server offers for its free-text settings (`ServerChoices`).
    case fetchChoices(ProviderID)
    /// Load a page of the history's thread list.
    case loadThreads(HistoryQuery, append: Bool)
    /// Load a thread's entries.
    case loadEntries(thread: Int64)
    /// Search the history (search number `generation`).
    case searchHistory(String, generation: Int)
    case renameThread(id: Int64, title: String)
    case deleteThread(id: Int64)
    /// Import an ai-client thread made elsewhere, by guid.
    case importThread(guid: String)
    /// Sync the history with the ai-client server, reporting progress.
    case syncHistory
    /// Sum what the servers reported spending (the cost ledger).
    case loadCosts
    /// Make the picture for `key` (decode, scale, quantise) and report it with `previewLoaded`.
    case loadPreview(PreviewKey)
    /// Copy the image at `path` (metadata and all) into `directory`; the outcome comes back as a
    /// message.
    case exportImage(path: String, directory: String)
    /// Write the mask as a PNG under the data directory's `masks/`; the outcome comes back as
    /// `maskSaved`.
    case saveMask(MaskSaveRequest)
    /// Put `text` on the terminal's clipboard (OSC 52, which also works over SSH).
    case copyToClipboard(String)
    case bell
    /// Set the terminal title (sanitized text).
    case setTitle(String)
    case suspend
    case quit
}
