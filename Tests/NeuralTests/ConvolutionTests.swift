import Testing
import TestSupport
@testable import Neural

/// Conv2D, pooling, Flatten and Reshape: forward passes against direct loops, gradients against
/// finite differences, shapes and summaries against Keras, and the errors of bad shapes.
@Suite struct ConvolutionTests {
    /// A batch of `count` random images `[height, width, channels]`, values in -1 ..< 1.
    static func images(_ count: Int, _ height: Int, _ width: Int, _ channels: Int, seed: UInt64 = 11) -> Tensor {
        var random = SeededRandom(seed: seed)
        let shape = [count, height, width, channels]
        return Tensor(uncheckedShape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in random.nextFloat(in: -1, 1) })
    }

    func built<L: Layer>(_ layer: L, for image: [Int]) throws -> L {
        var random = SeededRandom(seed: 3)
        _ = try layer.build(inputShape: image, random: &random)
        return layer
    }

    /// The convolution computed the textbook way, in Double, one output at a time.
    static func directConvolution(_ input: Tensor, kernel: Tensor, bias: Tensor, strides: Size2D, padding: Padding) -> [Double] {
        let (batch, height, width, channels) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let (kh, kw, filters) = (kernel.shape[0], kernel.shape[1], kernel.shape[3])
        let outHeight = padding == .valid ? (height - kh) / strides.height + 1 : (height + strides.height - 1) / strides.height
        let outWidth = padding == .valid ? (width - kw) / strides.width + 1 : (width + strides.width - 1) / strides.width
        let top = padding == .valid ? 0 : max(0, (outHeight - 1) * strides.height + kh - height) / 2
        let left = padding == .valid ? 0 : max(0, (outWidth - 1) * strides.width + kw - width) / 2
        var output: [Double] = []
        for b in 0..<batch {
            for i in 0..<outHeight {
                for j in 0..<outWidth {
                    for f in 0..<filters {
                        var sum = Double(bias.scalars[f])
                        for di in 0..<kh {
                            for dj in 0..<kw {
                                let (y, x) = (i * strides.height - top + di, j * strides.width - left + dj)
                                guard y >= 0, y < height, x >= 0, x < width else { continue }
                                for c in 0..<channels {
                                    sum += Double(input.scalars[((b * height + y) * width + x) * channels + c])
                                        * Double(kernel.scalars[((di * kw + dj) * channels + c) * filters + f])
                                }
                            }
                        }
                        output.append(sum)
                    }
                }
            }
        }
        return output
    }

    @Test(arguments: [(Padding.valid, 1), (.valid, 2), (.same, 1), (.same, 2)])
    func aConvolutionIsTheDirectSumOverEachWindow(_ padding: Padding, _ stride: Int) throws {
        let input = Self.images(2, 7, 6, 3)
        let layer = try built(Conv2D(4, [3, 2], strides: Size2D(stride), padding: padding), for: [7, 6, 3])
        var random = SeededRandom(seed: 5)
        layer.bias = Tensor((0..<4).map { _ in random.nextFloat(in: -1, 1) })
        let output = try layer.forward(input, training: false, random: &random)
        let expected = Self.directConvolution(input, kernel: layer.kernel, bias: layer.bias, strides: Size2D(stride), padding: padding)
        let (height, width) = padding == .valid ? ((7 - 3) / stride + 1, (6 - 2) / stride + 1) : ((7 + stride - 1) / stride, (6 + stride - 1) / stride)
        #expect(output.shape == [2, height, width, 4])
        #expect(layer.outputShape == [height, width, 4])
        #expect(zip(output.scalars, expected).allSatisfy { abs(Double($0) - $1) < 1e-5 })
    }

    @Test(arguments: [(Padding.valid, 1, ActivationFunction.linear), (.valid, 2, .tanh), (.same, 1, .sigmoid), (.same, 2, .linear)])
    func convolutionGradientsMatchFiniteDifferences(_ padding: Padding, _ stride: Int, _ activation: ActivationFunction) throws {
        let layer = try built(Conv2D(3, 3, strides: Size2D(stride), padding: padding, activation: activation), for: [5, 6, 2])
        let input = Self.images(2, 5, 6, 2)
        #expect(try GradientCheck.inputGradientError(of: layer, input: input, step: 1e-2) < 2e-2)
        #expect(try GradientCheck.parameterGradientError(of: layer, input: input, step: 1e-2) < 2e-2)
    }

    @Test func maxPoolingKeepsEachWindowsLargestValueAndSendsTheGradientThere() throws {
        let input = Tensor(uncheckedShape: [1, 3, 4, 1], scalars: [1, 5, 2, 0,
                                                                     3, 4, 8, 7,
                                                                     9, 6, 1, 2])
        var random = SeededRandom(seed: 1)
        let valid = try built(MaxPooling2D(2), for: [3, 4, 1])
        #expect(try valid.forward(input, training: true, random: &random).scalars == [5, 8])
        #expect(valid.backward(Tensor(uncheckedShape: [1, 1, 2, 1], scalars: [10, 20])).scalars
                == [0, 10, 0, 0, 0, 0, 20, 0, 0, 0, 0, 0])
        let same = try built(MaxPooling2D(2, padding: .same), for: [3, 4, 1])
        #expect(same.outputShape == [2, 2, 1])
        #expect(try same.forward(input, training: false, random: &random).scalars == [5, 8, 9, 2])
        let overlapping = try built(MaxPooling2D(2, strides: 1), for: [3, 4, 1])
        #expect(try overlapping.forward(input, training: false, random: &random).scalars == [5, 8, 8, 9, 8, 8])
    }

    @Test(arguments: [(Size2D(2), Size2D?.none, Padding.valid), (Size2D(3), Size2D(2), .same), (Size2D(height: 2, width: 3), Size2D(1), .valid)])
    func maxPoolingGradientsMatchFiniteDifferences(_ size: Size2D, _ strides: Size2D?, _ padding: Padding) throws {
        let layer = try built(MaxPooling2D(size, strides: strides, padding: padding), for: [5, 6, 2])
        // Distinct values, at least 0.01 apart, so a step of 1e-3 never changes which one is largest.
        var random = SeededRandom(seed: 4)
        var values = (0..<120).map { Float($0) / 100 }
        for i in values.indices.reversed() { values.swapAt(i, Int(random.nextUnitFloat() * Float(i + 1)) % (i + 1)) }
        let input = Tensor(uncheckedShape: [2, 5, 6, 2], scalars: values)
        #expect(try GradientCheck.inputGradientError(of: layer, input: input, step: 1e-3) < 1e-2)
    }

    @Test func globalAveragePoolingIsEachChannelsMeanAndSpreadsItsGradient() throws {
        let layer = try built(GlobalAveragePooling2D(), for: [2, 3, 2])
        let input = Tensor(uncheckedShape: [1, 2, 3, 2], scalars: [1, 10, 2, 20, 3, 30, 4, 40, 5, 50, 6, 60])
        var random = SeededRandom(seed: 1)
        #expect(try layer.forward(input, training: true, random: &random) == Tensor([[3.5, 35]]))
        #expect(layer.outputShape == [2])
        #expect(try GradientCheck.inputGradientError(of: layer, input: Self.images(3, 2, 3, 2)) < 1e-3)
    }

    @Test func flattenAndReshapeKeepTheScalarsInOrder() throws {
        let input = Self.images(2, 2, 3, 2)
        var random = SeededRandom(seed: 1)
        let flatten = try built(Flatten(), for: [2, 3, 2])
        let flat = try flatten.forward(input, training: true, random: &random)
        #expect(flat.shape == [2, 12] && flat.scalars == input.scalars)
        #expect(flatten.backward(flat).shape == [2, 2, 3, 2])
        let reshape = try built(Reshape([-1, 4]), for: [2, 3, 2])
        #expect(reshape.outputShape == [3, 4])
        let reshaped = try reshape.forward(input, training: true, random: &random)
        #expect(reshaped.shape == [2, 3, 4] && reshaped.scalars == input.scalars)
        #expect(reshape.backward(reshaped) == input)
        var other = SeededRandom(seed: 1)
        #expect(throws: NeuralError.invalidReshape(from: [2, 3, 2], to: [5, -1])) { try Reshape([5, -1]).build(inputShape: [2, 3, 2], random: &other) }
    }

    @Test func theKerasMNISTConvnetHasKerasShapesNamesAndParameterCounts() {
        let model = Sequential(seed: 1) {
            Conv2D(32, 3, activation: .relu, inputShape: [28, 28, 1])
            MaxPooling2D(2)
            Conv2D(64, [3, 3], activation: .relu)
            MaxPooling2D(poolSize: [2, 2])
            Flatten()
            Dropout(0.5)
            Dense(10, .softmax)
        }
        let rows = model.summaryTable.rows
        #expect(rows.map(\.layer) == ["conv2d (Conv2D)", "max_pooling2d (MaxPooling2D)", "conv2d_1 (Conv2D)",
                                      "max_pooling2d_1 (MaxPooling2D)", "flatten (Flatten)", "dropout (Dropout)", "dense (Dense)"])
        #expect(rows.map(\.outputShape) == ["(None, 26, 26, 32)", "(None, 13, 13, 32)", "(None, 11, 11, 64)", "(None, 5, 5, 64)",
                                            "(None, 1600)", "(None, 1600)", "(None, 10)"])
        #expect(rows.map(\.parameterCount) == [320, 0, 18_496, 0, 0, 0, 16_010])
        #expect(model.summaryTable.description.hasSuffix("""
         Total params: 34,826 (136.04 KB)
         Trainable params: 34,826 (136.04 KB)
         Non-trainable params: 0 (0.00 B)
        """))
        #expect(Sequential { GlobalAveragePooling2D(inputShape: [8, 8, 3]); Reshape([3, 1]) }.layers.map(\.name)
                == ["global_average_pooling2d", "reshape"])
    }

    @Test func glorotUniformCountsTheWindowInTheFans() throws {
        let layer = try built(Conv2D(8, 3), for: [6, 6, 2])
        let limit = (6 / Float(3 * 3 * 2 + 3 * 3 * 8)).squareRoot()
        #expect(layer.kernel.shape == [3, 3, 2, 8] && layer.bias == Tensor(zeros: [8]))
        #expect(layer.kernel.scalars.allSatisfy { abs($0) <= limit } && layer.kernel.scalars.contains { abs($0) > limit * 0.9 })
    }

    @Test func aConvnetTrainsAndItsWeightsAreTheSameForTheSameSeed() throws {
        func trained() throws -> (History, [Tensor]) {
            let x = Self.images(16, 6, 6, 1, seed: 2)
            let y = Tensor((0..<16).map { row in [x.scalars[row * 36 ..< row * 36 + 36].reduce(0, +) > 0 ? 1 : 0] })
            let model = Sequential(seed: 5) {
                Conv2D(4, 3, padding: .same, activation: .relu, inputShape: [6, 6, 1])
                MaxPooling2D(2)
                Conv2D(4, 2, strides: 2)
                Flatten()
                Dense(1, .sigmoid)
            }
            model.compile(optimizer: Adam(learningRate: 0.01), loss: .binaryCrossentropy)
            return (try model.fit(x, y, batchSize: 4, epochs: 8, verbose: .silent), model.weights)
        }
        let (history, weights) = try trained()
        #expect(history.loss.last! < history.loss.first!)
        let (again, sameWeights) = try trained()
        #expect(again == history && sameWeights == weights)
    }

    @Test func imageLayersNameTheShapeTheyNeed() throws {
        var random = SeededRandom(seed: 1)
        #expect(throws: NeuralError.notImages(layer: "conv2d", actual: [64])) { try Conv2D(8, 3).build(inputShape: [64], random: &random) }
        #expect(throws: NeuralError.windowLargerThanImage(layer: "max_pooling2d", window: [4, 4], image: [3, 3])) {
            try MaxPooling2D(4).build(inputShape: [3, 3, 1], random: &random)
        }
        #expect(throws: NeuralError.invalidArgument(name: "Conv2D filters", value: "0", expected: "a positive number")) {
            try Conv2D(0, 3).build(inputShape: [8, 8, 1], random: &random)
        }
        #expect(throws: NeuralError.invalidArgument(name: "conv2d's strides", value: "0×0", expected: "positive")) {
            try Conv2D(2, 3, strides: 0).build(inputShape: [8, 8, 1], random: &random)
        }
        let model = Sequential { Conv2D(2, 3, inputShape: [8, 8, 1]); Flatten(); Dense(1) }
        model.compile(loss: .mse)
        #expect(throws: NeuralError.shapeMismatch(layer: "conv2d", expected: [8, 8, 1], actual: [64])) {
            try model.fit(Tensor(zeros: [4, 64]), Tensor(zeros: [4, 1]), verbose: .silent)
        }
        #expect("\(NeuralError.notImages(layer: "conv2d", actual: [64]))".contains("Reshape([8, 8, 1])"))
    }
}
