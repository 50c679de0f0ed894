// Benchmarks of `fit` on the two tutorial configurations, printed as text and as one JSON line each
// (`RESULT {...}`) for scripts/bench.sh, which runs the PyTorch, Keras and NumPy references beside it.
//
//     swift run -c release neural-bench [--runs 5] [path/to/winequality-red.csv]
import ArgumentParser
import BLAS
import Charts
import Foundation
import Frames
import Neural
import WineTutorial

/// The command line (swift-argument-parser).
struct NeuralBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "neural-bench", abstract: "fit on the two tutorial configurations and the digits convnet, their matrix products alone, reading the wine CSV, a large chart.")

    @Option(help: "Timed fits of each configuration (the median is reported).")
    var runs = 5

    @Argument(help: "The red-wine CSV.")
    var csv = "notebooks/data/winequality-red.csv"

    func validate() throws {
        guard runs > 0 else { throw ValidationError("--runs must be at least 1") }
    }
}

let options = NeuralBench.parseOrExit()
let (runs, path) = (options.runs, options.csv)

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func json(_ fields: [(String, Any)]) -> String {
    "{" + fields.map { key, value in
        let text = (value as? [Double]).map { "[" + $0.map { String(format: "%.6f", $0) }.joined(separator: ", ") + "]" }
            ?? (value as? Double).map { String(format: "%.6f", $0) } ?? "\(value)"
        return "\"\(key)\": \(text)"
    }.joined(separator: ", ") + "}"
}

/// The red-wine tutorial: 1119 rows, 11 -> 512x3 -> 1, Adam, MAE, batch 256, 10 epochs; with our
/// reproducible matrix products (`swift_wine`) and with OpenBLAS's (`swift_wine_openblas`).
func benchmarkWine() throws {
    var data: WineData!
    let loadTime = try seconds { data = try WineData(csv: path) }
    print("wine: data load + split + scale \(String(format: "%.4f", loadTime)) s")
    for (script, kernels) in [("swift_wine", reproducible), ("swift_wine_openblas", openBLAS)] {
        try NumericKernels.with(kernels) {
            _ = try makeWineModel(seed: 0).fit(data.xTrain, data.yTrain, batchSize: 256, epochs: 10,
                                                 validationData: (data.xValid, data.yValid), verbose: 0)
            var times: [Double] = [], finals: [(Double, Double)] = []
            for run in 1...runs {
                let model = makeWineModel(seed: UInt64(run))
                var history: History!
                let time = try seconds {
                    history = try model.fit(data.xTrain, data.yTrain, batchSize: 256, epochs: 10,
                                            validationData: (data.xValid, data.yValid), verbose: 0)
                }
                times.append(time)
                finals.append((history.loss.last!, history.valLoss.last!))
            }
            print("wine (\(kernels)): fit times " + times.map { String(format: "%.3f", $0) }.joined(separator: " ")
                  + String(format: "  median %.3f s", median(times)))
            print("wine (\(kernels)): final (loss, val_loss) " + finals.map { String(format: "(%.4f, %.4f)", $0.0, $0.1) }.joined(separator: ", "))
            print("RESULT " + json([("script", "\"\(script)\""), ("fit_median_s", median(times)), ("fit_s", times),
                                    ("final_loss", finals.map(\.0)), ("final_val_loss", finals.map(\.1))]))
        }
    }
}

/// The perceptron: 1000 synthetic rows, 4 -> 6 relu -> 6 relu -> 2 relu, SGD(0.01), MAE, batch 32, 100 epochs.
func benchmarkPerceptron() throws {
    var random = SeededRandom(seed: 42)
    let rows = 1000
    var x = [Float](), y = [Float]()
    for _ in 0..<rows {
        let features = (0..<4).map { _ in random.nextUnitFloat() }
        x += features
        y += [0.5 * features[0] + 0.3 * features[1] + 0.2 + 0.05 * (random.nextUnitFloat() - 0.5),
              0.4 * features[2] + 0.6 * features[3] * features[0] + 0.05 * (random.nextUnitFloat() - 0.5)]
    }
    let xs = try Tensor(shape: [rows, 4], scalars: x), ys = try Tensor(shape: [rows, 2], scalars: y)
    func makeModel(_ seed: UInt64) -> Sequential {
        let model = Sequential(seed: seed) {
            Dense(6, .relu, inputShape: [4])
            Dense(6, .relu)
            Dense(2, .relu)
        }
        model.compile(optimizer: SGD(learningRate: 0.01), loss: .meanAbsoluteError)
        return model
    }
    _ = try makeModel(0).fit(xs, ys, batchSize: 32, epochs: 100, verbose: 0)
    var times: [Double] = [], finals: [Double] = []
    for run in 1...runs {
        let model = makeModel(UInt64(run))
        var history: History!
        times.append(try seconds { history = try model.fit(xs, ys, batchSize: 32, epochs: 100, verbose: 0) })
        finals.append(history.loss.last!)
    }
    let steps = Double(100 * ((rows + 31) / 32))
    print("perceptron: fit times " + times.map { String(format: "%.3f", $0) }.joined(separator: " ")
          + String(format: "  median %.3f s, %.1f us/step", median(times), median(times) / steps * 1e6))
    print("perceptron: final loss " + finals.map { String(format: "%.4f", $0) }.joined(separator: " "))
    print("RESULT " + json([("script", "\"swift_perceptron\""), ("fit_median_s", median(times)),
                            ("us_per_step", median(times) / steps * 1e6), ("final_loss", finals)]))
}

