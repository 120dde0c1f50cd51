@testable import EaselCore
import Testing

/// How a refused ai-client request reads when the server says why, and when it does not.
struct RejectionMessageTests {
    @Test("a Laravel message is used as the reason")
    func laravelMessage() {
        let reply = IncomingResponse(status: 422, body: Array(#"{"message":"The prompt field is required."}"#.utf8))
        #expect(GenerationRunner.rejection(reply).description == "the provider refused the request (HTTP 422): The prompt field is required.")
    }

    @Test("a body without a message does not repeat the status as the reason")
    func noMessage() {
        let reply = IncomingResponse(status: 422, body: Array("<html>nope</html>".utf8))
        #expect(GenerationRunner.rejection(reply).description == "the provider refused the request (HTTP 422): the reply gave no readable reason")
    }
}
