"""nbclient executes a notebook of several Swift cells with our kernel, as `jupyter nbconvert --execute` does."""
import nbformat
from nbclient import NotebookClient


def test_a_notebook_runs_cell_by_cell(kernelspec_dir):
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "swift", "display_name": "Swift", "language": "swift"}
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Red wine, in two cells"),
        nbformat.v4.new_code_cell("let model = Sequential(seed: 1) { Dense(4, .relu, inputShape: [2]); Dense(1) }"),
        nbformat.v4.new_code_cell("model.summaryTable"),
        nbformat.v4.new_code_cell('print("layers:", model.layers.count)'),
        nbformat.v4.new_code_cell("plot(Activation.tanh)"),
    ]
    NotebookClient(notebook, timeout=120, kernel_name="swift").execute()
    summary, printed, chart = notebook.cells[2], notebook.cells[3], notebook.cells[4]
    assert summary.outputs[0]["output_type"] == "execute_result"
    assert "dense (Dense)" in summary.outputs[0]["data"]["text/html"]
    assert printed.outputs == [nbformat.v4.new_output("stream", name="stdout", text="layers: 2\n")]
    assert chart.outputs[0]["data"]["image/svg+xml"].startswith("<svg")
    assert [cell.execution_count for cell in notebook.cells[1:]] == [1, 2, 3, 4]