/// The matrix products of one wine `fit` alone (forward, both backward products per layer,
/// validation forward passes), with the same shapes and count: the floor that `fit` cannot beat,
/// with our products and with OpenBLAS's. Then each of the tutorial's three large product shapes
/// alone, in GFLOP/s, ours beside OpenBLAS's.
func benchmarkMatrixProducts() {
    let sizes = [11, 512, 512, 512, 1]
    var random = SeededRandom(seed: 1)
    func randomTensor(_ rows: Int, _ columns: Int) -> Tensor {
        try! Tensor(shape: [rows, columns], scalars: (0..<rows * columns).map { _ in random.nextUnitFloat() })
    }
    let kernels = (0..<4).map { randomTensor(sizes[$0], sizes[$0 + 1]) }
    func oneFit() {
        for _ in 0..<10 {
            for batchRows in [256, 256, 256, 256, 95] {
                var activations = [randomTensor(batchRows, 11)]
                for kernel in kernels { activations.append(matmul(activations.last!, kernel)) }
                for layer in (0..<4).reversed() {
                    let delta = activations[layer + 1]
                    _ = matmul(activations[layer], transposeA: true, delta, transposeB: false)
                    _ = matmul(delta, transposeA: false, kernels[layer], transposeB: true)
                }
            }
            for validationRows in [256, 224] {
                var activation = randomTensor(validationRows, 11)
                for kernel in kernels { activation = matmul(activation, kernel) }
            }
        }
    }
    for (script, setting) in [("swift_gemm_floor", reproducible), ("swift_gemm_floor_openblas", openBLAS)] {
        NumericKernels.with(setting) {
            oneFit()
            var times: [Double] = []
            for _ in 1...runs { times.append(seconds(oneFit)) }
            print("wine: matrix products alone (\(setting)) median \(String(format: "%.3f", median(times))) s")
            print("RESULT " + json([("script", "\"\(script)\""), ("fit_median_s", median(times))]))
        }
    }
    // (name, m, k, n, transposeA, transposeB): a hidden layer's forward product, its kernel gradient, its input gradient.
    let shapes = [("forward 256x512 . 512x512", 256, 512, 512, false, false),
                  ("kernel gradient 512x256^T . 256x512", 512, 256, 512, true, false),
                  ("input gradient 256x512 . 512x512^T", 256, 512, 512, false, true)]
    for (name, m, k, n, transposeA, transposeB) in shapes {
        let a = transposeA ? randomTensor(k, m) : randomTensor(m, k), b = transposeB ? randomTensor(n, k) : randomTensor(k, n)
        var rates: [Double] = []
        for setting in [reproducible, openBLAS] {
            NumericKernels.with(setting) {
                let repeats = 50
                _ = matmul(a, transposeA: transposeA, b, transposeB: transposeB)
                var times: [Double] = []
                for _ in 1...runs {
                    times.append(seconds { for _ in 0..<repeats { _ = matmul(a, transposeA: transposeA, b, transposeB: transposeB) } } / Double(repeats))
                }
                rates.append(2 * Double(m * n * k) / median(times) / 1e9)
            }
        }
        print("gemm \(name): " + String(format: "ours %.1f GFLOP/s, OpenBLAS %.1f GFLOP/s (%.2fx)", rates[0], rates[1], rates[0] / rates[1]))
        print("RESULT " + json([("script", "\"gemm \(name)\""), ("ours_gflops", rates[0]), ("openblas_gflops", rates[1])]))
    }
}

/// Reading the wine CSV and converting it to tensors (features and target), median of 50.
func benchmarkCSV() throws {
    var times: [Double] = []
    for _ in 0..<51 {
        times.append(try seconds {
            let wine = try DataFrame(csv: path)
            _ = try wine.dropping(columns: ["quality"]).tensor()
            _ = try wine["quality"].tensor()
        })
    }
    times.removeFirst()
    print("csv: read + tensors median \(String(format: "%.5f", median(times))) s")
    print("RESULT " + json([("script", "\"swift_csv\""), ("median_s", median(times))]))
}

