import Testing
@testable import Charts

@Suite struct TicksTests {
    struct Case: Sendable {
        let data: ClosedRange<Double>
        let values: [Double]
        let labels: [String]
    }

    static let cases: [Case] = [
        Case(data: 0...1, values: [0, 0.2, 0.4, 0.6, 0.8, 1], labels: ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]),
        Case(data: 0.1...0.3, values: [0.1, 0.15, 0.2, 0.25, 0.3], labels: ["0.10", "0.15", "0.20", "0.25", "0.30"]),
        Case(data: 1...10, values: [2, 4, 6, 8, 10], labels: ["2", "4", "6", "8", "10"]),
        Case(data: -3...3, values: [-3, -2, -1, 0, 1, 2, 3], labels: ["-3", "-2", "-1", "0", "1", "2", "3"]),
        Case(data: 0...1200, values: [0, 200, 400, 600, 800, 1000, 1200], labels: ["0", "200", "400", "600", "800", "1000", "1200"]),
        Case(data: 0.0985...0.1015, values: [0.0985, 0.099, 0.0995, 0.1, 0.1005, 0.101, 0.1015],
             labels: ["0.0985", "0.0990", "0.0995", "0.1000", "0.1005", "0.1010", "0.1015"]),
    ]

    @Test func dataIsPaddedFivePercentOnEachSideAsMatplotlibDoes() {
        #expect(Ticks(covering: 0...10).range == -0.5...10.5)
        #expect(Ticks(covering: 0...10, fixed: true).range == 0...10)
    }

    @Test(arguments: cases)
    func niceStepsOfOneTwoOrFive(_ c: Case) {
        let ticks = Ticks(covering: c.data)
        #expect(ticks.values.map(ticks.label) == c.labels)
        #expect(zip(ticks.values, c.values).allSatisfy { abs($0 - $1) < 1e-9 })
    }

    @Test func noFloatingPointNoiseInLabels() {
        let ticks = Ticks(covering: 0.1...0.7)
        #expect(!ticks.values.map(ticks.label).contains { $0.count > 5 })
        #expect(ticks.values.map(ticks.label).contains("0.3"))
    }

    @Test func aConstantRangeIsWidened() {
        let ticks = Ticks(covering: 5...5)
        #expect(ticks.range.lowerBound < 5 && ticks.range.upperBound > 5)
        let zero = Ticks(covering: 0...0)
        #expect(zero.range.lowerBound < -1 && zero.range.upperBound > 1)
        #expect(zero.values.first == -1 && zero.values.last == 1)
    }

    @Test func fixedLimitsAreKeptExactly() {
        let ticks = Ticks(covering: 0...1, fixed: true)
        #expect(ticks.range == 0...1)
        #expect(ticks.values.first == 0 && ticks.values.last == 1)
    }

    @Test func negativeZeroPrintsAsZero() {
        #expect(Ticks.fixed(-0.001, decimals: 2) == "0.00")
    }
}
