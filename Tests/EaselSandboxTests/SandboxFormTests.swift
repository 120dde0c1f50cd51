import EaselCore
@testable import EaselSandbox
import Testing

/// The sandbox's form readers: url-encoded bodies (what the client's `FormEncoding` writes) and
/// multipart bodies as curl writes them for a PHP array.
struct SandboxFormTests {
    @Test func formDecodingRejectsBrokenEscapes() {
        #expect(FormDecoding.decode("a=%ZZ") == nil)
        #expect(FormDecoding.decode("a=%E2%82") == nil)
        #expect(FormDecoding.decode("a=1&b=x+y%21")?.map(\.1) == ["1", "x y!"])
    }

    @Test func whatTheClientWritesReadsBackUnchanged() {
        let fields = [("prompts[0][text]", "café & ☕ 100%"), ("prompts[0][weight]", "0.7"), ("type", "a b+c=d")]
        let decoded = FormDecoding.decode(FormEncoding.encode(fields))
        #expect(decoded?.map(\.0) == fields.map(\.0))
        #expect(decoded?.map(\.1) == fields.map(\.1))
    }

    @Test func multipartReadsTextFieldsInOrder() throws {
        let body = "--XyZ\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\nrequest\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\ntwo\r\nlines ☕\r\n--XyZ--\r\n"
        let boundary = try #require(MultipartForm.boundary(contentType: "multipart/form-data; boundary=XyZ"))
        let fields = try #require(MultipartForm.decode(Array(body.utf8), boundary: boundary))
        #expect(fields.map(\.0) == ["type", "prompt"])
        #expect(fields.map(\.1) == ["request", "two\r\nlines ☕"])
    }

    @Test func multipartRefusesFilesAndBrokenBodies() {
        let file = "--b\r\nContent-Disposition: form-data; name=\"image\"; filename=\"x.png\"\r\n\r\nPNG\r\n--b--\r\n"
        #expect(MultipartForm.decode(Array(file.utf8), boundary: "b") == nil)
        #expect(MultipartForm.decode(Array("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end".utf8), boundary: "b") == nil)
        #expect(MultipartForm.decode(Array("garbage".utf8), boundary: "b") == nil)
        #expect(MultipartForm.boundary(contentType: "application/json") == nil)
        #expect(MultipartForm.boundary(contentType: "multipart/form-data; boundary=\"q q\"") == "q q")
    }
}
