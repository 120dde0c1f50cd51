import EaselCore
import EaselUI
import Foundation

extension JobLauncher {
    /// Where the inputs' content-addressed copies go.
    var keptInputs: URL { inputsDirectory ?? runner.store.directory.appendingPathComponent("inputs") }

    /// Reads and checks the edit's inputs off the loop and posts the reports.
    public func inspectEdit(_ check: EditCheck, inbox: Inbox) {
        DispatchQueue.global(qos: .userInitiated).async {
            inbox.post(.editInputsInspected(EditInputs.report(check)))
        }
    }

    /// Makes the converted copy of one input off the loop; posts it, or why it could not be made.
    public func convertEditInput(_ conversion: EditConversion, inbox: Inbox) {
        let directory = keptInputs
        DispatchQueue.global(qos: .userInitiated).async {
            switch EditInputs.convert(conversion, keptIn: directory) {
            case .success(let converted):
                inbox.post(.editInputConverted(converted))
            case .failure(let problem):
                inbox.post(.noticed(StatusMessage("not converted: \(TerminalText.oneLine(problem.description, limit: 300))", kind: .error)))
            }
        }
    }
}
