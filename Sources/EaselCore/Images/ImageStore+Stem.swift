import Foundation

extension ImageStore {
    /// A fresh start for saved files' names, `20261121-153012-ab12cd`: sortable by time, and
    /// unique enough with a random tail that two jobs in the same second never collide.
    public static func newStem(date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: date) + "-" + UUID().uuidString.prefix(6).lowercased()
    }
}
