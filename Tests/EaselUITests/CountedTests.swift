@testable import EaselUI
import Testing

@Suite("Counted nouns")
struct CountedTests {
    @Test("singular for one, plural otherwise, irregular plurals given")
    func counts() {
        #expect(counted(1, "thread") == "1 thread")
        #expect(counted(0, "thread") == "0 threads")
        #expect(counted(2, "image") == "2 images")
        #expect(counted(1, "match", plural: "matches") == "1 match")
        #expect(counted(3, "match", plural: "matches") == "3 matches")
    }
}
