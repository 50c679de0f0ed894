import ArgumentParser
import Foundation
import NotebookExecution
import NotebookFormat
import Reports

/// Where and what `nbrun` writes.
struct OutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The folder for reports and executed notebooks (default: each notebook's folder).", valueName: "dir"))
    var outputDir: String?

    @Option(help: ArgumentHelp("What to write: html, ipynb or both (html,ipynb).", valueName: "formats"))
    var to = "html,ipynb"

    @Flag(help: "Write the executed notebook over its source (default: NAME.nbrun.ipynb beside it).")
    var inPlace = false

    @Option(help: ArgumentHelp("The title of the index page written for several notebooks in one folder.", valueName: "title"))
    var title = "Notebooks"

    var formats: Set<String> { Set(to.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }) }

    func validate() throws {
        guard !formats.isEmpty, formats.isSubset(of: ["html", "ipynb"]) else {
            throw ValidationError("--to takes html, ipynb or html,ipynb, not '\(to)'")
        }
    }
}

/// Writes reports and executed notebooks, each through a temporary file (nothing half-written),
/// and for several notebooks in one folder an index page and previous/next links.
struct ReportWriter {
    let options: OutputOptions

    /// Writes the results; returns a line per file written, for the user.
    ///
    /// - Throws: `NotebookFileError` for a folder or file that cannot be written.
    func write(_ results: [(path: String, result: NotebookRunResult)]) throws -> [String] {
        var lines: [String] = []
        let pages = results.map { (folder: folder(for: $0.path), name: baseName($0.path), result: $0.result) }
        let folders = Dictionary(grouping: pages.indices, by: { pages[$0].folder })
        for (folder, indices) in folders.sorted(by: { $0.key < $1.key }) {
            try createFolder(folder)
            let isCourse = indices.count > 1 && options.formats.contains("html")
            for (order, index) in indices.enumerated() {
                let page = pages[index]
                if options.formats.contains("html") {
                    let links = isCourse ? SiteLinks(
                        index: .init(title: options.title, href: "index.html"),
                        previous: order > 0 ? link(to: pages[indices[order - 1]]) : nil,
                        next: order + 1 < indices.count ? link(to: pages[indices[order + 1]]) : nil) : nil
                    let path = folder + "/" + page.name + ".html"
                    try AtomicFile.write(Data(page.result.report.page(facts: page.result.facts, links: links).utf8), to: path)
                    lines.append(path)
                }
                if options.formats.contains("ipynb") {
                    let path = notebookPath(for: results[index].path, folder: folder, name: page.name)
                    try page.result.notebook.write(to: path)
                    lines.append(path)
                }
            }
            if isCourse {
                let entries = indices.map { index in
                    let page = pages[index]
                    return CourseIndex.Entry(title: page.result.report.title, summary: page.result.report.summary,
                                             href: page.name + ".html", facts: Self.facts(page.result))
                }
                let path = folder + "/index.html"
                try AtomicFile.write(Data(CourseIndex.page(title: options.title, entries: entries).utf8), to: path)
                lines.append(path)
            }
        }
        return lines
    }

    /// `3 cells executed, 9 from the cache, in 1.20 s`.
    static func facts(_ result: NotebookRunResult) -> String {
        "\(result.executedCells) cell\(result.executedCells == 1 ? "" : "s") executed, \(result.cachedCells) from the cache, "
            + "in \(String(format: "%.2f", result.facts.totalSeconds)) s"
    }

    private func link(to page: (folder: String, name: String, result: NotebookRunResult)) -> SiteLinks.Link {
        SiteLinks.Link(title: page.result.report.title, href: page.name + ".html")
    }

    private func folder(for notebook: String) -> String {
        if let outputDir = options.outputDir { return outputDir.hasSuffix("/") && outputDir.count > 1 ? String(outputDir.dropLast()) : outputDir }
        let folder = (notebook as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    private func baseName(_ notebook: String) -> String {
        ((notebook as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    /// The executed notebook's path: `NAME.ipynb` in the folder, unless that is the source itself
    /// and `--in-place` was not given: then `NAME.nbrun.ipynb`.
    private func notebookPath(for source: String, folder: String, name: String) -> String {
        let path = folder + "/" + name + ".ipynb"
        let same = URL(fileURLWithPath: path).standardizedFileURL.path == URL(fileURLWithPath: source).standardizedFileURL.path
        return same && !options.inPlace ? folder + "/" + name + ".nbrun.ipynb" : path
    }

    private func createFolder(_ folder: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw NotebookFileError(path: folder, problem: "cannot be created (\(error.localizedDescription))")
        }
    }
}
