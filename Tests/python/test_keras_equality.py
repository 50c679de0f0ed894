"""Convolutions equal to Keras: Conv2D (valid and same padding, strides 1 and 2), MaxPooling2D and
a small convnet's training step, on identical float32 weights and inputs, computed by our layers in
a notebook that nbrun runs and by Keras 3 (JAX backend; gradients by jax.grad) here."""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nbrun_support import nbrun, write_notebook  # noqa: E402

TOLERANCE = 1e-5

CONVOLUTIONS = [("valid", 1), ("valid", 2), ("same", 1), ("same", 2)]
POOLINGS = [((2, 2), None, "valid"), ((3, 3), (2, 2), "same"), ((2, 3), (1, 1), "valid")]

# The Swift side: each case's forward pass and the gradients of Σ output · upstream, through the
# layers' public API, written back as JSON.
SWIFT_CELLS = [
    """
    struct Case: Codable {
        let kind: String, inputShape: [Int], input: [Float], upstream: [Float]
        let filters: Int?, window: [Int], strides: [Int], padding: String, kernel: [Float]?, bias: [Float]?
    }
    struct CaseResult: Codable { let output: [Float], inputGradient: [Float], kernelGradient: [Float]?, biasGradient: [Float]? }
    let cases = try JSONDecoder().decode([Case].self, from: Data(contentsOf: URL(fileURLWithPath: "cases.json")))
    """,
    """
    func result(of c: Case) throws -> CaseResult {
        let size = Size2D(height: c.window[0], width: c.window[1]), strides = Size2D(height: c.strides[0], width: c.strides[1])
        let padding: Padding = c.padding == "same" ? .same : .valid
        let layer: any Layer = c.kind == "conv" ? Conv2D(c.filters!, size, strides: strides, padding: padding)
                                                : MaxPooling2D(size, strides: strides, padding: padding)
        var random = SeededRandom(seed: 0)
        _ = try layer.build(inputShape: Array(c.inputShape.dropFirst()), random: &random)
        if let conv = layer as? Conv2D {
            conv.kernel = try Tensor(shape: conv.kernel.shape, scalars: c.kernel!)
            conv.bias = try Tensor(shape: [c.filters!], scalars: c.bias!)
        }
        let output = try layer.forward(try Tensor(shape: c.inputShape, scalars: c.input), training: true, random: &random)
        let inputGradient = layer.backward(try Tensor(shape: output.shape, scalars: c.upstream))
        let gradients = layer.parameters.map(\\.gradient.scalars)
        return CaseResult(output: output.scalars, inputGradient: inputGradient.scalars,
                      kernelGradient: gradients.first, biasGradient: gradients.count > 1 ? gradients[1] : nil)
    }
    try JSONEncoder().encode(try cases.map(result)).write(to: URL(fileURLWithPath: "results.json"))
    """,
    """
    struct Step: Codable { let x: [Float], y: [Float], weights: [[Float]] }
    struct StepResult: Codable { let loss: Double, weights: [[Float]] }
    let step = try JSONDecoder().decode(Step.self, from: Data(contentsOf: URL(fileURLWithPath: "step.json")))
    let model = Sequential {
        Conv2D(4, 3, activation: .relu, inputShape: [8, 8, 1])
        MaxPooling2D(2)
        Conv2D(3, 2, strides: 2, padding: .same, activation: .tanh)
        Flatten()
        Dense(3, .softmax)
    }
    try model.setWeights(try zip(model.weights, step.weights).map { try Tensor(shape: $0.shape, scalars: $1) })
    model.compile(optimizer: SGD(learningRate: 0.1), loss: .categoricalCrossentropy)
    let trained = try model.fit(try Tensor(shape: [8, 8, 8, 1], scalars: step.x), try Tensor(shape: [8, 3], scalars: step.y),
                                batchSize: 8, epochs: 1, shuffle: false, verbose: .silent)
    try JSONEncoder().encode(StepResult(loss: trained.loss[0], weights: model.weights.map(\\.scalars)))
        .write(to: URL(fileURLWithPath: "step-result.json"))
    """,
]


def uniform(rng, shape):
    return rng.uniform(-1, 1, shape).astype("float32")


def keras_gradients(layer, weights, x, upstream):
    """The layer's output, and the gradients of Σ output · upstream for its input and weights."""
    def projected(x, *weights):
        return jnp.sum(layer.stateless_call(list(weights), [], x)[0] * upstream)
    output = np.asarray(layer.stateless_call(weights, [], x)[0])
    gradients = jax.grad(projected, argnums=tuple(range(1 + len(weights))))(x, *weights)
    return output, [np.asarray(g) for g in gradients]


