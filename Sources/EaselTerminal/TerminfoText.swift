/// Prepares terminfo strings for being written straight to the terminal, outside `tputs`.
enum TerminfoText {
    /// `capability` without its padding specifications (`$<5>`, `$<100/>`).
    ///
    /// Padding is a delay request that only `tputs` interprets; written raw it would show up as
    /// literal text, which matters for the restore sequence the signal handlers write with
    /// write(2) (some `rmcup`, `cnorm` and vt100-family entries carry padding).
    static func strippingPadding(_ capability: String) -> String {
        let scalars = Array(capability.unicodeScalars)
        var kept = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if scalars[index] == "$", index + 1 < scalars.count, scalars[index + 1] == "<",
                let close = scalars[(index + 2)...].firstIndex(of: ">")
            {
                index = close + 1
                continue
            }
            kept.append(scalars[index])
            index += 1
        }
        return String(kept)
    }
}
