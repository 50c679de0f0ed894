// The library every notebook cell links: the deep-learning DSL, data frames and the display
// protocol, re-exported so one `import NotebookRuntime` brings them all.
@_exported import Frames
@_exported import Neural
@_exported import NotebookDisplay
