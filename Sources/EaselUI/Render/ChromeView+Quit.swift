import EaselCore

extension ChromeView {
    /// What quitting does to each unfinished job, wrapped to `width`: sent jobs a later Easel can
    /// find again finish on the server and are collected next time; one-shot requests lose their
    /// reply, and so does everything on the built-in sandbox; queued jobs were never sent and are
    /// dropped, except a local backend's, which wait in the journal for the next start.
    static func quitLines(_ state: AppState, width: Int) -> [String] {
        let outlook = QuitOutlook(state)
        let (collectable, oneShot, onSandbox, queued) = (outlook.collectable, outlook.oneShot, outlook.onSandbox, outlook.queued)
        func jobs(_ count: Int) -> String { "\(count) job\(count == 1 ? "" : "s")" }
        var sentences: [String] = []
        if collectable > 0 {
            sentences.append("\(jobs(collectable)) running — \(collectable == 1 ? "it finishes" : "they finish") on the server and \(collectable == 1 ? "is" : "are") saved next time Easel starts (or `easel resume`).")
        }
        if oneShot > 0 {
            sentences.append("\(jobs(oneShot)) waiting for a reply only this session can take — quitting loses \(oneShot == 1 ? "it" : "them") (outcome unknown; the server may still charge).")
        }
        if onSandbox > 0 {
            sentences.append("\(jobs(onSandbox)) on the built-in sandbox, which stops with Easel — lost.")
        }
        if queued > 0 {
            sentences.append("\(jobs(queued)) queued, not sent — dropped.")
        }
        if outlook.keptQueued > 0 {
            sentences.append("\(jobs(outlook.keptQueued)) queued for a local backend, not sent — kept; sent when the studio starts again.")
        }
        sentences.append("Quit? y/n")
        return sentences.flatMap { wrap($0, width: max(10, width)) }
    }

    /// Breaks `text` into rows of at most `width` cells, at spaces where it can.
    static func wrap(_ text: String, width: Int) -> [String] {
        let editor = TextEditor(text: text, maxLength: max(text.count, 1))
        return editor.layout(width: width).map { editor.text(of: $0).trimmingCharacters(in: .whitespaces) }
    }
}
