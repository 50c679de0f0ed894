// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "SwiftNotebooks",
    platforms: [.macOS(.v15)],
    products: [
        // The one dynamic library that the runner and every compiled cell link:
        // one copy of the runtime's globals (random seed, display sink).
        .library(name: "NotebookRuntime", type: .dynamic, targets: ["NotebookRuntime"]),
        .executable(name: "swift-cell-runner", targets: ["swift-cell-runner"]),
        .executable(name: "swift-kernel", targets: ["swift-kernel"]),
        .executable(name: "nbrun", targets: ["nbrun"]),
        .executable(name: "neural-bench", targets: ["neural-bench"]),
        .executable(name: "cell-bench", targets: ["cell-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "COpenBLAS", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CMalloc"),
        .systemLibrary(name: "CZeroMQ", providers: [.apt(["libzmq3-dev"])]),
        .target(name: "NotebookDisplay"),
        // The CPU, the choice of numeric kernels, and OpenBLAS loaded at run time with the kernels chosen for this CPU's features.
        .target(name: "CPUFeatures"),
        .target(name: "BLAS", dependencies: ["COpenBLAS", "CPUFeatures", "TrainingKernels"]),
        // Training's kernels (matrix products, elementwise loops) compiled once per instruction set, the
        // same bits from each; elementary functions of our own. Optimised in debug builds too (tests train).
        .target(name: "TrainingKernels", cSettings: [.unsafeFlags(["-O2"])]),
        .target(name: "Neural", dependencies: ["BLAS", "CMalloc", "TrainingKernels"]),
        // The messages between the engine and a runner process, defined once for both sides.
        .target(name: "RunnerProtocol", dependencies: ["NotebookDisplay", "Spawning"]),
        .target(name: "Frames", dependencies: ["Neural", "NotebookDisplay", "Spawning"]),
        .target(name: "Charts", dependencies: ["Neural", "NotebookDisplay", "TrainingKernels"]),
        .target(name: "NotebookRuntime", dependencies: ["Neural", "Frames", "Charts", "NotebookDisplay", "RunnerProtocol"]),
        .target(name: "WineTutorial", dependencies: ["Neural", "Frames"]),
        // The one way the project starts processes (posix_spawn with a descriptor map, close-on-exec pipes).
        .target(name: "CProcessControl"),
        .target(name: "Spawning", dependencies: ["CProcessControl"]),
        .target(name: "CellCompiler", dependencies: [
            "Spawning",
            .product(name: "SwiftSyntax", package: "swift-syntax"),
            .product(name: "SwiftParser", package: "swift-syntax"),
        ]),
        // The cell engine, and where an installation's or a build folder's parts are.
        .target(name: "CellRunner", dependencies: ["CellCompiler", "NotebookDisplay", "RunnerProtocol", "Spawning"]),
        // The nbformat 4 document: read, validate, write as Jupyter does.
        .target(name: "NotebookFormat"),
        // A cell's events as Jupyter output messages and notebook outputs (the kernel's and nbrun's one mapping).
        .target(name: "CellOutputs", dependencies: ["CellRunner", "NotebookFormat", "NotebookDisplay"]),
        // The one SQLite layer (GRDB): shared files, migrations, damaged files moved aside.
        .target(name: "SharedDatabase", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
        // nbrun's SQLite cache of executed cells and rendered reports.
        .target(name: "ResultCache", dependencies: ["NotebookFormat", "SharedDatabase", "CellCompiler", .product(name: "GRDB", package: "GRDB.swift"),
                                                    .product(name: "Crypto", package: "swift-crypto")]),
        .systemLibrary(name: "CCmarkGFM", providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        // Notebooks as self-contained HTML reports (cmark-gfm for Markdown, swift-syntax for highlighting).
        .target(name: "Reports", dependencies: ["NotebookFormat", "NotebookDisplay", "CCmarkGFM",
                                                .product(name: "SwiftIDEUtils", package: "swift-syntax"),
                                                .product(name: "SwiftParser", package: "swift-syntax")]),
        // Running notebooks through the engine with the result cache (nbrun's core).
        .target(name: "NotebookExecution", dependencies: ["CellCompiler", "CellRunner", "CellOutputs", "NotebookFormat", "Reports", "ResultCache",
                                                          "Spawning", .product(name: "Crypto", package: "swift-crypto"),
                                                          .product(name: "SwiftParser", package: "swift-syntax"),
                                                          .product(name: "SwiftSyntax", package: "swift-syntax")]),
        .target(name: "JupyterWire", dependencies: ["CZeroMQ", .product(name: "Crypto", package: "swift-crypto")]),
        // sourcekitd, opened at run time from the toolchain (member completion in the kernel).
        .target(name: "CSourceKit"),
        .target(name: "SwiftKernel", dependencies: ["JupyterWire", "CellRunner", "CellCompiler", "NotebookDisplay", "SharedDatabase", "BLAS", "Spawning", "CellOutputs", "NotebookFormat",
                                                    "CSourceKit", .product(name: "GRDB", package: "GRDB.swift")]),
        .executableTarget(name: "swift-kernel", dependencies: ["SwiftKernel", "CellRunner",
                                                             .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // Swift 5 mode: the runner is C interop over stdio globals (stdout, stderr), which Swift 6 rejects.
        // The C functions between the runner and what it loads (names and signatures), declared once.
        .target(name: "CRunnerABI"),
        .executableTarget(name: "swift-cell-runner", dependencies: ["CRunnerABI", "RunnerProtocol", "Spawning"], swiftSettings: [.swiftLanguageMode(.v5)]),
        // The Swift runtime and Foundation linked in: a fully cached run is mostly process start, and
        // resolving their symbols at each start took a fifth of it (swiftc's own flag, so the
        // toolchain's static Foundation module names the libraries it needs).
        .executableTarget(name: "nbrun", dependencies: ["NotebookExecution", "CellRunner", "NotebookFormat", "Reports", "ResultCache",
                                                      .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          swiftSettings: [.unsafeFlags(["-static-stdlib"])], linkerSettings: [.unsafeFlags(["-static-stdlib"])]),
        .executableTarget(name: "neural-bench", dependencies: ["WineTutorial", "Charts", "BLAS", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(name: "chart-gallery", dependencies: ["Charts", "Neural", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(name: "cell-bench", dependencies: ["CellRunner", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .target(name: "TestSupport", dependencies: ["Neural"], path: "Tests/TestSupport"),
        .testTarget(name: "BLASTests", dependencies: ["BLAS"]),
        .testTarget(name: "NeuralTests", dependencies: ["Neural", "BLAS", "TrainingKernels", "TestSupport"]),
        .testTarget(name: "ReproducibilityTests", dependencies: ["Neural", "BLAS", "WineTutorial", "TestSupport"]),
        .testTarget(name: "FramesTests", dependencies: ["Frames", "Neural", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts", "Neural", "NotebookDisplay", "TestSupport"],
                    exclude: ["Snapshots"]),
        .testTarget(name: "NotebookDisplayTests", dependencies: ["NotebookDisplay"]),
        .testTarget(name: "NotebookRuntimeTests", dependencies: ["NotebookRuntime", "CRunnerABI", "CellRunner", "CellCompiler", "Spawning"]),
        .testTarget(name: "CellCompilerTests", dependencies: ["CellCompiler", .product(name: "SwiftParser", package: "swift-syntax")]),
        .testTarget(name: "SwiftKernelTests", dependencies: ["SwiftKernel", "JupyterWire", "CellOutputs", "CellRunner", "NotebookFormat"],
                    exclude: ["Golden"]),
        .testTarget(name: "CellRunnerTests", dependencies: ["CellRunner", "NotebookDisplay", "Spawning", "TestSupport"]),
        .testTarget(name: "NotebookFormatTests", dependencies: ["NotebookFormat"], exclude: ["Fixtures"]),
        .testTarget(name: "CellOutputsTests", dependencies: ["CellOutputs", "CellRunner", "NotebookFormat", "NotebookDisplay"]),
        .testTarget(name: "ResultCacheTests", dependencies: ["ResultCache", "NotebookFormat", "CellCompiler", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "NotebookFormat", "TestSupport"], exclude: ["Snapshots"]),
        .testTarget(name: "NotebookExecutionTests", dependencies: ["NotebookExecution", "NotebookFormat", "ResultCache", "CellRunner",
                                                                  .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "JupyterWireTests", dependencies: ["JupyterWire"]),
    ],
    swiftLanguageModes: [.v6]
)
