import EaselCore
import Foundation
import Testing

/// `~` in paths the user types (`--out`, `out = …`, the studio's export folder) means `$HOME`.
struct UserPathTests {
    @Test(arguments: [
        ("~", "/home/someone"), ("~/exports", "/home/someone/exports"), ("~/Pictures/easel", "/home/someone/Pictures/easel"),
        ("/abs/~/x", "/abs/~/x"), ("rel/~", "rel/~"), ("", ""), ("~~/x", "~~/x"),
    ])
    func tildeIsHOME(typed: String, expanded: String) {
        #expect(UserPath.expanded(typed, environment: ["HOME": "/home/someone"]) == expanded)
    }

    @Test func aTrailingSlashOnHOMEIsNotDoubled() {
        #expect(UserPath.expanded("~/x", environment: ["HOME": "/home/someone/"]) == "/home/someone/x")
    }

    @Test func withoutHOMETheAccountsHomeIsUsed() {
        let account = UserPath.accountHome()
        #expect(account?.hasPrefix("/") == true)
        #expect(UserPath.expanded("~/x", environment: [:]) == (account.map { $0 + "/x" } ?? "~/x"))
        #expect(UserPath.expanded("~/x", environment: ["HOME": ""]) == (account.map { $0 + "/x" } ?? "~/x"))
    }

    @Test func anotherUsersHomeComesFromTheAccounts() {
        #expect(UserPath.expanded("~root/x", environment: ["HOME": "/home/someone"]) == "/root/x")
        #expect(UserPath.expanded("~no-such-user-here/x", environment: ["HOME": "/h"]) == "~no-such-user-here/x")
    }

    @Test func urlIsADirectoryURLOfTheExpandedPath() {
        #expect(UserPath.url("~/out", environment: ["HOME": "/h"]).path == "/h/out")
    }
}
