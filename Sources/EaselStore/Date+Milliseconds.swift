import Foundation

extension Date {
    /// Whole milliseconds since 1970, the form every time column holds.
    var storeMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    /// The date a time column holds.
    init(storeMilliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(storeMilliseconds) / 1000)
    }
}
