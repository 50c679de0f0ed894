internal import Synchronization

/// What a display call asks the host (the notebook runner, a test) to show.
public enum DisplayEvent: Sendable, Equatable, Codable {
    /// Show a new output; with an id, later updates can replace it in place.
    /// Jupyter: `display_data`.
    case display(MIMEBundle, id: String?)
    /// Replace the output shown under `id`. Jupyter: `update_display_data`.
    case update(MIMEBundle, id: String)
    /// Clear the cell's outputs, at once or (`wait`) when the next output arrives. Jupyter: `clear_output`.
    case clear(wait: Bool)
    /// The value of the cell's last expression. Jupyter: `execute_result`.
    case result(MIMEBundle)
}

/// Receives display events; the host installs one with `DisplayHost.install(_:)`.
///
/// The runtime knows nothing of Jupyter: the cell runner installs a sink that forwards events to
/// the kernel; tests install one that records them. Without a sink, displays print `text/plain`.
public protocol DisplaySink: Sendable {
    /// Handles one event, in the order the cell produced it.
    func receive(_ event: DisplayEvent)
}

/// The installed sink, shared by every cell of the process (one copy: the runtime is one library).
private let installedSink = Mutex<(any DisplaySink)?>(nil)
/// The qualifiers values' text leaves out.
private let hiddenModuleNames = Mutex(HiddenModules.standardLibrary)

/// Where display events go: the process-wide sink installed by whoever hosts the runtime.
public enum DisplayHost {
    /// Makes `sink` receive every display event from now on; nil goes back to printing text.
    public static func install(_ sink: (any DisplaySink)?) {
        installedSink.withLock { $0 = sink }
    }

    /// Makes values' `text/plain` leave out these modules' qualifiers from now on.
    public static func hideModules(_ modules: HiddenModules) {
        hiddenModuleNames.withLock { $0 = modules }
    }

    /// The qualifiers values' `text/plain` leaves out.
    public static var hiddenModules: HiddenModules { hiddenModuleNames.withLock { $0 } }
}

/// Hands an event to the installed sink, or prints its text when there is none.
func publish(_ event: DisplayEvent) {
    if let sink = installedSink.withLock({ $0 }) {
        sink.receive(event)
        return
    }
    switch event {
    case let .display(bundle, _), let .update(bundle, _), let .result(bundle):
        print(bundle.plainText ?? "")
    case .clear:
        break
    }
}
