/// Receives what a C decoder produces: the full picture written in place into the final
/// array, or rows streamed into a `RowScaler` when the caller only needs a smaller picture.
///
/// The C shims call `start` once the size is known and within the caps, and `row` (or, for
/// Adam7 passes, `passRow`) for each row when `start` gave them no buffer.
final class RowSink {
    /// The picture the caller asked for.
    enum Goal {
        /// Every pixel at full size.
        case whole
        /// Any size from `PixelSize` up (shrunk by a whole factor while decoding), alpha kept.
        case atLeast(PixelSize)
        /// Exactly this size (never more than the source's on either side), flattened onto the
        /// background while decoding: what a terminal shows.
        case fitted(PixelSize, background: (red: UInt8, green: UInt8, blue: UInt8))
    }

    /// What a decode delivered.
    enum Picture {
        case rgba(RGBAImage)
        case flat(RGBImage)
    }

    private let goal: Goal
    /// The final array's storage, when the size was known before decoding began.
    private var destination: UnsafeMutableBufferPointer<UInt8>?
    private var expectedWidth = 0
    private var expectedHeight = 0
    private var collected: [UInt8] = []
    private(set) var scaler: RowScaler?
    private(set) var width = 0
    private(set) var height = 0
    /// True when the decoder found a size other than the header's (the picture is refused).
    private(set) var sizeChanged = false
    /// The largest pixel buffer this sink allocated or handed out, in bytes: a shrinking decode
    /// keeps it near the output's size (tests check that, instead of timing RSS).
    private(set) var largestBuffer = 0

    private init(goal: Goal) {
        self.goal = goal
    }

    /// The opaque pointer the C shims pass back to the callbacks.
    var context: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    /// Whether `goal` needs every source pixel at full size for a `width`×`height` source.
    static func needsWhole(_ goal: Goal, width: Int, height: Int) -> Bool {
        switch goal {
        case .whole: true
        case .atLeast(let minimum): factor(sourceWidth: width, sourceHeight: height, minimum: minimum) == 1
        case .fitted(let size, _): size.width > width || size.height > height
        }
    }

    /// The largest whole factor that keeps both sides at least `minimum` (1 when the source is
    /// already no larger).
    static func factor(sourceWidth: Int, sourceHeight: Int, minimum: PixelSize) -> Int {
        max(1, min(sourceWidth / max(1, minimum.width), sourceHeight / max(1, minimum.height)))
    }

    /// Runs `decode` (which returns whether it succeeded) with a sink for `goal`, and returns
    /// the picture it delivered. When `known` (the header's size, already within `limits`) is
    /// given and the whole picture is wanted, the decoder writes straight into the result's
    /// storage, so the full-size pixels exist exactly once.
    static func run(
        goal: Goal, known: (width: Int, height: Int)?, limits: DecodeLimits, _ decode: (RowSink) -> Bool
    ) -> (picture: Picture?, sink: RowSink) {
        var goal = goal
        if case .atLeast = goal, let known, known.width > 0, known.height > 0,
            needsWhole(goal, width: known.width, height: known.height)
        {
            goal = .whole
        }
        let sink = RowSink(goal: goal)
        if case .whole = goal, let known, known.width > 0, known.height > 0,
            limits.admits(width: known.width, height: known.height)
        {
            let count = known.width * known.height * 4
            sink.largestBuffer = count
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
            return (succeeded ? .rgba(RGBAImage(width: known.width, height: known.height, pixels: pixels)) : nil, sink)
        }
        guard withExtendedLifetime(sink, { decode(sink) }), sink.width > 0 else { return (nil, sink) }
        return (sink.finish(), sink)
    }

    /// A picture a library decoded whole (a WebP, an animation's first frame) taken to `goal`
    /// row by row, as a streaming decoder's rows would be.
    static func picture(of image: RGBAImage, goal: Goal) -> Picture {
        if case .fitted = goal {} else if needsWhole(goal, width: image.width, height: image.height) {
            return .rgba(image)
        }
        let (picture, _) = run(goal: goal, known: nil, limits: .standard) { sink in
            _ = sink.start(width: image.width, height: image.height, interlaced: false)
            image.pixels.withUnsafeBufferPointer { pixels in
                for y in 0..<image.height {
                    sink.row(y, pixels.baseAddress! + y * image.width * 4)
                }
            }
            return true
        }
        // The closure above always succeeds with a non-empty picture.
        return picture!
    }

