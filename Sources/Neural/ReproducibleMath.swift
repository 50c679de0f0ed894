internal import TrainingKernels

/// The elementary functions of activations, losses and initializers: our own implementations
/// (`reproducible_math.h`), the same bits on every CPU and with every C library, where glibc's
/// `exp`, `log` and `cos` are chosen per CPU feature set. Float results are the double results rounded.
enum ReproducibleMath {
    static func exp(_ x: Double) -> Double { reproducible_exp(x) }
    static func exp(_ x: Float) -> Float { Float(reproducible_exp(Double(x))) }
    static func expm1(_ x: Float) -> Float { Float(reproducible_expm1(Double(x))) }
    static func log(_ x: Double) -> Double { reproducible_log(x) }
    static func log(_ x: Float) -> Float { Float(reproducible_log(Double(x))) }
    static func log1p(_ x: Double) -> Double { reproducible_log1p(x) }
    static func tanh(_ x: Float) -> Float { Float(reproducible_tanh(Double(x))) }
}
