import CZlib
import EaselCore
import EaselImage
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `easel-bench decode`: peak memory and time of decoding hostile and very large files, each in a
/// child process of its own (peak RSS is a per-process high-water mark), beside the same file
/// read raw (`cat`) and ImageMagick's `convert` shrinking it, when installed.
extension Bench {
    /// The decode done by a child: `easel-bench decode-one <path> full|shrink`.
    static func decodeOne(path: String, mode: String) {
        let minimum = mode == "shrink" ? PixelSize(width: 80, height: 48) : nil
        do {
            let decoded = try ImageDecoder.decode(fileAt: path, atLeast: minimum)
            print("\(decoded.image.width)x\(decoded.image.height)")
        } catch {
            print("error: \(error.description)")
        }
    }

    static func decodeCost() throws {
        print("\n## Decode memory and time (target: hostile files fail or finish fast in little memory;")
        print("## a shrinking decode of an 8000² file holds about the output plus a few rows)")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-bench-decode-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let me = CommandLine.arguments[0]
        // Written by a child: Linux carries a process's peak RSS across exec into what it spawns,
        // so this process must never hold the 8000² picture itself.
        let made = measureChild([me, "decode-make", directory.path]).output
        let files = made.split(separator: "\n").compactMap { line -> (String, String)? in
            let parts = line.split(separator: "\t")
            return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
        }
        // Only a real ImageMagick counts as an anchor (some machines have a stand-in `convert`).
        let convert = ["/usr/bin/convert", "/usr/local/bin/convert"].first {
            FileManager.default.isExecutableFile(atPath: $0) && measureChild([$0, "-version"]).output.contains("ImageMagick")
        }
        if convert == nil { print("(ImageMagick's convert is not installed: the anchor is reading the file raw)") }
        print("file                         bytes       run                    peak_rss_mb  ms     result")
        for (name, path) in files {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            var runs: [(String, [String])] = [
                ("easel full decode", [me, "decode-one", path, "full"]),
                ("easel shrink to 80x48", [me, "decode-one", path, "shrink"]),
                ("anchor: cat (raw read)", ["/bin/cat", path]),
            ]
            if let convert { runs.append(("anchor: convert 80x48", [convert, path, "-thumbnail", "80x48", "ppm:-"])) }
            for (label, arguments) in runs {
                let (rss, milliseconds, output) = measureChild(arguments)
                let result = label.hasPrefix("anchor") ? "" : output.trimmingCharacters(in: .whitespacesAndNewlines).prefix(60)
                print(
                    "\(name.padding(toLength: 28, withPad: " ", startingAt: 0)) \(String(size).padding(toLength: 11, withPad: " ", startingAt: 0)) "
                        + "\(label.padding(toLength: 22, withPad: " ", startingAt: 0)) \(String(format: "%11.1f", rss))  "
                        + "\(String(format: "%5.0f", milliseconds))  \(result)")
            }
        }
    }

