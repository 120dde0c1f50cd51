import Foundation

extension EaselImageRecord {
    /// The record as compact JSON with sorted keys, so equal records embed as equal bytes.
    ///
    /// JSON has no infinities, yet a prompt weight of −∞ ("never this") must survive, so
    /// non-finite numbers are written as the strings EaselStore uses for them.
    public func jsonText() throws(ImageMetadataError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        do {
            return String(decoding: try encoder.encode(self), as: UTF8.self)
        } catch {
            throw .recordEncodingFailed(String(describing: error))
        }
    }

    /// Decodes a record from the JSON `jsonText()` writes; nil when it is not one.
    public init?(jsonText: String) {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        guard let record = try? decoder.decode(EaselImageRecord.self, from: Data(jsonText.utf8)) else { return nil }
        self = record
    }
}
