import ArgumentParser
import Foundation
import ResultCache

/// `nbrun cache …`: look into and tidy the cache.
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache", abstract: "List, measure, prune or clear the cache of executed cells.",
        subcommands: [List.self, Stats.self, Clear.self, Prune.self, Invalidate.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The notebooks with cached cells, most recently used first.")
        @OptionGroup var cacheOptions: CacheOptions

        func run() throws {
            let cache = try openCache(cacheOptions.path(for: []), quiet: false)!
            let formatter = ISO8601DateFormatter()
            for entry in try cache.notebooks() {
                print("\(entry.notebook)\t\(entry.cells) cells\t\(entry.reports) report\(entry.reports == 1 ? "" : "s")\tused \(formatter.string(from: entry.lastUsed))")
            }
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "stats", abstract: "How many entries the cache holds, and its size.")
        @OptionGroup var cacheOptions: CacheOptions

        func run() throws {
            let path = cacheOptions.path(for: [])
            let statistics = try openCache(path, quiet: false)!.statistics(filePath: path)
            print("""
                cache: \(path)
                cells: \(statistics.cells)
                shared payloads: \(statistics.payloads)
                reports: \(statistics.reports)
                checkpoints: \(statistics.checkpoints)
                compiled cells: \(statistics.compiledCells)
                content: \(statistics.contentBytes) bytes
                file: \(statistics.fileBytes) bytes
                """)
        }
    }

    struct Clear: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "clear", abstract: "Remove every entry.")
        @OptionGroup var cacheOptions: CacheOptions

        func run() throws {
            let (cells, reports) = try openCache(cacheOptions.path(for: []), quiet: false)!.clear()
            print("removed \(cells) cells and \(reports) reports")
        }
    }

    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "prune", abstract: "Remove the entries not used for a number of days.")
        @OptionGroup var cacheOptions: CacheOptions
        @Option(help: ArgumentHelp("Remove entries last used more than this many days ago.", valueName: "days"))
        var olderThan: Double

        func validate() throws {
            guard olderThan >= 0 else { throw ValidationError("--older-than takes a number of days, 0 or more") }
        }

        func run() throws {
            let (cells, reports) = try openCache(cacheOptions.path(for: []), quiet: false)!.prune(olderThan: olderThan)
            print("removed \(cells) cells and \(reports) reports not used for \(olderThan) days")
        }
    }

    struct Invalidate: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "invalidate", abstract: "Forget a notebook's cells, so its next run executes all of them.")
        @OptionGroup var cacheOptions: CacheOptions
        @Argument(help: ArgumentHelp("The notebook, as it was given to nbrun.", valueName: "notebook"))
        var notebook: String

        func run() throws {
            let (cells, reports) = try openCache(cacheOptions.path(for: [notebook]), quiet: false)!.invalidate(notebook: notebook)
            print("removed \(cells) cells and \(reports) reports of \(notebook)")
        }
    }
}