def make_cases(rng):
    cases, expected = [], []
    for padding, stride in CONVOLUTIONS:
        x = uniform(rng, (2, 7, 6, 3))
        layer = keras.layers.Conv2D(4, (3, 2), strides=stride, padding=padding)
        layer.build(x.shape)
        kernel, bias = uniform(rng, (3, 2, 3, 4)), uniform(rng, (4,))
        upstream = uniform(rng, layer.compute_output_shape(x.shape))
        output, (dx, dkernel, dbias) = keras_gradients(layer, [kernel, bias], x, upstream)
        cases.append(dict(kind="conv", inputShape=list(x.shape), input=x.ravel().tolist(), upstream=upstream.ravel().tolist(),
                          filters=4, window=[3, 2], strides=[stride, stride], padding=padding,
                          kernel=kernel.ravel().tolist(), bias=bias.ravel().tolist()))
        expected.append((f"Conv2D {padding} stride {stride}", output, dx, dkernel, dbias))
    for pool, strides, padding in POOLINGS:
        # Distinct values: which input is a window's maximum is then the same for both.
        x = (rng.permutation(2 * 7 * 6 * 3).reshape(2, 7, 6, 3) / 100 - 1).astype("float32")
        layer = keras.layers.MaxPooling2D(pool, strides=strides, padding=padding)
        upstream = uniform(rng, layer.compute_output_shape(x.shape))
        output, (dx,) = keras_gradients(layer, [], x, upstream)
        cases.append(dict(kind="pool", inputShape=list(x.shape), input=x.ravel().tolist(), upstream=upstream.ravel().tolist(),
                          filters=None, window=list(pool), strides=list(strides or pool), padding=padding, kernel=None, bias=None))
        expected.append((f"MaxPooling2D {pool} {strides} {padding}", output, dx, None, None))
    return cases, expected


def assert_close(name, ours, theirs):
    theirs = np.asarray(theirs, dtype="float32").ravel()
    ours = np.asarray(ours, dtype="float32")
    assert ours.shape == theirs.shape, f"{name}: {ours.shape} values, Keras {theirs.shape}"
    scale = max(1.0, float(np.abs(theirs).max()))
    worst = float(np.abs(ours - theirs).max()) / scale
    assert worst <= TOLERANCE, f"{name}: relative difference {worst:.2e}"


@pytest.fixture(scope="module")
def swift_results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("keras")
    rng = np.random.default_rng(2026)
    cases, expected = make_cases(rng)
    (folder / "cases.json").write_text(json.dumps(cases))
    step = make_training_step(rng)
    (folder / "step.json").write_text(json.dumps({k: step[k] for k in ("x", "y", "weights")}))
    notebook = write_notebook(folder / "keras-equality.ipynb", [cell.strip("\n") for cell in SWIFT_CELLS])
    run = nbrun(notebook, "--no-cache", "--to", "ipynb", "--output-dir", folder / "out", cwd=folder, timeout=900)
    assert run.returncode == 0, run.stdout + run.stderr
    results = json.loads((folder / "results.json").read_text())
    return expected, results, step, json.loads((folder / "step-result.json").read_text())


def test_conv2d_and_max_pooling_forward_and_backward_equal_keras(swift_results):
    expected, results, _, _ = swift_results
    assert len(results) == len(CONVOLUTIONS) + len(POOLINGS)
    for (name, output, dx, dkernel, dbias), result in zip(expected, results):
        assert_close(f"{name} output", result["output"], output)
        assert_close(f"{name} input gradient", result["inputGradient"], dx)
        if dkernel is not None:
            assert_close(f"{name} kernel gradient", result["kernelGradient"], dkernel)
            assert_close(f"{name} bias gradient", result["biasGradient"], dbias)


def make_training_step(rng):
    """One SGD step of a small convnet in Keras, from weights drawn here: the loss before it and
    the weights after it."""
    model = keras.Sequential([
        keras.Input((8, 8, 1)),
        keras.layers.Conv2D(4, 3, activation="relu"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Conv2D(3, 2, strides=2, padding="same", activation="tanh"),
        keras.layers.Flatten(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    weights = [uniform(rng, w.shape) * 0.5 for w in model.get_weights()]
    model.set_weights(weights)
    x = uniform(rng, (8, 8, 8, 1))
    y = np.eye(3, dtype="float32")[rng.integers(0, 3, 8)]
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="categorical_crossentropy")
    loss = float(model.train_on_batch(x, y))
    return dict(x=x.ravel().tolist(), y=y.ravel().tolist(), weights=[w.ravel().tolist() for w in weights],
                loss=loss, trained=[w.ravel() for w in model.get_weights()])


def test_a_convnets_training_step_equals_keras(swift_results):
    _, _, step, result = swift_results
    assert abs(result["loss"] - step["loss"]) <= TOLERANCE * max(1.0, abs(step["loss"])), (result["loss"], step["loss"])
    for index, (ours, theirs) in enumerate(zip(result["weights"], step["trained"])):
        assert_close(f"weight {index} after the step", ours, theirs)
