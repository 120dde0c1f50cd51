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
    /// Something the studio's surroundings want said (a theme problem at start, for example).
    case noticed(StatusMessage)
}
