// The library every notebook cell links: the deep-learning DSL, data frames, charts and the display
// protocol, re-exported so one `import NotebookRuntime` brings them all.
@_exported import Charts
@_exported import Frames
@_exported import Neural
@_exported import NotebookDisplay

/// This library's module and the modules it re-exports (above): what a notebook's values show
/// without a qualifier.
let runtimeModules: Set<String> = ["NotebookRuntime", "Charts", "Frames", "Neural", "NotebookDisplay"]
