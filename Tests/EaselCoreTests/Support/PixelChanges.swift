import EaselImage

/// Pixels inside and outside `area` of `result` that differ from `original`: how the edit tests
/// see that a mask reached the server where it was drawn.
func pixelChanges(_ result: RGBAImage, _ original: RGBImage, area: (x: Range<Int>, y: Range<Int>)) -> (inside: Int, outside: Int) {
    var inside = 0
    var outside = 0
    for y in 0..<result.height {
        for x in 0..<result.width {
            let r = (y * result.width + x) * 4
            let o = (y * original.width + x) * 3
            let same = result.pixels[r] == original.pixels[o] && result.pixels[r + 1] == original.pixels[o + 1]
                && result.pixels[r + 2] == original.pixels[o + 2]
            if area.x.contains(x) && area.y.contains(y) { inside += same ? 0 : 1 } else { outside += same ? 0 : 1 }
        }
    }
    return (inside, outside)
}
