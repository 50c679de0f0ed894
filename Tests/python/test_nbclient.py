"""nbclient executes a notebook of several Swift cells with our kernel, as `jupyter nbconvert --execute` does."""
import nbformat
from nbclient import NotebookClient

from nbrun_support import merged_streams


def swift_notebook(cells):
    """A notebook for our kernel with these cells."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "swift", "display_name": "Swift", "language": "swift"}
    notebook.cells = cells
    return notebook


def stdout(cell):
    """A cell's standard output: the kernel, as ipykernel, may send one print in several stream messages."""
    return "".join(output["text"] for output in merged_streams(cell.outputs) if output.get("name") == "stdout")


def test_a_notebook_runs_cell_by_cell(kernelspec_dir):
    notebook = swift_notebook([
        nbformat.v4.new_markdown_cell("# Red wine, in two cells"),
        nbformat.v4.new_code_cell("let model = Sequential(seed: 1) { Dense(4, .relu, inputShape: [2]); Dense(1) }"),
        nbformat.v4.new_code_cell("model.summaryTable"),
        nbformat.v4.new_code_cell('print("layers:", model.layers.count)'),
        nbformat.v4.new_code_cell("plot(Activation.tanh)"),
    ])
    NotebookClient(notebook, timeout=120, kernel_name="swift").execute()
    summary, printed, chart = notebook.cells[2], notebook.cells[3], notebook.cells[4]
    assert summary.outputs[0]["output_type"] == "execute_result"
    assert "dense (Dense)" in summary.outputs[0]["data"]["text/html"]
    assert printed.outputs == [nbformat.v4.new_output("stream", name="stdout", text="layers: 2\n")]
    assert chart.outputs[0]["data"]["image/svg+xml"].startswith("<svg")
    assert [cell.execution_count for cell in notebook.cells[1:]] == [1, 2, 3, 4]


NUMERICS = "%install '.package(url: \"https://github.com/apple/swift-numerics\", from: \"1.0.0\")' Numerics"


def test_a_notebook_installs_a_package_and_uses_the_kernels_commands(kernelspec_dir):
    # SwiftPM resolves github.com from this machine's package mirror: no network.
    notebook = swift_notebook([nbformat.v4.new_code_cell(source) for source in [
        NUMERICS,
        "import Numerics\nlet z = Complex(3.0, 4.0)\nprint(z.length)",
        "let scale = 2.5\nvar label = \"wine\"",
        "%who",
        "%whos",
        "%timeit (z * z).real",
    ]])
    # The first install builds the package (optimised), which takes a while on two cores.
    NotebookClient(notebook, timeout=900, kernel_name="swift").execute()
    install, used, _, who, whos, timeit = notebook.cells
    assert install.outputs[-1]["output_type"] == "display_data"
    assert install.outputs[-1]["data"]["text/plain"] == "Installed swift-numerics 1.1.1: Numerics"
    assert stdout(used) == "5.0\n"
    assert stdout(who) == "label\tscale\tz\n"
    table = stdout(whos).splitlines()
    assert table[0].split() == ["Variable", "Type", "Data/Info"]
    assert [row.split()[:2] for row in table[2:]] == [["label", "String"], ["scale", "Double"], ["z", "Complex<Double>"]]
    assert " per loop (mean ± std. dev. of 7 runs, " in stdout(timeit)
