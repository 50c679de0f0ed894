import Foundation
internal import TrainingKernels

/// How the runtime's numeric kernels run: the compiled variant, the number of threads a matrix
/// product is split over, and which code multiplies matrices.
///
/// Every variant and every thread count gives the same bits (each output of a matrix product is
/// one chain of fused multiply-adds in a fixed order; the elementwise loops keep their order), so
/// a notebook's numbers are the same on every CPU. Only `matrixProducts: .openBLAS` gives that up
/// for OpenBLAS's speed: its kernels round differently on each CPU model.
///
/// The process default comes from the environment (`SWIFT_NOTEBOOKS_KERNELS=avx512|avx2|portable`,
/// `SWIFT_NOTEBOOKS_THREADS=N`, `SWIFT_NOTEBOOKS_MATMUL=openblas`); `NumericKernels.with(_:_:)`
/// overrides it for one piece of code (the tests run each variant this way).
public struct NumericKernels: Sendable, Equatable, CustomStringConvertible {
    /// The instruction sets the kernels are compiled for.
    public enum Variant: String, Sendable, CaseIterable {
        case avx512, avx2, portable
    }

    /// Which code computes matrix products.
    public enum MatrixProducts: String, Sendable {
        /// Our own kernels: the same bits on every CPU and thread count (the default).
        case reproducible
        /// OpenBLAS `sgemm`: fast, but its rounding depends on the CPU model and thread count.
        case openBLAS = "openblas"
    }

    public var variant: Variant
    /// How many parts a large matrix product is split into, run at once (at least 1).
    public var threads: Int
    public var matrixProducts: MatrixProducts

    public init(variant: Variant, threads: Int, matrixProducts: MatrixProducts = .reproducible) {
        self.variant = variant
        self.threads = Swift.max(1, threads)
        self.matrixProducts = matrixProducts
    }

    /// `avx512, 2 threads, reproducible`.
    public var description: String {
        "\(variant.rawValue), \(threads) thread\(threads == 1 ? "" : "s"), \(matrixProducts == .openBLAS ? "OpenBLAS (not reproducible across CPUs)" : "reproducible")"
    }

    /// The configuration in force here: the innermost `with`, else the process default.
    public static var current: NumericKernels { override ?? processDefault }

    /// Runs `body` with `kernels` in force (on this task or thread, and what it calls).
    public static func with<T>(_ kernels: NumericKernels, _ body: () throws -> T) rethrows -> T {
        try $override.withValue(kernels, operation: body)
    }

    /// The variants this CPU can run, fastest first (`portable` always among them).
    public static var runnableVariants: [Variant] { runnable(on: .current) }

    /// The process default, read once from the environment; a setting it cannot follow is named on stderr.
    public static let processDefault: NumericKernels = {
        let (kernels, problems) = configuration(from: ProcessInfo.processInfo.environment, cpu: .current,
                                                cores: ProcessInfo.processInfo.activeProcessorCount)
        for problem in problems { FileHandle.standardError.write(Data("warning: \(problem)\n".utf8)) }
        return kernels
    }()

    @TaskLocal static var override: NumericKernels?

    /// The environment variables read, and OpenBLAS's name in the last.
    static let variantVariable = "SWIFT_NOTEBOOKS_KERNELS", threadsVariable = "SWIFT_NOTEBOOKS_THREADS",
               matrixProductsVariable = "SWIFT_NOTEBOOKS_MATMUL"

    /// The variants `cpu` can run, fastest first.
    public static func runnable(on cpu: CPU) -> [Variant] {
        var variants: [Variant] = []
        if cpu.features.isSuperset(of: [.avx512F, .avx2, .fma]), kernel_variant_compiled(KERNEL_VARIANT_AVX512) != 0 {
            variants.append(.avx512)
        }
        if cpu.features.isSuperset(of: [.avx2, .fma]), kernel_variant_compiled(KERNEL_VARIANT_AVX2) != 0 {
            variants.append(.avx2)
        }
        return variants + [.portable]
    }

    /// The configuration an environment asks for on `cpu`, and what it asked that cannot be
    /// followed (an unknown name, a variant the CPU lacks, a thread count that is not a positive number).
    public static func configuration(from environment: [String: String], cpu: CPU, cores: Int) -> (NumericKernels, problems: [String]) {
        var problems: [String] = []
        let runnable = runnable(on: cpu)
        var variant = runnable[0]
        if let name = environment[variantVariable], !name.isEmpty {
            if let asked = Variant(rawValue: name.lowercased()), runnable.contains(asked) {
                variant = asked
            } else {
                let known = Variant(rawValue: name.lowercased()) != nil
                problems.append("\(variantVariable)=\(name): \(known ? "this CPU cannot run it" : "not a variant")"
                                + " (this CPU runs \(runnable.map(\.rawValue).joined(separator: ", "))); using \(variant.rawValue)")
            }
        }
        var threads = Swift.max(1, cores)
        if let text = environment[threadsVariable], !text.isEmpty {
            if let asked = Int(text), asked > 0 {
                threads = asked
            } else {
                problems.append("\(threadsVariable)=\(text): not a positive whole number; using \(threads)")
            }
        }
        var products = MatrixProducts.reproducible
        if let name = environment[matrixProductsVariable], !name.isEmpty {
            if let asked = MatrixProducts(rawValue: name.lowercased()) {
                products = asked
            } else {
                problems.append("\(matrixProductsVariable)=\(name): expected reproducible or openblas; using reproducible")
            }
        }
        return (NumericKernels(variant: variant, threads: threads, matrixProducts: products), problems)
    }
}
