import NotebookFormat

/// How a cell's tags and metadata say it appears in a report (the conventions of Jupyter Book,
/// MyST-NB and nbconvert; `remove_input` and `remove-input` are the same tag).
struct CellPresentation: Equatable {
    var removesCell = false
    var removesInput = false
    var removesOutput = false
    var removedStreams: Set<String> = []
    var hidesCell = false
    var hidesInput = false
    var hidesOutput = false
    var scrollsOutput = false

    init(_ cell: NotebookCell) {
        let tags = Set(cell.tags.map { $0.replacingOccurrences(of: "_", with: "-") })
        removesCell = tags.contains("remove-cell")
        removesInput = tags.contains("remove-input")
        removesOutput = tags.contains("remove-output")
        if tags.contains("remove-stdout") { removedStreams.insert("stdout") }
        if tags.contains("remove-stderr") { removedStreams.insert("stderr") }
        hidesCell = tags.contains("hide-cell")
        let jupyter = cell.metadata["jupyter"]
        hidesInput = tags.contains("hide-input") || jupyter?["source_hidden"]?.boolValue == true
        hidesOutput = tags.contains("hide-output") || jupyter?["outputs_hidden"]?.boolValue == true
            || cell.metadata["collapsed"]?.boolValue == true
        scrollsOutput = tags.contains("scroll-output") || cell.metadata["scrolled"]?.boolValue == true
    }
}
