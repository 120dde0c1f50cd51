import EaselCore
import EaselImage
import EaselStore
import Foundation

/// Turns the images an edit names into checked, kept inputs before anything is sent: `@ID`s are
/// looked up in the history, every file is checked against the model's rules (all problems at
/// once, exit code 2), then copied into the content-addressed input store; the parent is the
/// entry the first image came from.
enum EditPreparation {
    struct Prepared {
        var images: [InputImage]
        var mask: InputImage?
        var parent: Int64?
    }

    static func prepare(
        _ edit: EditInputs, request: ResolvedRequest, history: HistoryStore?, paths: EaselPaths, errors: StandardError
    ) throws -> Prepared {
        guard let rules = request.model.operation(edit.operation)?.inputs else {
            throw CLIFailure(message: "\(request.model.id) cannot \(edit.operation.phrase); nothing was sent", code: .invalid)
        }
        var problems: [String] = []
        var sources: [InputSource] = []
        for name in edit.images {
            do {
                sources.append(try source(name, history: history))
            } catch let failure as CLIFailure {
                problems.append(failure.message)
            }
        }
        var maskSource: InputSource?
        if let mask = edit.mask {
            do {
                maskSource = try source(mask, history: history)
            } catch let failure as CLIFailure {
                problems.append(failure.message)
            }
        }
        let fitted = FileManager.default.temporaryDirectory.appendingPathComponent("easel-fit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: fitted) }
        if problems.isEmpty, let mode = edit.fit {
            // The first image's size before fitting, so its mask can follow the same geometry.
            let first = sources.first.flatMap { try? Data(contentsOf: URL(fileURLWithPath: $0.path)).prefix(1 << 16) }
                .flatMap { ImageHeader(Array($0)) }
            do throws(InputProblem) {
                sources = try sources.map { source throws(InputProblem) in
                    let result = try InputFitter.fit(source, rules: rules, mode: mode, directory: fitted)
                    if let note = result.note { errors.line("easel: note: \(note)") }
                    return result.source
                }
                if let source = maskSource {
                    let result = try InputFitter.fit(
                        source, rules: rules, mode: mode, directory: fitted, maskFor: first.map { ($0.width, $0.height) })
                    if let note = result.note { errors.line("easel: note: \(note)") }
                    maskSource = result.source
                }
            } catch {
                problems.append(error.description)
            }
        }
        if problems.isEmpty {
            switch InputInspector.check(images: sources, mask: maskSource, rules: rules, model: request.model.id) {
            case .failure(let found): problems += found.problems.map(\.description)
            case .success(let checked):
                let store = InputStore(directory: paths.data.appendingPathComponent("inputs"))
                do throws(ImageStoreError) {
                    let images = try checked.images.map { image throws(ImageStoreError) in try store.keep(image) }
                    let mask = try checked.mask.map { image throws(ImageStoreError) in try store.keep(image) }
                    return Prepared(images: images, mask: mask, parent: parent(of: images.first, history: history))
                } catch {
                    throw CLIFailure(message: "cannot keep a copy of the inputs: \(error); nothing was sent", code: .failure)
                }
            }
        }
        for problem in problems { errors.line("easel: \(problem)") }
        throw CLIFailure(message: "nothing was sent (\(Counted.phrase(problems.count, "problem")))", code: .invalid)
    }

    /// A file path, or `@ID` looked up to its history image's file.
    static func source(_ name: String, history: HistoryStore?) throws -> InputSource {
        guard name.hasPrefix("@") else { return InputSource(path: UserPath.url(name).path) }
        let shown = TerminalText.oneLine(name, limit: 40)
        guard let id = Int64(name.dropFirst()), id > 0 else {
            throw CLIFailure(message: "\(shown): expected @ and a history image id, e.g. @42", code: .invalid)
        }
        guard let history else { throw CLIFailure(message: "\(shown): the history cannot be opened to look it up", code: .invalid) }
        guard let found = try? history.image(id: id) else {
            throw CLIFailure(message: "\(shown): no history image has this id (see `easel threads show`)", code: .invalid)
        }
        guard let path = found.path else {
            throw CLIFailure(message: "\(shown): that history image was never downloaded", code: .invalid)
        }
        return InputSource(path: path, historyImage: id)
    }

    /// The entry the first image came from: its history image's, or the one that saved a file at
    /// that path.
    static func parent(of first: InputImage?, history: HistoryStore?) -> Int64? {
        guard let first, let history else { return nil }
        if let id = first.historyImage { return (try? history.image(id: id))?.entry }
        return (try? history.image(atPath: first.path))?.entry
    }
}
