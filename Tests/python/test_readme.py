"""Every `swift` block of the README runs as written, in order, in one session whose working
directory is notebooks/data (as the README says)."""
import re
import shutil

import nbformat

from nbrun_support import ROOT, nbrun, write_notebook


def test_the_readmes_swift_examples_run_as_written(tmp_path):
    blocks = re.findall(r"^```swift\n(.*?)^```", (ROOT / "README.md").read_text(), flags=re.S | re.M)
    assert blocks, "the README has no swift example"
    for data in (ROOT / "notebooks" / "data").glob("*.csv"):
        shutil.copy(data, tmp_path)
    path = write_notebook(tmp_path / "readme.ipynb", [block.rstrip("\n") for block in blocks])
    result = nbrun(path, "--no-cache", "--to", "ipynb", "--output-dir", tmp_path / "out", timeout=900)
    executed = nbformat.read(str(tmp_path / "out" / "readme.ipynb"), as_version=4)
    errors = [output for cell in executed.cells for output in cell.get("outputs", []) if output["output_type"] == "error"]
    assert result.returncode == 0 and errors == [], (result.stderr, errors)
    # The first example ends at the tutorial's validation loss, the convnet's at its test accuracy.
    assert 0.09 <= float(executed.cells[0].outputs[-1]["data"]["text/plain"]) <= 0.11
    convnet = next(cell for cell in executed.cells if "Conv2D" in cell.source)
    assert float(convnet.outputs[-1]["data"]["text/plain"]) >= 0.95
