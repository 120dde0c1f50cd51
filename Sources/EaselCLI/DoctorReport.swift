import EaselCore
import EaselGraphics
import Foundation

/// `easel doctor`'s output: lines for people, one JSON object for bug reports. Everything that
/// came from the terminal or the environment is sanitized again here (one line, no controls).
enum DoctorReport {
    static func text(_ diagnosis: TerminalDiagnosis) -> String {
        var lines = ["pictures: " + TerminalText.oneLine(diagnosis.decision.summary, limit: 300)]
        let width = diagnosis.findings.map(\.topic.count).max() ?? 8
        for finding in diagnosis.findings {
            let label = finding.topic.padding(toLength: width, withPad: " ", startingAt: 0)
            lines.append("\(mark(finding.status)) \(label)  \(TerminalText.oneLine(finding.summary, limit: 400))")
            for line in finding.evidence { lines.append(String(repeating: " ", count: width + 10) + "· " + TerminalText.oneLine(line, limit: 300)) }
            if let fix = finding.fix { lines.append(String(repeating: " ", count: width + 10) + "fix: " + TerminalText.oneLine(fix, limit: 400)) }
        }
        let problems = diagnosis.problems.count
        lines.append(problems == 0 ? "no problems found" : "\(Counted.phrase(problems, "problem")) to fix (see fix: lines)")
        return lines.joined(separator: "\n")
    }

    static func mark(_ status: DoctorFinding.Status) -> String {
        switch status {
        case .ok: "ok     "
        case .note: "note   "
        case .warning: "warning"
        case .problem: "PROBLEM"
        }
    }

    static func json(_ diagnosis: TerminalDiagnosis, evidence: DoctorEvidence) -> String {
        let findings: [[String: Any]] = diagnosis.findings.map { finding in
            var object: [String: Any] = [
                "topic": finding.topic, "status": finding.status.rawValue, "summary": finding.summary, "evidence": finding.evidence,
            ]
            if let fix = finding.fix { object["fix"] = fix }
            return object
        }
        let decision = diagnosis.decision
        let document: [String: Any] = [
            "terminal": evidence.isTerminal,
            "graphics": [
                "mode": decision.mode.rawValue, "source": evidence.modeSource.rawValue, "renderer": decision.name,
                "reason": decision.reason, "summary": decision.summary,
            ],
            "symbols": diagnosis.symbols.rawValue,
            "findings": findings,
            "problems": diagnosis.problems.count,
            "version": EaselVersion.current,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return JSONText.escapingInvisibles(String(decoding: data, as: UTF8.self))
    }
}
