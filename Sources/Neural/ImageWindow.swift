internal import TrainingKernels

/// A height and a width: a convolution's kernel size, a pooling window, strides. An integer means
/// a square (`3` is 3×3), an array literal gives both (`[3, 5]`), as Keras takes `3` or `(3, 5)`.
public struct Size2D: Sendable, Equatable, Codable, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral {
    public let height: Int
    public let width: Int

    public init(height: Int, width: Int) {
        self.height = height
        self.width = width
    }

    /// A square.
    public init(_ side: Int) {
        self.init(height: side, width: side)
    }

    public init(integerLiteral side: Int) {
        self.init(side)
    }

    /// `[height, width]`; any other count of values makes a size no layer accepts (its build says so).
    public init(arrayLiteral sides: Int...) {
        self.init(height: sides.first ?? 0, width: sides.count == 2 ? sides[1] : 0)
    }

    var isPositive: Bool { height > 0 && width > 0 }
}

/// How a window meets the image's edges. Keras: `padding="valid"` or `"same"`.
public enum Padding: String, Sendable, Equatable, Codable {
    /// Only windows that lie inside the image: the output shrinks by the window's size less one.
    case valid
    /// Enough zeros (for pooling: nothing) around the image that the output is the input's size
    /// divided by the stride, rounded up; the odd one of the padding goes after, as in Keras.
    case same
}

/// A window of `size` moving by `strides` over images of `[height, width, channels]`, and what
/// it leaves: the geometry `Conv2D` and `MaxPooling2D` share.
struct ImageWindow: Equatable {
    let size: Size2D
    let strides: Size2D
    let padding: Padding
    /// One input row: `[height, width, channels]`.
    let image: [Int]

    /// Output rows and columns, and the padding before the first row and column, Keras' way.
    var outputHeight: Int { Self.outputLength(image[0], window: size.height, stride: strides.height, padding: padding) }
    var outputWidth: Int { Self.outputLength(image[1], window: size.width, stride: strides.width, padding: padding) }
    var padTop: Int { Self.padBefore(image[0], output: outputHeight, window: size.height, stride: strides.height) }
    var padLeft: Int { Self.padBefore(image[1], output: outputWidth, window: size.width, stride: strides.width) }

    /// The window over `image`, checked for `layer`.
    ///
    /// - Throws: `NeuralError.notImages` unless `image` is `[height, width, channels]`,
    ///   `.invalidArgument` for a size or stride that is not positive, `.windowLargerThanImage`
    ///   when valid padding leaves no output.
    init(layer: String, size: Size2D, strides: Size2D, padding: Padding, image: [Int]) throws {
        guard image.count == 3, image.allSatisfy({ $0 > 0 }) else { throw NeuralError.notImages(layer: layer, actual: image) }
        guard size.isPositive else {
            throw NeuralError.invalidArgument(name: "\(layer)'s window", value: "\(size.height)×\(size.width)", expected: "positive sides")
        }
        guard strides.isPositive else {
            throw NeuralError.invalidArgument(name: "\(layer)'s strides", value: "\(strides.height)×\(strides.width)", expected: "positive")
        }
        self.size = size
        self.strides = strides
        self.padding = padding
        self.image = image
        guard outputHeight > 0, outputWidth > 0 else {
            throw NeuralError.windowLargerThanImage(layer: layer, window: [size.height, size.width], image: Array(image.prefix(2)))
        }
    }

    private static func outputLength(_ input: Int, window: Int, stride: Int, padding: Padding) -> Int {
        switch padding {
        case .valid: input < window ? 0 : (input - window) / stride + 1
        case .same: (input + stride - 1) / stride
        }
    }

    private static func padBefore(_ input: Int, output: Int, window: Int, stride: Int) -> Int {
        max(0, (output - 1) * stride + window - input) / 2
    }

    /// The geometry for the C loops, for a batch of `batch` images.
    func geometry(batch: Int) -> image_window {
        image_window(batch: batch, height: image[0], width: image[1], channels: image[2],
                     window_height: size.height, window_width: size.width,
                     stride_height: strides.height, stride_width: strides.width,
                     pad_top: padTop, pad_left: padLeft, out_height: outputHeight, out_width: outputWidth)
    }
}
