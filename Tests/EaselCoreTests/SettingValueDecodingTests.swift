import EaselCore
import Foundation
import Testing

/// A setting's value decodes to the kind its JSON has, whatever order the kinds are tried in.
struct SettingValueDecodingTests {
    static func decode(_ json: String) throws -> SettingValue {
        try JSONDecoder().decode(SettingValue.self, from: Data(json.utf8))
    }

    @Test("texts, whole numbers and booleans keep their kind; text that looks like another stays text")
    func kindsAreKept() throws {
        #expect(try Self.decode(#""1024x1024""#) == .text("1024x1024"))
        #expect(try Self.decode(#""30""#) == .text("30"))
        #expect(try Self.decode(#""true""#) == .text("true"))
        #expect(try Self.decode("30") == .integer(30))
        #expect(try Self.decode("-2") == .integer(-2))
        #expect(try Self.decode("true") == .boolean(true))
        #expect(try Self.decode("false") == .boolean(false))
    }

    @Test("a value of no kind is refused, naming text as the kind expected")
    func otherKindsAreRefused() {
        for json in ["1.5", "null", "[1]", #"{"a": 1}"#] {
            do {
                _ = try Self.decode(json)
                Issue.record("\(json) decoded")
            } catch DecodingError.typeMismatch(let type, _) {
                #expect(ObjectIdentifier(type) == ObjectIdentifier(String.self), "\(json)")
            } catch DecodingError.valueNotFound(let type, _) {
                #expect(ObjectIdentifier(type) == ObjectIdentifier(String.self), "\(json)")
            } catch {
                Issue.record("\(json): \(error)")
            }
        }
    }
}
