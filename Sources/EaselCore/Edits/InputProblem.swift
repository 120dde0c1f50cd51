/// Why an input image cannot go to the model as it is: one line each, naming the file and the
/// limit, and — where a conversion would fit — which `--fit` does it. Nothing is sent while
/// there is one.
public struct InputProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file (or `mask`, `images`) the problem is about.
    public var subject: String
    public var message: String
    /// Whether `--fit` could make it fit (not square, too large, wrong format).
    public var fittable: Bool

    public init(subject: String, message: String, fittable: Bool = false) {
        self.subject = subject
        self.message = message
        self.fittable = fittable
    }

    public var description: String { "\(subject): \(message)" }
}

/// Every problem found with a request's inputs; nothing is sent while there is one.
public struct InputProblems: Error, Sendable, Hashable, CustomStringConvertible {
    public var problems: [InputProblem]

    public init(_ problems: [InputProblem]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "; ") }
}
