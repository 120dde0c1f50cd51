/// A tiny, fully specified pseudo-random generator whose output is the same on every platform.
///
/// `SystemRandomNumberGenerator` is unseedable, and the standard library promises no stable
/// algorithm for seeded generation, so the painter carries its own.
struct SplitMix64 {
    /// The generator state; advanced by a fixed odd constant on every draw.
    private var state: UInt64

    /// Starts a sequence at `seed`.
    init(seed: UInt64) {
        state = seed
    }

    /// Scrambles one value with SplitMix64's finaliser; useful on its own for mixing seeds.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// A float in [0, 1) built from 24 random bits, so the conversion is exact.
    mutating func unit() -> Float {
        Float(next() >> 40) * 0x1p-24
    }

    /// A float in [low, high).
    mutating func float(_ low: Float, _ high: Float) -> Float {
        low + (high - low) * unit()
    }

    /// An integer in `range`; the modulo bias is irrelevant for the painter's tiny ranges.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// A random unit vector; rejection sampling avoids sin/cos, whose last bits vary by libm.
    mutating func direction() -> (x: Float, y: Float) {
        while true {
            let x = float(-1, 1)
            let y = float(-1, 1)
            let lengthSquared = x * x + y * y
            if lengthSquared > 0.01 && lengthSquared <= 1 {
                let length = lengthSquared.squareRoot()
                return (x / length, y / length)
            }
        }
    }
}
