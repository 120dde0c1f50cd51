extension StringProtocol {
    /// The text without its leading and trailing whitespace (newlines included). By hand:
    /// Foundation's `trimmingCharacters(in:)` bridges through NSString, and the search box is
    /// trimmed on every keystroke and every frame.
    var trimmedOfWhitespace: SubSequence {
        var trimmed = self[...]
        while trimmed.first?.isWhitespace == true { trimmed.removeFirst() }
        while trimmed.last?.isWhitespace == true { trimmed.removeLast() }
        return trimmed
    }
}
