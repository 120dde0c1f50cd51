import EaselImage
@testable import EaselCore
import Foundation
import Testing

/// Untrusted text, secrets, image headers and form decoding.
struct TextAndSecretsTests {
    @Test func redactorHidesKnownSecretsAndKeyShapedText() {
        let redactor = SecretRedactor(secrets: ["tok_live_abcdef123"])
        #expect(redactor.redact("GET /x?token=tok_live_abcdef123 failed") == "GET /x?token=[redacted] failed")
        #expect(redactor.redact("Authorization: Bearer abc.def-ghi") == "Authorization: Bearer [redacted]")
        #expect(redactor.redact("Incorrect API key provided: sk-proj-abcdefghijklmnop") == "Incorrect API key provided: [redacted]")
        #expect(redactor.redact("nothing secret here") == "nothing secret here")
    }

    /// Signed download URLs (Azure SAS, S3, GCS) carry their signature in the query; the log
    /// keeps the URL's shape and parameter names but not the signature.
    @Test func redactorHidesQuerySignatures() {
        let redactor = SecretRedactor()
        let azure = "GET https://x.blob.core.windows.net/p/1.png?se=2026-12-05&sp=r&sv=2021&sr=b&sig=AbC%2Fd9%2BzZ%3D failed"
        #expect(redactor.redact(azure) == "GET https://x.blob.core.windows.net/p/1.png?se=2026-12-05&sp=r&sv=2021&sr=b&sig=[redacted] failed")
        let s3 = "https://b.s3.amazonaws.com/i.png?X-Amz-Credential=AKIA%2F1&X-Amz-Signature=deadbeef99&X-Amz-Security-Token=FwoG#f"
        #expect(redactor.redact(s3) == "https://b.s3.amazonaws.com/i.png?X-Amz-Credential=[redacted]&X-Amz-Signature=[redacted]&X-Amz-Security-Token=[redacted]#f")
        #expect(redactor.redact("https://storage.googleapis.com/a.png?X-Goog-Signature=0a1b2c") == "https://storage.googleapis.com/a.png?X-Goog-Signature=[redacted]")
        #expect(redactor.redact("https://h/a.png?size=2&signature=zz9") == "https://h/a.png?size=2&signature=[redacted]")
        #expect(redactor.redact("https://h/a.png?design=1&sigma=2") == "https://h/a.png?design=1&sigma=2")
    }

    @Test func credentialNeverPrintsItsSecret() {
        let credential = Credential(secret: "sk-very-secret-value", source: "OPENAI_API_KEY")
        #expect("\(credential)" == "[key from OPENAI_API_KEY]")
        #expect(String(reflecting: credential) == "[key from OPENAI_API_KEY]")
    }

    @Test(arguments: [
        ("\u{1B}]52;c;ZXZpbA==\u{07}copied", "␛]52;c;ZXZpbA==␇copied"),
        ("\u{1B}[2J\u{1B}[H clear", "␛[2J␛[H clear"),
        ("line one\nline two\ttab", "line one line two tab"),
        ("\u{9B}31m c1", "�31m c1"),
        ("abc\u{202E}fed", "abc�fed"),
        ("zero\u{200B}width", "zero�width"),
    ])
    func hostileTextBecomesVisible(input: String, shown: String) {
        #expect(TerminalText.oneLine(input) == shown)
    }

    /// The fast path returns plain text untouched; everything else still goes the long way.
    @Test("plain one-line ASCII comes back as it is; spaces, tabs, length and non-ASCII do not take the fast path")
    func plainLinesTakeTheFastPath() {
        for plain in ["a lighthouse at dusk, oil painting", "x", "dall-e-3 (1024x1024) ~!@#$%^&*()_+{}|:<>?"] {
            #expect(TerminalText.isPlainLine(plain, limit: 300))
            #expect(TerminalText.oneLine(plain) == plain)
        }
        for (text, shown) in [("a  b", "a b"), (" a", "a"), ("a ", "a"), ("a\tb", "a b"), ("", ""), ("café", "café"), ("a\u{1B}b", "a␛b")] {
            #expect(!TerminalText.isPlainLine(text, limit: 300))
            #expect(TerminalText.oneLine(text) == shown)
        }
        #expect(!TerminalText.isPlainLine("abcdef", limit: 5))
        #expect(TerminalText.oneLine("abcdef", limit: 5) == "abcd…")
        #expect(!TerminalText.isPlainLine(String(repeating: "y", count: DisplayText.defaultLimit + 1), limit: 10_000))
    }

    @Test func longTextIsCut() {
        #expect(TerminalText.oneLine(String(repeating: "x", count: 500), limit: 10) == "xxxxxxxxx…")
    }

    @Test func imageHeadersGiveFormatAndSize() {
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
        png += [0, 0, 0x07, 0x00, 0, 0, 0x04, 0x00]
        #expect(ImageHeader(png) == ImageHeader(format: .png, width: 1792, height: 1024))
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0x02, 0x00, 0x03, 0x00, 3, 0, 0, 0]
        #expect(ImageHeader(jpeg) == ImageHeader(format: .jpeg, width: 768, height: 512))
        var lossless: [UInt8] = Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBPVP8L".utf8) + [0, 0, 0, 0, 0x2F]
        let bits = (99) | (49 << 14)
        lossless += [UInt8(bits & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits >> 16 & 0xFF), UInt8(bits >> 24 & 0xFF)] + [UInt8](repeating: 0, count: 8)
        #expect(ImageHeader(lossless) == ImageHeader(format: .webp, width: 100, height: 50))
        #expect(ImageHeader(Array("<html>not an image</html>".utf8)) == nil)
        #expect(ImageHeader(Array(png.prefix(20))) == nil)
    }

    @Test func weightedFlagsParse() {
        #expect(PromptPart(weightedText: "0.7:golden light") == PromptPart("golden light", weight: 0.7))
        #expect(PromptPart(weightedText: "-1.5:blur: heavy") == PromptPart("blur: heavy", weight: -1.5))
        #expect(PromptPart(weightedText: "heavy:blur") == nil)
    }
}

/// JSON text as Easel prints it.
struct JSONTextEscapingTests {
    /// C1 controls, DEL, bidi overrides and other invisible characters leave JSON text as `\u`
    /// escapes; the decoded value is unchanged.
    @Test func jsonTextEscapesInvisibles() throws {
        let hostile = "a\u{9B}31m b\u{202E}gnp.exe c\u{7F} d\u{200B}e\u{2028}f\u{E0041}g é 漢 🦊"
        let encoded = String(decoding: try JSONEncoder().encode(["revised_prompt": hostile]), as: UTF8.self)
        let safe = JSONText.escapingInvisibles(encoded)
        #expect(safe.contains("\\u009b31m") && safe.contains("\\u202e") && safe.contains("\\u007f"))
        #expect(safe.contains("\\u200b") && safe.contains("\\u2028") && safe.contains("\\udb40\\udc41"))
        #expect(!safe.unicodeScalars.contains { JSONText.needsEscape($0) })
        #expect(safe.contains("é 漢 🦊"))
        let decoded = try JSONDecoder().decode([String: String].self, from: Data(safe.utf8))
        #expect(decoded["revised_prompt"] == hostile)
        #expect(JSONText.escapingInvisibles(#"{"a":"plain"}"#) == #"{"a":"plain"}"#)
        // Pretty-printed JSON keeps its layout.
        #expect(JSONText.escapingInvisibles("{\n\t\"a\": 1\r\n}") == "{\n\t\"a\": 1\r\n}")
    }
}
