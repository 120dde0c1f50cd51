import EaselUI
import Foundation
import Testing

/// The repository's `themes` folder, found by walking up from this file, so the tests check
/// exactly the files that ship.
private let shippedThemes: URL = {
    var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    for _ in directory.pathComponents.indices {
        let themes = directory.appendingPathComponent("themes")
        if FileManager.default.fileExists(
            atPath: themes.appendingPathComponent("default-dark.toml").path)
        {
            return themes
        }
        directory = directory.deletingLastPathComponent()
    }
    return URL(fileURLWithPath: "/nonexistent/themes")
}()

/// A fresh empty folder, removed after `body` runs.
private func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("easel-theme-tests-" + UUID().uuidString, isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

/// A complete theme file with every role set to `color`, plus `extra` lines at the end.
private func completeThemeText(name: String, color: String = "#102030", extra: String = "")
    -> String
{
    let roles = UIRole.allCases.map { "\($0.rawValue) = \"\(color)\"" }.joined(separator: "\n")
    return "name = \"\(name)\"\n\n[colors]\n\(roles)\n\(extra)"
}

private func write(_ text: String, to directory: URL, as file: String) throws -> URL {
    let url = directory.appendingPathComponent(file)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url
}

/// Parses text as if it were the file `/themes/test.toml` and returns the error it raises.
private func problem(in text: String) -> ThemeError? {
    do {
        _ = try ThemeLoader.theme(fromText: text, path: "/themes/test.toml", id: "test")
        return nil
    } catch {
        return error
    }
}

// MARK: - Shipped themes

@Test(arguments: ["default-dark", "light", "high-contrast", "dusk"])
func shippedThemeLoadsWithEveryRole(id: String) throws {
    let file = shippedThemes.appendingPathComponent(id + ".toml")
    let theme = try ThemeLoader.load(file: file)
    #expect(theme.id == id)
    #expect(!theme.name.isEmpty)
    // Parsing already rejects a missing role; also check each is written out, not defaulted.
    let text = try String(contentsOf: file, encoding: .utf8)
    for role in UIRole.allCases {
        #expect(text.contains("\n\(role.rawValue) = \"#"), "\(id).toml lacks \(role.rawValue)")
    }
    #expect(theme.color(for: .text) != theme.color(for: .background))
}

@Test func builtinDefaultMatchesTheShippedFile() throws {
    let shipped = try ThemeLoader.load(
        file: shippedThemes.appendingPathComponent("default-dark.toml"))
    #expect(shipped == Theme.builtinDefault)
}

@Test func highContrastUsesPureBlackAndWhite() throws {
    let theme = try ThemeLoader.load(
        file: shippedThemes.appendingPathComponent("high-contrast.toml"))
    #expect(theme.color(for: .background) == RGBColor(rgb: 0x000000))
    #expect(theme.color(for: .text) == RGBColor(rgb: 0xffffff))
    #expect(theme.index256(for: .background) == 16)
    #expect(theme.index256(for: .text) == 231)
}

// MARK: - Colours

@Test(arguments: [
    ("#000000", RGBColor(red: 0, green: 0, blue: 0)),
    ("#ffffff", RGBColor(red: 255, green: 255, blue: 255)),
    ("#1E1f29", RGBColor(red: 0x1e, green: 0x1f, blue: 0x29)),
    ("#5f87af", RGBColor(red: 0x5f, green: 0x87, blue: 0xaf)),
    ("#abc", RGBColor(red: 0xaa, green: 0xbb, blue: 0xcc)),
    ("#F00", RGBColor(red: 255, green: 0, blue: 0)),
])
func hexColorsParse(text: String, expected: RGBColor) {
    #expect(RGBColor(hex: text) == expected)
}

@Test(arguments: [
    "", "#", "123456", "#12zz45", "#1234", "#12345", "#1234567", " #123456", "#123456 ", "red",
])
func malformedHexIsRejected(text: String) {
    #expect(RGBColor(hex: text) == nil)
}

@Test func hexRoundTrips() {
    #expect(RGBColor(rgb: 0x0a0b0c).hex == "#0a0b0c")
    #expect(RGBColor(hex: "#ABC")?.hex == "#aabbcc")
}

@Test(arguments: [
    (0x000000, 16), (0xffffff, 231), (0xff0000, 196), (0x00ff00, 46), (0x0000ff, 21),
    (0xffff00, 226), (0x5f87af, 67), (0x808080, 244), (0x080808, 232), (0xeeeeee, 255),
    (0x767676, 243), (0x121212, 233), (0x1e1f29, 235), (0xfafafa, 231),
])
func nearestXterm256(rgb: UInt32, index: Int) {
    #expect(Int(RGBColor(rgb: rgb).nearestXterm256Index) == index)
}

@Test func explicitFallbackIndexWinsOverNearest() throws {
    let text = completeThemeText(name: "Pinned", extra: "\n[fallback256]\ntext = 7\n")
    let theme = try ThemeLoader.theme(fromText: text, path: "pinned.toml", id: "pinned")
    #expect(theme.index256(for: .text) == 7)
    #expect(theme.index256(for: .border) == RGBColor(rgb: 0x102030).nearestXterm256Index)
}

@Test func boldRolesAreRead() throws {
    let text = "bold = [\"title\", \"accent\"]\n" + completeThemeText(name: "Bold")
    let theme = try ThemeLoader.theme(fromText: text, path: "bold.toml", id: "bold")
    #expect(theme.boldRoles == [.title, .accent])
    #expect(!theme.isBold(.text))
}

// MARK: - Errors in theme files

@Test func syntaxErrorNamesFileAndLine() throws {
    let text = "name = \"Broken\"\n\n[colors\ntext = \"#ffffff\"\n"
    let error = try #require(problem(in: text))
    guard case .syntax(let path, let line, _, _) = error else {
        Issue.record("expected a syntax error, got \(error)")
        return
    }
    #expect(path == "/themes/test.toml")
    #expect(line == 3)
    #expect(error.description.hasPrefix("/themes/test.toml:3:"))
    #expect(!error.description.contains("\n"))
}

@Test func badColourNamesFileLineAndKey() throws {
    let text = completeThemeText(name: "Bad").replacingOccurrences(
        of: "accent = \"#102030\"", with: "accent = \"#12zz45\"")
    let error = try #require(problem(in: text))
    // Line 1 name, 2 blank, 3 [colors], then roles in declaration order; accent is the fourth.
    #expect(
        error
            == .invalidEntry(
                path: "/themes/test.toml", line: 7, key: "colors.accent",
                message: "\"#12zz45\" is not a colour (#rrggbb)"))
    #expect(
        error.description
            == "/themes/test.toml:7: colors.accent: \"#12zz45\" is not a colour (#rrggbb)")
}

