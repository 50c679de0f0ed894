// Writes an HTML page of sample charts (the tutorials' loss history, activation functions, a
// single neuron's predictions, scatter/step, gaps and a large series) for a look by eye:
//
//     swift run chart-gallery gallery.html      (scripts/chart-gallery.sh also screenshots it)
import ArgumentParser
import Charts
import Foundation
import Neural

/// The command line (swift-argument-parser).
struct ChartGallery: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "chart-gallery", abstract: "An HTML page of sample charts, for a look by eye.")

    @Argument(help: "Where to write the page.")
    var output = "chart-gallery.html"
}

let output = ChartGallery.parseOrExit().output

let epochs = (1...10).map(Double.init)
let history = Chart(title: "Loss", xLabel: "Epoch", yLabel: "MAE")
    .line(x: epochs, y: [0.2867, 0.1505, 0.1317, 0.1174, 0.1097, 0.1071, 0.1060, 0.1037, 0.1030, 0.1009], label: "loss")
    .line(x: epochs, y: [0.1296, 0.1217, 0.1121, 0.1092, 0.1075, 0.1065, 0.1052, 0.1036, 0.1016, 0.1027], label: "val_loss")
let neuron = Sequential(seed: 3) { Dense(1, inputShape: [1]) }
let xs = linspace(0, 12.57, count: 200)
let charts: [Chart] = [
    history,
    plot(.relu), plot(.elu), plot(.selu), plot(.swish), plot(.sigmoid), plot(.tanh),
    try neuron.plotPredictions(from: -1, to: 1),
    Chart(title: "Scatter and step").scatter(x: xs.map { $0 }, y: xs.map { sin($0) + 0.1 * cos(7 * $0) }, label: "noisy sine")
        .step(x: [0.0, 2, 4, 6, 8, 10, 12], y: [0.0, 1, 0.5, -0.5, -1, 0, 0.5], label: "steps"),
    Chart(title: "Gaps where values are NaN").line(x: [0.0, 1, 2, 3, 4, 5, 6], y: [1, 2, .nan, 3, 2, .infinity, 1], label: "with gaps"),
    Chart(title: "100,000 points, downsampled").line(x: (0..<100_000).map(Double.init),
                                                     y: (0..<100_000).map { sin(Double($0) / 3000) * Double($0) / 1e5 }, label: "signal"),
    Chart(title: "No series yet"),
]
var html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Chart gallery</title>"
html += "<style>body{font-family:sans-serif;margin:16px;background:#f4f4f4} .c{display:inline-block;margin:8px}</style></head><body>\n"
for chart in charts { html += "<div class=\"c\">\(chart.svg)</div>\n" }
html += "</body></html>\n"
try html.write(toFile: output, atomically: true, encoding: .utf8)
print("wrote \(charts.count) charts to \(output)")
