/// The default series colours: Okabe and Ito's palette, distinguishable with the common forms of
/// colour blindness and readable on a white background.
enum Palette {
    static let colors = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

    /// The colour of the series at `index`.
    static func color(at index: Int) -> String { colors[index % colors.count] }
}