@Test func colourOfTheWrongTypeIsReported() throws {
    let text = completeThemeText(name: "Bad").replacingOccurrences(
        of: "title = \"#102030\"", with: "title = 12")
    let error = try #require(problem(in: text))
    #expect(error.line == 15)
    #expect(error.description.contains("colors.title"))
}

@Test func unknownRoleIsReportedAtItsLine() throws {
    let text = completeThemeText(name: "Extra", extra: "  backgrund = \"#000000\"\n")
    let error = try #require(problem(in: text))
    #expect(error.line == 16)
    #expect(
        error.description.hasPrefix(
            "/themes/test.toml:16: colors.backgrund: \"backgrund\" is not a UI role"))
}

@Test func missingRoleNamesTheRoleAndTheColorsHeader() throws {
    let text = completeThemeText(name: "Short").replacingOccurrences(
        of: "warning = \"#102030\"\n", with: "")
    let error = try #require(problem(in: text))
    #expect(error == .missingRole(path: "/themes/test.toml", line: 3, role: .warning))
    #expect(error.description == "/themes/test.toml:3: colors: missing role \"warning\"")
}

@Test func missingColorsTableIsReported() throws {
    let error = try #require(problem(in: "name = \"Empty\"\n"))
    #expect(error.line == 1)
    #expect(error.description.contains("[colors]"))
}

@Test func unknownTopLevelKeyIsReported() throws {
    let text = completeThemeText(name: "Typo").replacingOccurrences(of: "name =", with: "nmae =")
    let error = try #require(problem(in: text))
    #expect(error.line == 1)
    #expect(error.description.hasPrefix("/themes/test.toml:1: nmae: unknown key"))
}

@Test func outOfRangeFallbackIndexIsReported() throws {
    let text = completeThemeText(name: "Pinned", extra: "\n[fallback256]\ntext = 300\n")
    let error = try #require(problem(in: text))
    #expect(error.line == 18)
    #expect(error.description.contains("fallback256.text"))
}

// MARK: - Finding and choosing themes

