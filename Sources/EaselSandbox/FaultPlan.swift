import Foundation

/// What `easel sandbox --faults PLAN` does wrong, and how often: each request draws at most one
/// fault, with the plan's probabilities, from a generator seeded by `--seed`.
///
/// Syntax: comma-separated `KIND:PROBABILITY` items, plus optional `route=PATH-PREFIX` items
/// that limit the faults to requests whose path starts with one of the prefixes, e.g.
/// `429:0.05,500:0.05,reset-before:0.03,reset-after:0.03,stall:0.02,truncate:0.02,badjson:0.02`.
public struct FaultPlan: Sendable, Hashable, CustomStringConvertible {
    /// One way a request can go wrong.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// 429 Too Many Requests with `Retry-After: 1`; the request is not handled.
        case tooManyRequests = "429"
        /// 500, 502 or 503 with a short body; the request is not handled.
        case serverError = "500"
        /// The connection closes before the request is handled (nothing happened).
        case resetBefore = "reset-before"
        /// The request is handled (a generation starts), then the connection closes unanswered.
        case resetAfter = "reset-after"
        /// The request is handled, then the reply is held back for `stallSeconds` before it goes.
        case stall
        /// The request is handled; half of its reply is sent, then the connection closes.
        case truncate
        /// The request is handled; its 200 reply's body is replaced by broken JSON.
        case badJSON = "badjson"
    }

    /// Each kind's probability, in the plan's order.
    public var faults: [(kind: Kind, probability: Double)]
    /// Path prefixes the faults apply to; empty for every route.
    public var routes: [String]
    /// How long a stalled reply is held back.
    public var stallSeconds: Double = 3

    /// Reads a plan, or explains in one line what is wrong with it.
    public init(parsing text: String) throws(FaultPlanError) {
        faults = []
        routes = []
        for item in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            if item.hasPrefix("route=") {
                let route = String(item.dropFirst(6))
                guard route.hasPrefix("/") else { throw FaultPlanError("route \(route) must start with /") }
                routes.append(route)
                continue
            }
            if item.hasPrefix("stall-seconds=") {
                guard let seconds = Double(item.dropFirst(14)), seconds >= 0, seconds <= 600 else {
                    throw FaultPlanError("stall-seconds must be a number of seconds from 0 to 600")
                }
                stallSeconds = seconds
                continue
            }
            let parts = item.split(separator: ":", maxSplits: 1).map(String.init)
            let names = Kind.allCases.map(\.rawValue).joined(separator: ", ")
            guard parts.count == 2, let kind = Kind(rawValue: parts[0]) ?? (parts[0] == "5xx" ? .serverError : nil) else {
                throw FaultPlanError("\(item) is not KIND:PROBABILITY (kinds: \(names))")
            }
            guard let probability = Double(parts[1]), (0...1).contains(probability) else {
                throw FaultPlanError("\(item): the probability must be a number from 0 to 1")
            }
            faults.append((kind, probability))
        }
        let total = faults.map(\.probability).reduce(0, +)
        guard total <= 1.000_001 else { throw FaultPlanError("the probabilities add up to \(total), more than 1") }
    }

    /// Whether a request to `path` may draw a fault.
    func applies(to path: String) -> Bool {
        if path.hasPrefix("/_sandbox") { return false }
        return routes.isEmpty || routes.contains { path.hasPrefix($0) }
    }

    /// The fault a draw `unit` in [0, 1) lands on, if any.
    func fault(at unit: Double) -> Kind? {
        var edge = 0.0
        for (kind, probability) in faults {
            edge += probability
            if unit < edge { return kind }
        }
        return nil
    }

    public static func == (lhs: FaultPlan, rhs: FaultPlan) -> Bool { lhs.description == rhs.description }

    public func hash(into hasher: inout Hasher) { hasher.combine(description) }

    public var description: String {
        (faults.map { "\($0.kind.rawValue):\($0.probability)" } + routes.map { "route=\($0)" }
            + ["stall-seconds=\(stallSeconds)"]).joined(separator: ",")
    }
}

/// A fault plan that cannot be read.
public struct FaultPlanError: Error, Sendable, CustomStringConvertible {
    public let description: String

    init(_ description: String) { self.description = description }
}
