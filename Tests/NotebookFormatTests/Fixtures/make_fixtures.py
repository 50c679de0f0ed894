"""Writes the notebooks the NotebookFormat tests read, with Jupyter's own nbformat (5.11.1), so
their bytes are what Jupyter writes: `python make_fixtures.py` in this folder."""
import json
import nbformat
from nbformat.v4 import new_notebook, new_code_cell, new_markdown_cell, new_raw_cell, new_output

nb = new_notebook(metadata={
    "kernelspec": {"name": "swift", "display_name": "Swift", "language": "swift"},
    "language_info": {"name": "swift", "version": "6.3"},
    "numbers": {"one": 1.0, "small": 1e-05, "big": 1e16, "int": 3, "neg": -0.5},
    "ünïcödé": "naïve — “quotes” \u2028 line separator, tab\t, bell \u0007, del \u007f",
})
nb.cells = [
    new_markdown_cell("# Title\n\nSome *text*, a $x^2$ formula.\r\nA CRLF line and a last line", id="md-1"),
    new_code_cell("let x = 1\nprint(x)\n", id="code-1", execution_count=1, outputs=[
        new_output("stream", name="stdout", text="1\n2\r\n3\rlast"),
        new_output("stream", name="stderr", text="warning\n"),
    ]),
    new_code_cell("", id="empty", execution_count=None),
    new_code_cell("chart", id="code-2", execution_count=2, metadata={"tags": ["hide-input"], "collapsed": False}, outputs=[
        new_output("display_data", data={"image/svg+xml": "<svg>\n<line/>\n</svg>\n", "text/plain": "Chart"},
                   metadata={"image/svg+xml": {"isolated": True}}),
        new_output("execute_result", execution_count=2,
                   data={"text/html": "<table>\n<tr><td>1</td></tr>\n</table>", "text/plain": "1",
                         "application/json": {"a": [1, 2.5, None, True]}, "image/png": "iVBORw0KGgo="}),
        new_output("error", ename="Crash", evalue="Index out of range", traceback=["line 1", "line 2"]),
    ]),
    new_raw_cell("raw text\n", id="raw-1", metadata={"format": "text/plain"}),
]
nbformat.write(nb, "jupyter-written.ipynb")

# The same notebook with every multi-line text as one string, nbformat 4.4 and no ids: what
# nbformat makes of it is the expected output of writing it again.
with open("jupyter-written.ipynb") as f:
    raw = json.load(f)
def joined(value):
    return "".join(value) if isinstance(value, list) and all(isinstance(v, str) for v in value) else value
for cell in raw["cells"]:
    cell["source"] = joined(cell["source"])
    for output in cell.get("outputs", []):
        if "text" in output:
            output["text"] = joined(output["text"])
        for key, value in output.get("data", {}).items():
            if key != "application/json":
                output["data"][key] = joined(value)
with open("strings.ipynb", "w") as f:
    json.dump(raw, f)
with open("strings.nbformat.ipynb", "w") as f:
    nbformat.write(nbformat.read("strings.ipynb", as_version=nbformat.NO_CONVERT), f)
