"""Running the release build of nbrun, and notebooks to run it on."""
import json
import pathlib
import subprocess

import nbformat

ROOT = pathlib.Path(__file__).resolve().parents[2]
NBRUN = ROOT / ".build" / "release" / "nbrun"
SCHEMA = pathlib.Path(__file__).parent / "fixtures" / "nbformat.v4.schema.json"


def nbrun(*arguments, cwd=None, timeout=600, env=None):
    """Runs nbrun; returns the completed process (text output)."""
    assert NBRUN.exists(), "build nbrun in release mode first (make test does)"
    return subprocess.run([str(NBRUN), *map(str, arguments)], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env=env)


def write_notebook(path, sources, metadata=None):
    """A Swift notebook of code cells (a source starting with '#' is a Markdown cell)."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "swift", "display_name": "Swift", "language": "swift"}
    notebook.metadata.update(metadata or {})
    notebook.cells = [nbformat.v4.new_markdown_cell(s) if s.startswith("#") else nbformat.v4.new_code_cell(s) for s in sources]
    nbformat.write(notebook, str(path))
    return path


def schema_errors(path):
    """The nbformat 4.5 schema's complaints about the notebook file at `path`."""
    import jsonschema
    schema = json.loads(SCHEMA.read_text())
    return [error.message for error in jsonschema.Draft4Validator(schema).iter_errors(json.loads(pathlib.Path(path).read_text()))]


def merged_streams(outputs):
    """Outputs as nbrun folds them: the stream text between two displays as one stdout output, then
    one stderr output (the two streams' order differs between runs; nbclient keeps every message)."""
    merged, run = [], {}
    def flush():
        for name in ("stdout", "stderr"):
            if name in run:
                merged.append({"name": name, "output_type": "stream", "text": run[name]})
        run.clear()
    for output in outputs:
        if output.get("output_type") == "stream":
            run[output["name"]] = run.get(output["name"], "") + output["text"]
        else:
            flush()
            merged.append(dict(output))
    flush()
    return merged
