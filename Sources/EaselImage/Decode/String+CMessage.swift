extension String {
    /// Text from a NUL-terminated message buffer a C shim filled in (UTF-8, invalid bytes replaced).
    init(cMessage buffer: [CChar]) {
        self.init(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
