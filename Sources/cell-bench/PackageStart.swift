import CellRunner
import Foundation

/// How long a new session takes to run its first cell, `print(1)`, without packages and after an
/// `%install` of swift-numerics, whose set an earlier session built (from this machine's package
/// mirror); medians of 5 sessions each, the two kinds taking turns.
struct PackageStartMeasurement {
    let withoutSeconds: Double
    let withSeconds: Double
}

func measurePackageStart(workingDirectory: String) throws -> PackageStartMeasurement {
    let install = #"%install '.package(url: "https://github.com/apple/swift-numerics", from: "1.0.0")' Numerics"#
    let configuration = SessionConfiguration(workingDirectory: workingDirectory)
    // Builds the set if no session did before: not what is measured.
    run(try ExecutionSession(configuration: configuration), install)
    var without: [Double] = [], with: [Double] = []
    for _ in 0..<5 {
        without.append(try seconds {
            let session = try ExecutionSession(configuration: configuration)
            run(session, "print(1)")
            session.shutdown()
        })
        with.append(try seconds {
            let session = try ExecutionSession(configuration: configuration)
            run(session, install)
            run(session, "print(1)")
            session.shutdown()
        })
    }
    return PackageStartMeasurement(withoutSeconds: percentile(without, 0.5), withSeconds: percentile(with, 0.5))
}
