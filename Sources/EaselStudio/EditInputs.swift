import EaselCore
import EaselStore
import EaselUI
import Foundation

/// The studio's edit inputs made ready to send: every file checked against the model's rules
/// (format by its bytes, size, count, square, the mask's alpha and size — all problems at once),
/// then copied into the content-addressed input store; the parent is the history entry that
/// saved the first image, when the history knows it.
enum EditInputs {
    struct Prepared {
        var images: [InputImage]
        var mask: InputImage?
        var parent: Int64?
    }

    static func prepare(
        _ edit: EditDraft, request: ResolvedRequest, keptIn directory: URL, history: HistoryStore?
    ) throws(GenerationError) -> Prepared {
        guard let rules = request.model.operation(request.operation)?.inputs else {
            throw .invalid(ValidationFailure(problems: [
                ValidationProblem(field: "model", message: "\(request.model.id) cannot \(request.operation.phrase); nothing was sent")
            ]))
        }
        let sources = edit.images.map { InputSource(path: $0) }
        let mask = edit.mask.map { InputSource(path: $0) }
        switch InputInspector.check(images: sources, mask: mask, rules: rules, model: request.model.id) {
        case .failure(let found):
            throw .invalid(ValidationFailure(problems: found.problems.map { ValidationProblem(field: "image", message: $0.description) }))
        case .success(let checked):
            let store = InputStore(directory: directory)
            do throws(ImageStoreError) {
                let images = try checked.images.map { image throws(ImageStoreError) in try store.keep(image) }
                let kept = try checked.mask.map { image throws(ImageStoreError) in try store.keep(image) }
                // The history knows the file where it was saved, not the kept copy.
                let parent = edit.parentSource.flatMap { first in (try? history?.image(atPath: first))??.entry }
                return Prepared(images: images, mask: kept, parent: parent)
            } catch {
                throw .storage("cannot keep a copy of the inputs: \(error); nothing was sent")
            }
        }
    }
}