    /// The picture once the decoder delivered every row.
    private func finish() -> Picture {
        if let scaler {
            scaler.finish()
            return scaler.result == .straightAlpha ? .rgba(scaler.alphaImage) : .flat(scaler.flatImage)
        }
        let whole = RGBAImage(width: width, height: height, pixels: collected)
        collected = []
        if case .fitted(let size, let background) = goal {
            // A source smaller than the area on some side: flattened, then enlarged or shrunk.
            return .flat(whole.composited(over: background).resized(width: size.width, height: size.height))
        }
        return .rgba(whole)
    }

    /// The decoder knows the size: hands it the final buffer, or nil to stream rows.
    func start(width: Int, height: Int, interlaced: Bool) -> (buffer: UnsafeMutablePointer<UInt8>?, stop: Bool) {
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
        case .atLeast(let minimum) where !Self.needsWhole(goal, width: width, height: height):
            let factor = Self.factor(sourceWidth: width, sourceHeight: height, minimum: minimum)
            scaler = RowScaler(
                sourceWidth: width, sourceHeight: height, cut: .factor(factor), result: .straightAlpha, interlaced: interlaced)
        case .fitted(let size, let background) where !Self.needsWhole(goal, width: width, height: height):
            scaler = RowScaler(
                sourceWidth: width, sourceHeight: height, cut: .exact(size),
                result: .flattened(red: background.red, green: background.green, blue: background.blue),
                interlaced: interlaced)
        default:
            collected = [UInt8](repeating: 0, count: width * height * 4)
        }
        largestBuffer = max(largestBuffer, scaler?.bytesHeld ?? collected.count)
        return (nil, false)
    }

    /// One streamed row, top to bottom.
    func row(_ y: Int, _ pixels: UnsafePointer<UInt8>) {
        passRow(y, firstColumn: 0, step: 1, count: width, pixels)
    }

    /// One Adam7 pass row: `count` pixels for columns `firstColumn`, +`step`, … of row `y`.
    func passRow(_ y: Int, firstColumn: Int, step: Int, count: Int, _ pixels: UnsafePointer<UInt8>) {
        guard y >= 0, y < height, firstColumn >= 0, step >= 1 else { return }
        if let scaler {
            if firstColumn == 0, step == 1, !scaler.interlaced {
                scaler.add(row: y, pixels)
            } else {
                scaler.add(passRow: y, pixels, firstColumn: firstColumn, step: step, count: count)
            }
            return
        }
        let count = min(count, (width - firstColumn + step - 1) / step)
        guard count > 0 else { return }
        let stride = width * 4
        collected.withUnsafeMutableBufferPointer { output in
            let row = output.baseAddress! + y * stride
            if step == 1 {
                (row + firstColumn * 4).update(from: pixels, count: count * 4)
                return
            }
            for index in 0..<count {
                (row + (firstColumn + index * step) * 4).update(from: pixels + index * 4, count: 4)
            }
        }
    }

    /// `start` as a C function pointer.
    static let startCallback:
        @convention(c) (UnsafeMutableRawPointer?, UInt32, UInt32, Int32, UnsafeMutablePointer<Int32>?) -> UnsafeMutablePointer<UInt8>? = {
            context, width, height, interlaced, stop in
            let sink = Unmanaged<RowSink>.fromOpaque(context!).takeUnretainedValue()
            let (buffer, shouldStop) = sink.start(width: Int(width), height: Int(height), interlaced: interlaced != 0)
            if shouldStop { stop?.pointee = 1 }
            return buffer
        }

    /// `row` as a C function pointer.
    static let rowCallback: @convention(c) (UnsafeMutableRawPointer?, UInt32, UnsafePointer<UInt8>?) -> Void = {
        context, y, pixels in
        guard let pixels else { return }
        Unmanaged<RowSink>.fromOpaque(context!).takeUnretainedValue().row(Int(y), pixels)
    }

    /// `passRow` as a C function pointer.
    static let passRowCallback:
        @convention(c) (UnsafeMutableRawPointer?, UInt32, UInt32, UInt32, UInt32, UnsafePointer<UInt8>?) -> Void = {
            context, y, firstColumn, step, count, pixels in
            guard let pixels else { return }
            Unmanaged<RowSink>.fromOpaque(context!).takeUnretainedValue()
                .passRow(Int(y), firstColumn: Int(firstColumn), step: Int(step), count: Int(count), pixels)
        }
}
