"""papermill runs Swift notebooks with parameters through our kernel, with the Swift translator of
python/papermill-swift (installed into the test venv by `make test`)."""
import pathlib
import subprocess
import sys

import nbformat
from papermill.translators import papermill_translators

import conftest  # noqa: F401  (the kernelspec papermill starts)
from nbrun_support import nbrun, write_notebook

PAPERMILL = pathlib.Path(sys.executable).parent / "papermill"
PARAMETERS = 'let epochs = 10\nvar rate = 0.1\nlet name = "wine" // the data set\nlet layers = [8]'


def test_the_translator_is_found_for_swift_notebooks():
    translator = papermill_translators.find_translator("swift", "swift")
    assert translator.__name__ == "SwiftTranslator"


def test_papermill_injects_swift_parameters_that_the_kernel_runs(tmp_path):
    notebook = tmp_path / "in.ipynb"
    write_notebook(notebook, [PARAMETERS, 'print(epochs, rate, name, layers, separator: "|")'])
    document = nbformat.read(str(notebook), as_version=4)
    document.cells[0].metadata["tags"] = ["parameters"]
    nbformat.write(document, str(notebook))
    result = subprocess.run([str(PAPERMILL), str(notebook), str(tmp_path / "out.ipynb"), "-p", "epochs", "3",
                             "-p", "rate", "0.5", "-p", "name", 'red "wine"', "-y", "layers: [64, 32]"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    out = nbformat.read(str(tmp_path / "out.ipynb"), as_version=4)
    injected = out.cells[1]
    assert injected.metadata["tags"] == ["injected-parameters"]
    assert injected.source == ('// Parameters\nvar layers: [Int] = [64, 32]\nvar epochs: Int = 3\nvar rate: Double = 0.5\n'
                               'var name: String = "red \\"wine\\""\n')
    assert out.cells[2].outputs[0]["text"] == '3|0.5|red "wine"|[64, 32]\n'


def test_values_are_written_as_nbrun_writes_them(tmp_path):
    """nbrun -p and papermill give each value the same type and literal (the keyword aside)."""
    values = {"count": 3, "rate": 0.25, "negative": -2, "flag": True, "text": 'a "quoted"\tline\n'}
    translator = papermill_translators.find_translator("swift", "swift")
    papermill_lines = translator.codify(values).splitlines()[1:]
    notebook = write_notebook(tmp_path / "n.ipynb", ["print(count)"])
    arguments = [f"{name}={value if name == 'text' else str(value).lower()}" for name, value in values.items()]
    result = nbrun(notebook, "--to", "ipynb", "--output-dir", tmp_path / "out", "--no-cache",
                   *[part for argument in arguments for part in ("-p", argument)])
    assert result.returncode == 0, result.stderr
    injected = nbformat.read(str(tmp_path / "out" / "n.ipynb"), as_version=4).cells[0].source.splitlines()[1:]
    assert [line.split(" ", 1)[1] for line in injected] == [line.split(" ", 1)[1] for line in papermill_lines]


def test_every_value_kind_is_swift_that_compiles(tmp_path):
    values = {"layers": [64, 32], "mixed": [1, 2.5], "maybe": [1, None], "nested": {"a": [True, False]},
              "nothing": None, "empty": [], "no_keys": {}, "infinite": float("-inf"), "unicode": "é\x01"}
    source = tmp_path / "parameters.swift"
    source.write_text(papermill_translators.find_translator("swift", "swift").codify(values))
    check = subprocess.run(["swiftc", "-typecheck", str(source)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr + source.read_text()


def test_help_notebook_lists_the_parameters_cell(tmp_path):
    notebook = write_notebook(tmp_path / "in.ipynb", [PARAMETERS])
    document = nbformat.read(str(notebook), as_version=4)
    document.cells[0].metadata["tags"] = ["parameters"]
    nbformat.write(document, str(notebook))
    result = subprocess.run([str(PAPERMILL), "--help-notebook", str(notebook)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "epochs: Int (default 10)" in result.stdout and "rate: Double (default 0.1)" in result.stdout
    assert "name: String (default \"wine\")" in result.stdout and "the data set" in result.stdout
    assert "layers: Unknown type (default [8])" in result.stdout
