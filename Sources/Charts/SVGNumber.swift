/// Appends `value` with two decimals and no trailing zeros (`12.5`, `3`, `-0.25`): short,
/// deterministic coordinates without going through `String(format:)` for every point.
func appendCoordinate(_ value: Double, to output: inout String) {
    let hundredths = Int((value * 100).rounded())
    if hundredths < 0 { output += "-" }
    let magnitude = hundredths.magnitude
    output += String(magnitude / 100)
    let fraction = magnitude % 100
    if fraction != 0 {
        output += fraction % 10 == 0 ? ".\(fraction / 10)" : (fraction < 10 ? ".0\(fraction)" : ".\(fraction)")
    }
}

/// `value` as an SVG coordinate string.
func coordinate(_ value: Double) -> String {
    var text = ""
    appendCoordinate(value, to: &text)
    return text
}
