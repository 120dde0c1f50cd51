import EaselCore

/// What the reducer reacts to: intents (`command`) and events from the world, named in the past
/// tense. Background work reports only through these; it never touches the state.
public enum Action: Sendable {
    /// Input from the terminal, not yet looked up in the keymap.
    case input(InputEvent)
    /// An intent, already decided.
    case command(Command)
    /// Time passed (spinners, elapsed times, poll countdowns).
    case tick(now: Double)
    /// A job reported progress.
    case jobUpdated(JobID, JobUpdate, at: Double)
    /// A job ended.
    case jobFinished(JobID, Result<GenerationResult, GenerationError>, at: Double)
    /// Jobs an earlier Easel left unfinished were found in the journal at start.
    case jobsRecovered([RecoveredJob])
    /// A page of the history's thread list arrived (`append`: after the ones shown).
    case threadsLoaded([ThreadRow], append: Bool, complete: Bool)
    /// The models the history has threads of, by provider (what the filters offer).
    case historyModelsLoaded([ProviderID: [String]])
    /// The entries of a thread arrived.
    case entriesLoaded(thread: Int64, [EntryRow])
    /// Search results arrived for search number `generation`; `complete` is false when more
    /// matches exist than were asked for.
    case searchResults(generation: Int, [HitRow], complete: Bool = true)
    /// The cost ledger's totals arrived.
    case costsLoaded(byProvider: [CostTotal], byDay: [CostTotal])
    /// A sync started from the browser moved on (threads done of those known).
    case syncProgressed(done: Int, total: Int)
    /// A sync started from the browser ended; `summary` says how it went.
    case syncFinished(StatusMessage)
    /// The history changed underneath (a job was recorded, a thread renamed or deleted).
    case historyChanged
    /// The picture for a preview key is ready.
    case previewLoaded(PreviewKey, CellPicture)
    /// The picture for a preview key cannot be made (one-line reason).
    case previewFailed(PreviewKey, String)
    /// The composer an earlier studio left unsent was read from the history.
    case draftRestored(GenerationRequest)
    /// How long recent successful jobs took (oldest first per key) was read from the history.
    case durationsLoaded([DurationKey: [Double]])
    /// A mask was written (its path), or why not.
    case maskSaved(Result<MaskSaved, MaskRefusal>)
    /// The edit's inputs were read and checked for `EditReports.check`.
    case editInputsInspected(EditReports)
    /// A converted copy of an input is ready to replace it.
    case editInputConverted(EditConverted)
    /// What `typed` completes to (the longest common start, `~` expanded) and the matches.
    case pathCompleted(typed: String, completion: String, matches: [String])
    /// Something the studio's surroundings want said (a theme problem at start, for example).
    case noticed(StatusMessage)
    /// What a provider's server offers arrived (from the server, or the history's copy), or
    /// could not be had (`nil`, with why).
    case choicesLoaded(ProviderID, ServerChoices?, StatusMessage?)
}
