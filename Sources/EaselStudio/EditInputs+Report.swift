import EaselCore
import EaselImage
import EaselUI
import Foundation

/// What the composer shows of each input, and the conversions it offers: the same checks as
/// sending (`InputInspector`), with each file's size, format and bytes read from its header so
/// an input that does not fit still says what it is.
extension EditInputs {
    /// Reads and checks every input of `check` (off the loop: it decodes each file once).
    static func report(_ check: EditCheck) -> EditReports {
        let problems: [InputProblem]
        switch InputInspector.check(
            images: check.images.map { InputSource(path: $0) }, mask: check.mask.map { InputSource(path: $0) }, rules: check.rules,
            model: check.model)
        {
        case .success: problems = []
        case .failure(let found): problems = found.problems
        }
        var reports: [EditInputReport] = []
        for (index, path) in check.images.enumerated() {
            // A problem with the set (too many images) is said on the first one.
            let general = index == 0 ? problems.first { $0.subject == "images" } : nil
            reports.append(report(path, isMask: false, check: check, problem: problems.first { $0.subject == subject(path) } ?? general))
        }
        if let mask = check.mask {
            reports.append(report(mask, isMask: true, check: check, problem: problems.first { $0.subject == subject(mask) || $0.subject == "mask" }))
        }
        return EditReports(check: check, inputs: reports)
    }

    /// The inspector names a file this way in its problems.
    static func subject(_ path: String) -> String { TerminalText.oneLine(path, limit: 200) }

    private static func report(_ path: String, isMask: Bool, check: EditCheck, problem: InputProblem?) -> EditInputReport {
        var report = EditInputReport(path: path, isMask: isMask)
        let facts = header(path)
        report.bytes = facts.bytes
        report.format = facts.header?.format.displayName
        report.width = facts.header?.width
        report.height = facts.header?.height
        guard let problem else { return report }
        report.problem = TerminalText.oneLine(problem.message, limit: 300)
        guard problem.fittable, !isMask, let header = facts.header, let bytes = facts.bytes else { return report }
        let rules = check.rules
        let (width, height) = (header.width, header.height)
        if rules.square, width != height {
            let long = max(width, height), short = min(width, height)
            report.problem = "not square for \(check.model)"
            report.offers = [
                EditFitOffer(mode: .pad, label: "pad \(long)×\(long)"),
                EditFitOffer(mode: .crop, label: "crop \(short)×\(short)"),
            ]
        } else if !rules.formats.contains(header.format) {
            report.problem = "\(header.format.displayName), \(check.model) takes \(rules.formats.map(\.displayName).joined(separator: "/")) only"
            report.offers = [EditFitOffer(mode: .scale, label: "re-encode as PNG")]
        } else if bytes >= rules.maxBytes {
            report.problem = "over \(check.model)'s \(InputInspector.byteText(rules.maxBytes)) limit"
            report.offers = [EditFitOffer(mode: .scale, label: "scale down")]
        }
        return report
    }

    /// The file's size and the format and dimensions its header declares (no decode).
    static func header(_ path: String) -> (bytes: Int?, header: ImageHeader?) {
        let bytes = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue
        guard let handle = FileHandle(forReadingAtPath: path) else { return (bytes, nil) }
        defer { try? handle.close() }
        // Headers sit at the start; JPEG's SOF may follow Exif, so a generous prefix is read.
        let prefix = (try? handle.read(upToCount: 256 << 10)) ?? Data()
        return (bytes, ImageHeader(Array(prefix)))
    }

    /// Makes the converted copy `conversion` asks for and keeps it in the input store; when the
    /// first image changes shape, its mask is converted the same way so it still lines up.
    static func convert(_ conversion: EditConversion, keptIn directory: URL) -> Result<EditConverted, InputProblem> {
        let check = conversion.check
        let scratch = directory.appendingPathComponent("converting")
        let store = InputStore(directory: directory)
        do throws(InputProblem) {
            let fitted = try InputFitter.fit(InputSource(path: conversion.path), rules: check.rules, mode: conversion.mode, directory: scratch)
            defer { if fitted.source.path != conversion.path { try? FileManager.default.removeItem(atPath: fitted.source.path) } }
            guard let note = fitted.note else {
                throw InputProblem(subject: subject(conversion.path), message: "already fits; nothing was converted")
            }
            let image = try keep(fitted.source, mask: nil, check: check, store: store).image
            var maskCopy: String?
            if conversion.path == check.images.first, let mask = check.mask, let original = header(conversion.path).header,
                check.rules.square, original.width != original.height
            {
                let fittedMask = try InputFitter.fit(
                    InputSource(path: mask), rules: check.rules, mode: conversion.mode, directory: scratch,
                    maskFor: (original.width, original.height))
                defer { if fittedMask.source.path != mask { try? FileManager.default.removeItem(atPath: fittedMask.source.path) } }
                maskCopy = try keep(InputSource(path: image), mask: fittedMask.source, check: check, store: store).mask
            }
            let said = note.range(of: " (--fit").map { String(note[..<$0.lowerBound]) } ?? note
            return .success(EditConverted(original: conversion.path, replacement: image, maskReplacement: maskCopy, note: said))
        } catch {
            return .failure(error)
        }
    }

    /// Checks a converted copy like any input and keeps it; the kept paths.
    private static func keep(
        _ image: InputSource, mask: InputSource?, check: EditCheck, store: InputStore
    ) throws(InputProblem) -> (image: String, mask: String?) {
        switch InputInspector.check(images: [image], mask: mask, rules: check.rules, model: check.model) {
        case .failure(let found):
            throw found.problems.first ?? InputProblem(subject: subject(image.path), message: "the copy does not fit either")
        case .success(let checked):
            do throws(ImageStoreError) {
                let kept = try store.keep(checked.images[0])
                let keptMask = try checked.mask.map { mask throws(ImageStoreError) in try store.keep(mask) }
                return (kept.source, keptMask?.source)
            } catch {
                throw InputProblem(subject: subject(image.path), message: "the copy could not be kept: \(error)")
            }
        }
    }
}
