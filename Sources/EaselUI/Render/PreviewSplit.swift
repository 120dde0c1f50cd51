/// A pane's room shared with a picture: below the text when the pane is tall, beside it on the
/// right when the pane is short but wide; nil when neither leaves room for both.
struct PreviewSplit {
    var rest: Rect
    var preview: Rect

    /// Splits `rect`: under the text from `tall` rows, beside it from `wide` columns, leaving
    /// `gap` rows between text and a picture below it.
    init?(_ rect: Rect, tall: Int, wide: Int, gap: Int) {
        if rect.height >= tall, rect.width >= 16 {
            let rows = min(rect.height * 2 / 5, (rect.width + 1) / 2 + 1)
            rest = Rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height - rows - gap)
            preview = Rect(x: rect.x, y: rect.maxY - rows, width: rect.width, height: rows)
        } else if rect.width >= wide, rect.height >= 5 {
            // Half-blocks make a cell two pixels tall, so a square picture is twice as wide as tall.
            let columns = min(rect.height * 2, rect.width / 4)
            rest = Rect(x: rect.x, y: rect.y, width: rect.width - columns - 2, height: rect.height)
            preview = Rect(x: rect.maxX - columns, y: rect.y, width: columns, height: rect.height)
        } else {
            return nil
        }
    }
}