    /// Runs a program to its end: its peak RSS in MB (from wait4), wall time and first output.
    static func measureChild(_ arguments: [String]) -> (rssMB: Double, milliseconds: Double, output: String) {
        var pipe: [Int32] = [0, 0]
        guard Glibc.pipe(&pipe) == 0 else { return (0, 0, "pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let started = Date()
        let spawned = posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
        posix_spawn_file_actions_destroy(&actions)
        close(pipe[1])
        guard spawned == 0 else {
            close(pipe[0])
            return (0, 0, "could not start \(arguments[0])")
        }
        // Only the first few KB are kept; the rest is read and dropped so the child never blocks.
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = read(pipe[0], &buffer, buffer.count)
            if count <= 0 { break }
            if output.count < 4096 { output += buffer.prefix(count) }
        }
        close(pipe[0])
        var status: Int32 = 0
        var usage = rusage()
        _ = wait4(pid, &status, 0, &usage)
        let elapsed = Date().timeIntervalSince(started) * 1000
        return (Double(usage.ru_maxrss) / 1024, elapsed, String(decoding: output, as: UTF8.self))
    }

    /// The child that writes the files: one "name<TAB>path" line each.
    static func printDecodeFiles(in directory: String) throws {
        for (name, path) in try makeDecodeFiles(in: URL(fileURLWithPath: directory)) { print("\(name)\t\(path)") }
    }

    /// The benchmark's files: a tiny honest PNG (process start-up), the three hostile cases from
    /// issue 15 and two honest 8000² pictures.
    static func makeDecodeFiles(in directory: URL) throws -> [(String, String)] {
        var files: [(String, String)] = []
        func write(_ name: String, _ bytes: [UInt8]) throws {
            let url = directory.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            files.append((name, url.path))
        }
        try write("png-16x16-baseline", pngWithSurplus(inflatedBytes: 16 * 49))
        // A small lossy WebP of noise, its VP8 frame header then set to 8000×8000.
        var noise = SplitMix64(seed: 7)
        let small = RGBImage(width: 64, height: 64, pixels: (0..<(64 * 64 * 3)).map { _ in UInt8(truncatingIfNeeded: noise.next()) })
        var webp = try WebPEncoder.encode(small, quality: 90)
        if webp.count > 30, webp[12..<16].elementsEqual("VP8 ".utf8) {
            webp.replaceSubrange(26..<30, with: [0x40, 0x1F, 0x40, 0x1F])
        }
        try write("webp-tiny-claims-8000x8000", webp)
        try write("png-16x16-with-1GiB-IDAT", pngWithSurplus(inflatedBytes: 1 << 30))
        // An honest 8000² picture: smooth gradients with blocks of texture, compressible enough
        // for the 64 MiB file cap even with the sandbox's fast PNG settings.
        let side = 8000
        var pixels = [UInt8](repeating: 0, count: side * side * 3)
        pixels.withUnsafeMutableBufferPointer { out in
            for y in 0..<side {
                for x in 0..<side {
                    let offset = (y * side + x) * 3
                    out[offset] = UInt8(truncatingIfNeeded: x * 255 / side)
                    out[offset + 1] = UInt8(truncatingIfNeeded: y * 255 / side)
                    out[offset + 2] = UInt8(truncatingIfNeeded: ((x >> 6) ^ (y >> 6)) & 255)
                }
            }
        }
        let large = RGBImage(width: side, height: side, pixels: pixels)
        try write("png-8000x8000", try PNGEncoder.encode(large))
        try write("jpeg-8000x8000", try JPEGEncoder.encode(large, quality: 85))
        return files
    }

    /// A 16×16 RGB PNG whose IDAT inflates to `inflatedBytes` of zeros (the header needs 784).
    static func pngWithSurplus(inflatedBytes: Int) -> [UInt8] {
        var stream = z_stream()
        _ = deflateInit_(&stream, 9, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        let zeros = [UInt8](repeating: 0, count: 1 << 20)
        var compressed: [UInt8] = []
        var output = [UInt8](repeating: 0, count: 1 << 16)
        var remaining = inflatedBytes
        while true {
            let piece = min(remaining, zeros.count)
            remaining -= piece
            let flush = remaining == 0 ? Z_FINISH : Z_NO_FLUSH
            var result = Z_OK
            zeros.withUnsafeBufferPointer { input in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = UInt32(piece)
                repeat {
                    output.withUnsafeMutableBufferPointer { out in
                        stream.next_out = out.baseAddress
                        stream.avail_out = UInt32(out.count)
                        result = deflate(&stream, flush)
                        compressed += out.prefix(out.count - Int(stream.avail_out))
                    }
                } while stream.avail_out == 0
            }
            if remaining == 0 || result == Z_STREAM_END { break }
        }
        deflateEnd(&stream)
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let typeBytes = Array(type.utf8)
            return bigEndian(UInt32(data.count)) + typeBytes + data + bigEndian(CRC32Bench.checksum(typeBytes + data))
        }
        func bigEndian(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }
        let header = bigEndian(16) + bigEndian(16) + [8, 2, 0, 0, 0]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header) + chunk("IDAT", compressed) + chunk("IEND", [])
    }
}

/// zlib's CRC-32, for the benchmark's hand-made chunks.
enum CRC32Bench {
    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
    }
}

