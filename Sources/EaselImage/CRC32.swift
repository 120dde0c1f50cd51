/// The CRC-32 used by PNG chunks (ISO 3309 / ITU-T V.42, reflected, polynomial 0xEDB88320).
///
/// Computed here rather than borrowed from zlib so EaselImage needs no extra system module.
enum CRC32 {
    /// One entry per byte value, built once on first use.
    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 {
            value = (value & 1) == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1
        }
        return value
    }

    /// Continues a running CRC over `bytes`; start from `checksum(of:)` or pass a prior result.
    static func update(_ crc: UInt32, with bytes: some Sequence<UInt8>) -> UInt32 {
        var register = ~crc
        table.withUnsafeBufferPointer { table in
            for byte in bytes {
                register = table[Int((register ^ UInt32(byte)) & 0xFF)] ^ (register >> 8)
            }
        }
        return ~register
    }

    /// The CRC-32 of `bytes` on its own.
    static func checksum(of bytes: some Sequence<UInt8>) -> UInt32 {
        update(0, with: bytes)
    }
}