/// Notebook 07's convnet (scripts/reference/common.py describes it for the PyTorch and Keras twins):
/// Conv2D(32, 3, same, relu) -> MaxPooling2D(2) -> Conv2D(64, 3, same, relu) -> MaxPooling2D(2)
/// -> Flatten -> Dense(10, softmax), Adam, sparse categorical cross-entropy, batch 32, 20 epochs
/// over all 1797 images of `digits-8x8.csv` (beside the wine CSV).
func benchmarkDigitsConvnet() throws {
    let digits = try DataFrame(csv: (path as NSString).deletingLastPathComponent + "/digits-8x8.csv")
    let images = try (digits.dropping(columns: ["digit"]).tensor() / 16).reshaped(to: [-1, 8, 8, 1])
    let labels = try digits["digit"].tensor()
    func makeModel(_ seed: UInt64) -> Sequential {
        let model = Sequential(seed: seed) {
            Conv2D(32, 3, padding: .same, activation: .relu, inputShape: [8, 8, 1])
            MaxPooling2D(2)
            Conv2D(64, 3, padding: .same, activation: .relu)
            MaxPooling2D(2)
            Flatten()
            Dense(10, .softmax)
        }
        model.compile(optimizer: Adam(), loss: .sparseCategoricalCrossentropy, metrics: [.sparseCategoricalAccuracy])
        return model
    }
    _ = try makeModel(0).fit(images, labels, batchSize: 32, epochs: 20, verbose: 0)
    var times: [Double] = [], finals: [(Double, Double)] = []
    for run in 1...runs {
        let model = makeModel(UInt64(run))
        var history: History!
        times.append(try seconds { history = try model.fit(images, labels, batchSize: 32, epochs: 20, verbose: 0) })
        finals.append((history.loss.last!, history["sparse_categorical_accuracy"]!.last!))
    }
    print("convnet: fit times " + times.map { String(format: "%.3f", $0) }.joined(separator: " ")
          + String(format: "  median %.3f s", median(times)))
    print("convnet: final (loss, accuracy) " + finals.map { String(format: "(%.4f, %.4f)", $0.0, $0.1) }.joined(separator: ", "))
    print("RESULT " + json([("script", "\"swift_convnet\""), ("fit_median_s", median(times)), ("fit_s", times),
                            ("final_loss", finals.map(\.0)), ("accuracy", finals.map(\.1))]))
}

/// Rendering a 100,000-point line chart to SVG (downsampled per pixel column), median of 10.
func benchmarkLargeChart() {
    let xs = (0..<100_000).map(Double.init)
    let chart = Chart(title: "100k").line(x: xs, y: xs.map { sin($0 / 3000) * $0 / 1e5 })
    var size = 0
    var times: [Double] = []
    for _ in 0..<11 { times.append(seconds { size = chart.svg.utf8.count }) }
    times.removeFirst()
    print("chart: 100k-point line to SVG median \(String(format: "%.4f", median(times))) s, \(size) bytes")
    print("RESULT " + json([("script", "\"swift_chart_100k\""), ("median_s", median(times)), ("bytes", Double(size))]))
}

/// Our reproducible kernels as this process runs them by default, and the same with OpenBLAS's products.
let reproducible = NumericKernels.processDefault
let openBLAS = NumericKernels(variant: reproducible.variant, threads: reproducible.threads, matrixProducts: .openBLAS)

/// Where this run happens: the CPU, our kernels and the BLAS kernels in use (figures only compare within one machine).
func describeMachine() {
    let cpu = CPU.current, blas = OpenBLAS.setup
    print("machine: \(cpu.summary)")
    print("kernels: \(reproducible)")
    print("blas: \(blas.core), \(blas.configuration)")
    let quoted = { (text: String) in "\"" + text.replacingOccurrences(of: "\"", with: "'") + "\"" }
    print("RESULT " + json([("script", quoted("machine")), ("cpu", quoted(cpu.summary)), ("blas_core", quoted(blas.core.name)),
                            ("blas_core_origin", quoted("\(blas.core.origin)")),
                            ("kernels", quoted(reproducible.description))]))
}

do {
    describeMachine()
    benchmarkLargeChart()
    try benchmarkWine()
    benchmarkMatrixProducts()
    try benchmarkPerceptron()
    try benchmarkDigitsConvnet()
    try benchmarkCSV()
} catch {
    FileHandle.standardError.write(Data("neural-bench: \(error)\n".utf8))
    exit(1)
}
