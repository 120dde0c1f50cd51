import EaselCore

/// An intent: something the user asked for, by key, mouse or test. The keymap turns keys into
/// these; the reducer carries them out.
public enum Command: Sendable, Hashable {
    // Anywhere.
    case quit
    case toggleHelp
    case focusNext
    case focusPrevious
    case focusPane(PaneID)
    case suspend
    case submit
    case dismiss

    // Prompt editor.
    case insertNewline
    case cursorLeft
    case cursorRight
    case cursorUp
    case cursorDown
    case wordLeft
    case wordRight
    case lineStart
    case lineEnd
    case deleteBackward
    case deleteForward
    case deleteWordBackward
    case deleteToLineStart
    case deleteToLineEnd

    // Prompt parts (from the editor or the list).
    case addPart(negative: Bool)
    case removePart
    /// Makes the selected part's weight stronger (positive `by`) or weaker, in 0.1 steps.
    case nudgeWeight(by: Double)
    case flipSign
    case editPart

    // Lists (parts, settings, jobs).
    case selectPrevious
    case selectNext
    case selectPageUp
    case selectPageDown
    case selectFirst
    case selectLast

    // Settings.
    case cycleSetting(by: Int)
    case editSetting
    case resetSetting
    /// Accepts the value typed into the open setting field.
    case commitField
    /// Closes the open setting field without changing the setting.
    case cancelField
    /// Asks the composed provider's server what it offers (A1111: checkpoints, samplers,
    /// schedulers), so those settings cycle through the server's own values.
    case refreshChoices

    // Jobs.
    case cancelJob
    case clearFinished
    /// Moves the selected queued job sooner (negative `by`) or later in its provider's queue.
    case moveQueued(by: Int)
    /// Send the queued jobs of providers held back as unreachable again.
    case retryQueue
    /// Edit the selected image: the composer takes it as its input (with its saved mask).
    case editImage
    /// Make variations of the selected image: the composer takes it, Enter sends.
    case varyImage
    /// Add the selected image to the images being edited.
    case addEditInput
    /// Back to generating: the composer drops the images it was editing.
    case dropEdit
    /// Convert the first input that does not fit the model, as the composer offers (never
    /// done unless asked).
    case fitEditInput(FitMode)
    /// Type the path of an image to add to the edit's inputs.
    case startInputPath
    /// Complete the path being typed (in a field that offers it).
    case completePath
    /// In the comparison: choose another changed field.
    case moveComparisonChange(by: Int)
    /// In the comparison: load the older entry into the composer with only the chosen changed
    /// field taken from the newer one ("again with one change").
    case remixWithChange

    // History.
    case focusSearch
    case clearSearch
    case openEntries
    case backToList
    case cycleProviderFilter
    case cyclePeriodFilter
    case cycleModelFilter
    case startImport
    /// Opens (or closes) the cost ledger: totals per provider and per day.
    case toggleLedger
    /// Refreshes the history from the ai-client server (`easel threads sync`, in the browser).
    case syncHistory
    case toggleOrder
    /// Loads the selected entry's (or thread's latest) request into the composer.
    case remix
    /// Selects the entry the selected one was made from, loading its thread if need be.
    case goToParent
    /// Selects a version made from the selected entry (the next one when pressed again).
    case goToChild
    /// Marks the selected entry for comparison, or compares it with the one marked.
    case markForComparison
    /// Closes the comparison.
    case closeComparison
    case startRename
    case startDelete
    case confirmDelete
    case cancelDelete

    // Images (progress, history and the viewer).
    /// Opens the full-screen viewer on the selected job's or entry's images.
    case openViewer
    case closeViewer
    /// The next (positive) or previous image.
    case stepImage(by: Int)
    /// Fit to the screen ↔ 1:1.
    case toggleZoom
    /// Moves a 1:1 view by a fraction of the screen (`dx`, `dy` in quarter screens).
    case pan(dx: Int, dy: Int)
    /// Pins the shown image on the left for side-by-side comparison, or unpins it.
    case toggleCompare
    case toggleInfo
    /// Asks for the directory to export the shown image into.
    case startExport
    /// Puts the image's prompt on the clipboard (OSC 52).
    case copyPrompt
    /// Puts the image's URL (or its path) on the clipboard (OSC 52).
    case copyLink
    /// The mask editor's keys (`m` in the viewer opens it).
    case mask(MaskCommand)
    // Quit confirmation.
    case confirmYes
    case confirmNo
    // Sending the same request again moments later.
    case confirmSend
    case cancelSend
}
