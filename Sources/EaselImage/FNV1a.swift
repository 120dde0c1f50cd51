/// The 64-bit FNV-1a hash, used where a hash must agree across processes and machines.
///
/// Swift's `Hasher` is reseeded on every launch, so it cannot drive anything that must be
/// reproducible, such as a painting derived from a prompt.
public enum FNV1a {
    /// The FNV-1a 64-bit offset basis.
    static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    /// The FNV-1a 64-bit prime.
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// Hashes `bytes` in order.
    public static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var value = offsetBasis
        for byte in bytes {
            value = (value ^ UInt64(byte)) &* prime
        }
        return value
    }
}