@Test func userThemeOverridesShippedThemeOfTheSameName() throws {
    try withTemporaryDirectory { root in
        let user = root.appendingPathComponent("user")
        try FileManager.default.createDirectory(at: user, withIntermediateDirectories: true)
        _ = try write(completeThemeText(name: "My light"), to: user, as: "light.toml")
        let result = ThemeLoader.load(
            name: "light", shippedDirectory: shippedThemes, userDirectory: user)
        #expect(result.problem == nil)
        #expect(result.theme.name == "My light")
        #expect(result.theme.color(for: .text) == RGBColor(rgb: 0x102030))

        let shippedOnly = ThemeLoader.load(
            name: "dusk", shippedDirectory: shippedThemes, userDirectory: user)
        #expect(shippedOnly.problem == nil)
        #expect(shippedOnly.theme.name == "Dusk")
    }
}

@Test func brokenThemeFallsBackToDefaultWithTheProblem() throws {
    try withTemporaryDirectory { user in
        let file = try write(
            "name = \"Oops\"\n[colors]\ntext = \"#ffffff\"\n", to: user, as: "oops.toml")
        let result = ThemeLoader.load(
            name: "oops", shippedDirectory: shippedThemes, userDirectory: user)
        #expect(result.theme == Theme.builtinDefault)
        let problem = try #require(result.problem)
        #expect(problem.path == file.path)
        #expect(problem.description.hasPrefix(file.path + ":2: colors: missing role"))
    }
}

@Test func unknownThemeFallsBackToDefaultListingAvailableNames() throws {
    try withTemporaryDirectory { user in
        _ = try write(completeThemeText(name: "Mine"), to: user, as: "mine.toml")
        let result = ThemeLoader.load(
            name: "neon", shippedDirectory: shippedThemes, userDirectory: user)
        #expect(result.theme == Theme.builtinDefault)
        let problem = try #require(result.problem)
        #expect(
            problem
                == .unknownTheme(
                    name: "neon",
                    available: ["default-dark", "dusk", "high-contrast", "light", "mine"]))
        #expect(
            problem.description == "no theme named \"neon\"; available: "
                + "default-dark, dusk, high-contrast, light, mine")
    }
}

@Test func namesThatCouldEscapeTheFolderAreUnknown() {
    let result = ThemeLoader.load(
        name: "../themes/light", shippedDirectory: shippedThemes, userDirectory: nil)
    #expect(result.theme == Theme.builtinDefault)
    guard case .unknownTheme = result.problem else {
        Issue.record("expected unknownTheme, got \(String(describing: result.problem))")
        return
    }
}

@Test func defaultNeedsNoFilesAtAll() {
    let result = ThemeLoader.load(name: "default-dark", shippedDirectory: nil, userDirectory: nil)
    #expect(result.theme == Theme.builtinDefault)
    #expect(result.problem == nil)
}

@Test func userDirectoryFollowsXDG() {
    #expect(
        ThemeLoader.userDirectory(environment: ["XDG_CONFIG_HOME": "/cfg", "HOME": "/home/a"])?.path
            == "/cfg/easel/themes")
    #expect(
        ThemeLoader.userDirectory(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/home/a"])?
            .path
            == "/home/a/.config/easel/themes")
    #expect(ThemeLoader.userDirectory(environment: [:]) == nil)
}

@Test func shippedDirectoryIsFoundFromABuildFolder() throws {
    try withTemporaryDirectory { repo in
        let themes = repo.appendingPathComponent("themes")
        try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
        _ = try write(completeThemeText(name: "D"), to: themes, as: "default-dark.toml")
        let nested = repo.appendingPathComponent(".build/x86_64-unknown-linux-gnu/debug")
        let flat = repo.appendingPathComponent(".build/debug")
        for binDirectory in [nested, flat] {
            try FileManager.default.createDirectory(
                at: binDirectory, withIntermediateDirectories: true)
            let found = ThemeLoader.shippedDirectory(
                executable: binDirectory.appendingPathComponent("easel"), environment: [:])
            #expect(found?.resolvingSymlinksInPath().path == themes.resolvingSymlinksInPath().path)
        }
        let override = ThemeLoader.shippedDirectory(
            executable: nested.appendingPathComponent("easel"),
            environment: ["EASEL_THEMES_DIR": "/opt/t"])
        #expect(override?.path == "/opt/t")
    }
}

@Test func shippedDirectoryIsNilWhenThereIsNone() throws {
    try withTemporaryDirectory { root in
        let bin = root.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let found = ThemeLoader.shippedDirectory(
            executable: bin.appendingPathComponent("easel"), environment: [:])
        // Only a themes folder above the temporary directory could be found; there should be none.
        #expect(found == nil)
    }
}
