internal import CZlib

/// Inflates zlib streams (PNG `zTXt` and compressed `iTXt`) with a hard cap on the output,
/// shared by every chunk of one file, so a small chunk that expands to gigabytes (a zip bomb)
/// fails after the cap instead of exhausting memory.
struct Inflater {
    /// Why inflating stopped.
    enum Failure: Error, Equatable {
        /// The output would pass the remaining budget.
        case tooLarge
        /// zlib reported a damaged or incomplete stream.
        case corrupt
    }

    /// Bytes still allowed to come out, across all calls.
    private(set) var remainingBudget: Int

    init(budget: Int) {
        remainingBudget = budget
    }

    /// Inflates one complete zlib stream (header and Adler-32 included).
    mutating func inflate(_ input: ArraySlice<UInt8>) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit_(&stream, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corrupt
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        let step = 64 * 1024
        var buffer = [UInt8](repeating: 0, count: step)
        let input = Array(input)
        var status: Int32 = Z_OK
        var failure: Failure?
        input.withUnsafeBufferPointer { source in
            // zlib never writes through next_in; the mutable cast is its old C signature.
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = UInt32(source.count)
            while status == Z_OK {
                let produced: Int = buffer.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return out.count - Int(stream.avail_out)
                }
                guard status == Z_OK || status == Z_STREAM_END else {
                    failure = .corrupt
                    return
                }
                guard produced <= remainingBudget else {
                    failure = .tooLarge
                    return
                }
                remainingBudget -= produced
                output += buffer[0..<produced]
                // Z_OK with no progress means the input ended before the stream did.
                if status == Z_OK, produced == 0, stream.avail_in == 0 {
                    failure = .corrupt
                    return
                }
            }
        }
        if let failure { throw failure }
        return output
    }
}
