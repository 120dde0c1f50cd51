import EaselUI
import Foundation
import Testing

/// The shipped themes are compiled into the binary, so they are there wherever `easel` is run
/// from or installed to; the user's folder still overrides them.
struct ShippedThemeTests {
    /// The repository's `themes` folder, the source of the compiled-in copies.
    static let themesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("themes")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: themesFolder.path)) ?? []).filter { $0.hasSuffix(".toml") }.sorted()
    }

    @Test(arguments: ["dusk", "light", "high-contrast", "default-dark"])
    func everyShippedThemeLoadsWithNoFolderAtAll(name: String) throws {
        let result = ThemeLoader.load(name: name, shippedDirectory: nil, userDirectory: nil)
        #expect(result.problem == nil, "\(String(describing: result.problem))")
        #expect(result.theme.id == name)
        let file = try ThemeLoader.load(file: Self.themesFolder.appendingPathComponent(name + ".toml"))
        #expect(result.theme == file)
    }

    @Test func theCompiledInCopiesAreTheThemeFiles() throws {
        #expect(Self.files.count >= 4)
        #expect(ThemeLoader.shippedNames == Self.files.map { String($0.dropLast(".toml".count)) })
        for file in Self.files {
            let text = try String(contentsOf: Self.themesFolder.appendingPathComponent(file), encoding: .utf8)
            #expect(ThemeLoader.shippedText(String(file.dropLast(".toml".count))) == text, "\(file) changed: run `make themes`")
        }
    }

    @Test func everyShippedNameIsAvailableWithNoFolderAtAll() {
        #expect(ThemeLoader.available(shippedDirectory: nil, userDirectory: nil) == ["default-dark", "dusk", "high-contrast", "light"])
    }

    @Test func aUserThemeStillOverridesACompiledInOne() throws {
        let user = FileManager.default.temporaryDirectory.appendingPathComponent("easel-user-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: user, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: user) }
        var text = try String(contentsOf: Self.themesFolder.appendingPathComponent("dusk.toml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "name = \"Dusk\"", with: "name = \"My dusk\"")
        try text.write(to: user.appendingPathComponent("dusk.toml"), atomically: true, encoding: .utf8)
        let result = ThemeLoader.load(name: "dusk", shippedDirectory: nil, userDirectory: user)
        #expect(result.problem == nil && result.theme.name == "My dusk")
    }
}
