internal import CPNG

/// Writes a painted mask as the PNG files image-editing APIs take.
///
/// `coverage` is the editor's bitmap: `width * height` bytes, non-zero where the picture is to
/// change. OpenAI's edits endpoint wants an RGBA image whose *transparent* pixels mark that
/// area; AUTOMATIC1111 and ComfyUI want a black-and-white image where *white* marks it.
public enum MaskEncoder {
    /// The OpenAI form: black RGBA, alpha 0 where painted, 255 where kept, with a `feather`-pixel
    /// ramp outside the painted area.
    public static func transparentPNG(width: Int, height: Int, coverage: [UInt8], feather: Int) throws(ImageEncodingError) -> [UInt8] {
        let alpha = MaskFeather.alpha(width: width, height: height, coverage: coverage, feather: feather)
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        for index in alpha.indices { pixels[index * 4 + 3] = alpha[index] }
        return try write(width: width, height: height, pixels: pixels, format: UInt32(PNG_FORMAT_RGB) | UInt32(PNG_FORMAT_FLAG_ALPHA), channels: 4)
    }

    /// The A1111 / ComfyUI form: greyscale, white where painted, black where kept, the feather
    /// ramp as greys.
    public static func blackAndWhitePNG(width: Int, height: Int, coverage: [UInt8], feather: Int) throws(ImageEncodingError) -> [UInt8] {
        let alpha = MaskFeather.alpha(width: width, height: height, coverage: coverage, feather: feather)
        return try write(width: width, height: height, pixels: alpha.map { 255 - $0 }, format: UInt32(PNG_FORMAT_GRAY), channels: 1)
    }

    /// The A1111 / ComfyUI form of a mask given in OpenAI's form (a PNG whose transparent
    /// pixels mark what to repaint): grey = 255 − alpha, so a fully transparent pixel is white
    /// and a feathered edge stays a ramp. The picture's colours are ignored.
    public static func blackAndWhitePNG(fromTransparent mask: RGBAImage) throws(ImageEncodingError) -> [UInt8] {
        var grey = [UInt8](repeating: 0, count: mask.width * mask.height)
        mask.pixels.withUnsafeBufferPointer { rgba in
            for index in grey.indices { grey[index] = 255 - rgba[index * 4 + 3] }
        }
        return try write(width: mask.width, height: mask.height, pixels: grey, format: UInt32(PNG_FORMAT_GRAY), channels: 1)
    }

    /// The A1111 / ComfyUI form of a mask that already is one (white = repaint, black = keep,
    /// with or without colour): each pixel's luma (Rec. 601), alpha ignored.
    public static func blackAndWhitePNG(fromLuminance mask: RGBAImage) throws(ImageEncodingError) -> [UInt8] {
        var grey = [UInt8](repeating: 0, count: mask.width * mask.height)
        mask.pixels.withUnsafeBufferPointer { rgba in
            for index in grey.indices {
                let luma = 299 * Int(rgba[index * 4]) + 587 * Int(rgba[index * 4 + 1]) + 114 * Int(rgba[index * 4 + 2])
                grey[index] = UInt8((luma + 500) / 1000)
            }
        }
        return try write(width: mask.width, height: mask.height, pixels: grey, format: UInt32(PNG_FORMAT_GRAY), channels: 1)
    }

    // PNG_FORMAT_RGBA is a compound macro Swift cannot import; it is RGB plus the alpha flag.
    /// One pass of libpng's simplified writer into a buffer of its documented bound.
    private static func write(width: Int, height: Int, pixels: [UInt8], format: UInt32, channels: Int) throws(ImageEncodingError) -> [UInt8] {
        guard width > 0, height > 0 else { throw .emptyImage(width: width, height: height) }
        guard width <= Int(Int32.max) / 4, height <= Int(Int32.max) else {
            throw .imageTooLarge(width: width, height: height, format: "PNG")
        }
        var control = png_image()
        control.version = UInt32(PNG_IMAGE_VERSION)
        control.width = UInt32(width)
        control.height = UInt32(height)
        control.format = format
        // Masks are mostly long runs: the fast settings still compress them to a few KB.
        control.flags = UInt32(PNG_IMAGE_FLAG_FAST)
        let filtered = (width * channels + 1) * height
        let capacity = filtered + (filtered + 7) / 8 + (filtered + 63) / 64 + 11 + 4096
        var written = png_alloc_size_t(capacity)
        var output = [UInt8](repeating: 0, count: capacity)
        let succeeded = output.withUnsafeMutableBytes { output in
            pixels.withUnsafeBytes { pixels in
                png_image_write_to_memory(&control, output.baseAddress, &written, 0, pixels.baseAddress, Int32(width * channels), nil)
            }
        }
        png_image_free(&control)
        guard succeeded != 0 else { throw .pngLibraryFailure("libpng could not write the mask") }
        output.removeLast(capacity - Int(written))
        return output
    }
}
