import Foundation
import TestSupport
import Testing
import TrainingKernels
@testable import Neural

/// Our elementary functions against glibc's (an independent implementation) to within a few
/// units in the last place, their special values, and a golden digest of their bits over a sweep
/// (which glibc's own, chosen per CPU, could not promise).
@Suite struct ReproducibleMathTests {
    struct Function: Sendable, CustomTestStringConvertible {
        let name: String
        let ours: @Sendable (Double) -> Double
        let glibc: @Sendable (Double) -> Double
        let domain: @Sendable (Double) -> Bool
        var testDescription: String { name }
    }

    static let functions = [
        Function(name: "exp", ours: reproducible_exp, glibc: Foundation.exp, domain: { _ in true }),
        Function(name: "expm1", ours: reproducible_expm1, glibc: Foundation.expm1, domain: { _ in true }),
        Function(name: "log", ours: reproducible_log, glibc: Foundation.log, domain: { $0 > 0 }),
        Function(name: "log1p", ours: reproducible_log1p, glibc: Foundation.log1p, domain: { $0 > -1 }),
        Function(name: "tanh", ours: reproducible_tanh, glibc: Foundation.tanh, domain: { _ in true }),
    ]

    /// Arguments from tiny to the edges of overflow, both signs, and the boundaries of each range reduction.
    static let sweep: [Double] = {
        var random = SeededRandom(seed: 9)
        var values: [Double] = [0.34657359027997264, -0.34657359027997264, 0.41421356237309515, -0.2928932188134524,
                                1, -1, 0.5, 2, 1e-300, 5e-324, 709.7, -745, 22, -22, 40, -40]
        for scale in [1e-12, 1e-6, 0.01, 0.5, 1, 3, 30, 700] {
            values += (0..<4000).map { _ in Double(random.nextFloat(in: -1, 1)) * scale }
        }
        return values
    }()

    static func ulpsApart(_ a: Double, _ b: Double) -> Double {
        if a == b || (a.isNaN && b.isNaN) { return 0 }
        return abs(a - b) / b.ulp
    }

    @Test(arguments: functions)
    func agreesWithGlibcToAFewUlps(_ f: Function) {
        for x in Self.sweep where f.domain(x) {
            let expected = f.glibc(x)
            #expect(Self.ulpsApart(f.ours(x), expected) <= 4, "\(f.name)(\(x)) = \(f.ours(x)), glibc \(expected)")
        }
    }

    @Test func specialValuesAreTheStandardOnes() {
        #expect(reproducible_exp(0) == 1 && reproducible_exp(.infinity) == .infinity && reproducible_exp(-.infinity) == 0)
        #expect(reproducible_exp(710) == .infinity && reproducible_exp(-746) == 0 && reproducible_exp(.nan).isNaN)
        #expect(reproducible_expm1(-0.0).sign == .minus && reproducible_expm1(-50) == -1)
        #expect(reproducible_log(1) == 0 && reproducible_log(0) == -.infinity && reproducible_log(-1).isNaN)
        #expect(reproducible_log(.infinity) == .infinity && reproducible_log(.nan).isNaN)
        #expect(reproducible_log1p(-1) == -.infinity && reproducible_log1p(-2).isNaN && reproducible_log1p(-0.0).sign == .minus)
        #expect(reproducible_tanh(30) == 1 && reproducible_tanh(-30) == -1 && reproducible_tanh(-0.0).sign == .minus)
        #expect(reproducible_pow_int(0.9, 0) == 1 && reproducible_pow_int(2, 10) == 1024 && reproducible_pow_int(2, -2) == 0.25)
    }

    @Test func powersOfTenAndDecimalExponentsAreExact() {
        for e in -22...22 {
            #expect(reproducible_power_of_ten(Int32(e)) == Double("1e\(e)")!)
            #expect(reproducible_decimal_exponent(Double("1e\(e)")!) == e)
            #expect(reproducible_decimal_exponent(Double("1e\(e)")!.nextDown) == e - 1)
        }
        #expect(reproducible_decimal_exponent(0.25) == -1 && reproducible_decimal_exponent(999) == 2)
    }

    /// Recorded once on an AMD EPYC (Zen 4); any machine that computes one bit differently fails.
    static let goldenDigest = "0x51603cae78888883"

    @Test func theSweepsBitsMatchTheGoldenDigest() {
        var digest = BitDigest()
        for f in Self.functions { digest.add(Self.sweep.filter(f.domain).map(f.ours)) }
        digest.add(Self.sweep.map { reproducible_pow_int(abs($0) + 0.5, 37) })
        #expect(digest.hex == Self.goldenDigest)
    }
}
