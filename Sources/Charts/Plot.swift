import Neural

/// `count` evenly spaced values from `start` to `end`, both included. NumPy: `np.linspace`.
///
///     linspace(-3, 3, count: 7)   // [-3, -2, -1, 0, 1, 2, 3]
public func linspace(_ start: Double, _ end: Double, count: Int = 100) -> [Double] {
    guard count > 1 else { return count == 1 ? [start] : [] }
    let step = (end - start) / Double(count - 1)
    return (0..<count).map { $0 == count - 1 ? end : start + Double($0) * step }
}

/// A line chart of a function over `from ... to`, sampled at `points` evenly spaced inputs.
///
///     plot(from: -3, to: 3, title: "x²") { $0 * $0 }
public func plot(from start: Double = -3, to end: Double = 3, points: Int = 100, title: String? = nil,
                 _ function: (Float) -> Float) -> Chart {
    let xs = linspace(start, end, count: points)
    return Chart(title: title, xLabel: "x", yLabel: "f(x)")
        .line(x: xs, y: xs.map { Double(function(Float($0))) })
}

/// A line chart of an activation function, titled with its name, as in the Keras tutorial's
/// `Activation('relu')(tf.linspace(-3.0, 3.0, 100))` plot.
///
///     plot(Activation.relu, from: -3, to: 3)
public func plot(_ activation: ActivationFunction, from start: Double = -3, to end: Double = 3,
                 points: Int = 100) -> Chart {
    let xs = linspace(start, end, count: points)
    let ys = activation(Tensor(xs.map(Float.init))).scalars.map(Double.init)
    return Chart(title: activation.rawValue, xLabel: "Input", yLabel: "Output").line(x: xs, y: ys)
}
