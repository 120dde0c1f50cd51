import EaselCore
import EaselImage
import Foundation

/// What the fault plan did and which generations the sandbox accepted, per job tag, so a soak
/// run can find duplicate POSTs and lost images (`GET /_sandbox/stats`).
///
/// A job tag is the first `sbx-` followed by 4–40 letters or digits in a POST's body (a soak run
/// puts one in each job's prompt), so every provider's body shape is read the same way.
public actor SandboxStats {
    private var requests = 0
    private var faults: [String: Int] = [:]
    /// Handled POSTs per tag and route (ids in the route replaced by `*`).
    private var posts: [String: [String: Int]] = [:]
    /// Tags whose generation the sandbox accepted (a 2xx from a generation route).
    private var made: Set<String> = []

    init() {}

    func request(fault: FaultPlan.Kind?) {
        requests += 1
        if let fault { faults[fault.rawValue, default: 0] += 1 }
    }

    /// Notes a POST that reached its handler; `accepted` when it was a generation answered 2xx.
    func handled(tag: String, path: String, accepted: Bool) {
        posts[tag, default: [:]][Self.route(path), default: 0] += 1
        if accepted { made.insert(tag) }
    }

    /// The stats as JSON: requests, faults by kind, and per tag its POSTs by route and whether
    /// images were made; `duplicates` lists every tag and route handled more than once.
    public func json() -> JSONValue {
        var tags: [String: JSONValue] = [:]
        var duplicates: [JSONValue] = []
        for (tag, routes) in posts.sorted(by: { $0.key < $1.key }) {
            tags[tag] = .object(["posts": .object(routes.mapValues(JSONValue.int)), "made": .bool(made.contains(tag))])
            for (route, count) in routes.sorted(by: { $0.key < $1.key }) where count > 1 {
                duplicates.append(.object(["tag": .string(tag), "route": .string(route), "count": .int(count)]))
            }
        }
        return .object([
            "requests": .int(requests), "faults": .object(faults.mapValues(JSONValue.int)),
            "tags": .object(tags), "duplicates": .array(duplicates),
        ])
    }

    /// Path suffixes of the routes that start a generation.
    static let generationSuffixes = [
        "/images/generations", "/images/edits", "/images/variations", "/entry", "/txt2img", "/img2img", "/comfyui/prompt",
        "/img_gen",
    ]

    static func isGeneration(_ path: String) -> Bool { generationSuffixes.contains { path.hasSuffix($0) } }

    /// The job tag in a body, if any.
    static func tag(in body: [UInt8]) -> String? {
        let marker = Array("sbx-".utf8)
        guard body.count >= marker.count + 4 else { return nil }
        var start = 0
        while start <= body.count - marker.count - 4 {
            if body[start] == marker[0], Array(body[start..<start + marker.count]) == marker {
                var end = start + marker.count
                while end < body.count, end - start < marker.count + 40, isTagByte(body[end]) { end += 1 }
                if end - start >= marker.count + 4 { return String(decoding: body[start..<end], as: UTF8.self) }
            }
            start += 1
        }
        return nil
    }

    private static func isTagByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// `path` with id-like segments (8+ characters holding a digit) as `*`.
    static func route(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.count >= 8 && segment.contains(where: \.isNumber) ? "*" : String(segment)
        }.joined(separator: "/")
    }
}
