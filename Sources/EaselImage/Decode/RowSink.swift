/// Receives what a C decoder produces: the full picture written in place into the final
/// array, or rows streamed into a `BoxReducer` when the caller only needs a smaller picture.
///
/// The C shims call `start` once the size is known and within the caps, and `row` for each
/// row when `start` gave them no buffer.
final class RowSink {
    /// The picture the caller asked for.
    enum Goal {
        /// Every pixel at full size.
        case whole
        /// Any size from `PixelSize` up (shrunk by a whole factor while decoding).
        case atLeast(PixelSize)
    }

    private let goal: Goal
    /// The final array's storage, when the size was known before decoding began.
    private var destination: UnsafeMutableBufferPointer<UInt8>?
    private var expectedWidth = 0
    private var expectedHeight = 0
    private var collected: [UInt8] = []
    private var reducer: BoxReducer?
    private(set) var width = 0
    private(set) var height = 0
    /// True when the decoder found a size other than the header's (the picture is refused).
    private(set) var sizeChanged = false

    private init(goal: Goal) {
        self.goal = goal
    }

    /// The opaque pointer the C shims pass back to the callbacks.
    var context: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    /// Runs `decode` (which returns whether it succeeded) with a sink for `goal`, and returns
    /// the picture it delivered. When `known` (the header's size, already within `limits`) is
    /// given and the whole picture is wanted, the decoder writes straight into the result's
    /// storage, so the full-size pixels exist exactly once.
    static func run(
        goal: Goal, known: (width: Int, height: Int)?, limits: DecodeLimits, _ decode: (RowSink) -> Bool
    ) -> (image: RGBAImage?, sink: RowSink) {
        var goal = goal
        if case .atLeast(let minimum) = goal, let known, known.width > 0, known.height > 0,
            BoxReducer.factor(sourceWidth: known.width, sourceHeight: known.height, minimum: minimum) == 1
        {
            goal = .whole
        }
        let sink = RowSink(goal: goal)
        if case .whole = goal, let known, known.width > 0, known.height > 0,
            limits.admits(width: known.width, height: known.height)
        {
            let count = known.width * known.height * 4
            var succeeded = false
            // Left uninitialized: the decoder fills every byte before the array is used, and a
            // failed decode hands back an empty array, so untouched pages are never read.
            let pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                sink.destination = buffer
                sink.expectedWidth = known.width
                sink.expectedHeight = known.height
                succeeded = withExtendedLifetime(sink) { decode(sink) } && !sink.sizeChanged && sink.width == known.width
                sink.destination = nil
                initialized = succeeded ? count : 0
            }
            return (succeeded ? RGBAImage(width: known.width, height: known.height, pixels: pixels) : nil, sink)
        }
        guard withExtendedLifetime(sink, { decode(sink) }), sink.width > 0 else { return (nil, sink) }
        if let reducer = sink.reducer { return (reducer.image, sink) }
        return (RGBAImage(width: sink.width, height: sink.height, pixels: sink.collected), sink)
    }

    /// The decoder knows the size: hands it the final buffer, or nil to stream rows.
    func start(width: Int, height: Int) -> (buffer: UnsafeMutablePointer<UInt8>?, stop: Bool) {
        self.width = width
        self.height = height
        if let destination {
            guard width == expectedWidth, height == expectedHeight else {
                sizeChanged = true
                return (nil, true)
            }
            return (destination.baseAddress, false)
        }
        switch goal {
        case .whole:
            collected = [UInt8](repeating: 0, count: width * height * 4)
        case .atLeast(let minimum):
            let factor = BoxReducer.factor(sourceWidth: width, sourceHeight: height, minimum: minimum)
            if factor > 1 {
                reducer = BoxReducer(sourceWidth: width, sourceHeight: height, factor: factor)
            } else {
                collected = [UInt8](repeating: 0, count: width * height * 4)
            }
        }
        return (nil, false)
    }

    /// One streamed row, top to bottom.
    func row(_ y: Int, _ pixels: UnsafePointer<UInt8>) {
        if reducer != nil {
            reducer!.add(row: pixels)
        } else if y < height {
            let stride = width * 4
            collected.withUnsafeMutableBufferPointer { output in
                (output.baseAddress! + y * stride).update(from: pixels, count: stride)
            }
        }
    }

    /// `start` as a C function pointer.
    static let startCallback:
        @convention(c) (UnsafeMutableRawPointer?, UInt32, UInt32, UnsafeMutablePointer<Int32>?) -> UnsafeMutablePointer<UInt8>? = {
            context, width, height, stop in
            let sink = Unmanaged<RowSink>.fromOpaque(context!).takeUnretainedValue()
            let (buffer, shouldStop) = sink.start(width: Int(width), height: Int(height))
            if shouldStop { stop?.pointee = 1 }
            return buffer
        }

    /// `row` as a C function pointer.
    static let rowCallback: @convention(c) (UnsafeMutableRawPointer?, UInt32, UnsafePointer<UInt8>?) -> Void = {
        context, y, pixels in
        guard let pixels else { return }
        Unmanaged<RowSink>.fromOpaque(context!).takeUnretainedValue().row(Int(y), pixels)
    }
}
