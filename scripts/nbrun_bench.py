"""nbrun on the red-wine notebook (03): a cold run (empty cache), a warm one (everything cached), one
after an edit of Markdown alone (every cell from the cache, the report rendered again) and one
after an edit of the last cell (with the cache's checkpoint of the training, and without
checkpoints), against `jupyter nbconvert --execute --to html` driving our kernel (release build)
on the same notebook. Prints RESULT lines for bench.sh.

    .venv-bench/bin/python scripts/nbrun_bench.py
"""
import json
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
NBRUN = ROOT / ".build" / "release" / "nbrun"
KERNEL = ROOT / ".build" / "release" / "swift-kernel"
NOTEBOOK = "03-stochastic-gradient-descent.ipynb"


def seconds(command, **kwargs):
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{command[0]} failed: {result.stderr[-2000:]}")
    return elapsed, result


def main():
    work = pathlib.Path(tempfile.mkdtemp(prefix="nbrun-bench-"))
    try:
        shutil.copytree(ROOT / "notebooks" / "data", work / "data")
        notebook = work / NOTEBOOK
        shutil.copy(ROOT / "notebooks" / NOTEBOOK, notebook)
        run = [str(NBRUN), str(notebook), "--output-dir", str(work / "out"), "--to", "html", "--quiet"]

        colds = []
        for attempt in range(3):
            cache = work / f"cold-{attempt}.sqlite"
            colds.append(seconds(run + ["--cache", str(cache)])[0])
        cache = work / "cold-0.sqlite"
        warms = [seconds(run + ["--cache", str(cache)])[0] for _ in range(10)]

        def edit_first_markdown_cell(attempt):
            document = json.loads(notebook.read_text())
            markdown = next(c for c in document["cells"] if c["cell_type"] == "markdown")
            markdown["source"] = ["# Edited %d" % attempt]
            notebook.write_text(json.dumps(document))
            return seconds(run + ["--cache", str(cache)])[0]

        markdown_edits = [edit_first_markdown_cell(attempt) for attempt in range(5)]

        # The same edits on a cache filled without checkpoints: every cell before the last is replayed.
        replay_cache = work / "no-checkpoints.sqlite"
        seconds(run + ["--cache", str(replay_cache), "--no-checkpoints"])

        def edit_last_cell(cache, attempts, extra=()):
            times = []
            for attempt in range(attempts):
                document = json.loads(notebook.read_text())
                code = [c for c in document["cells"] if c["cell_type"] == "code"]
                code[-1]["source"] = ["print(\"edit %d\")" % attempt]
                notebook.write_text(json.dumps(document))
                elapsed, result = seconds([str(NBRUN), str(notebook), "--cache", str(cache), "--output-dir", str(work / "out"), "--to", "html", *extra])
                times.append(elapsed)
            return times, result

        edited, result = edit_last_cell(cache, 3)
        edited_replay, _ = edit_last_cell(replay_cache, 3, ["--no-checkpoints"])
        summary = result.stderr.strip().splitlines()[-1]
        cells = summary.split("; ", 1)[-1]
        print(f"nbrun cold (median of 3) {statistics.median(colds):.3f} s, warm (median of 10) {statistics.median(warms) * 1e3:.1f} ms, "
              f"Markdown edited (median of 5) {statistics.median(markdown_edits) * 1e3:.1f} ms, "
              f"last cell edited (median of 3) {statistics.median(edited):.3f} s: {cells}; "
              f"without checkpoints {statistics.median(edited_replay):.3f} s")
        print("RESULT " + json.dumps({"script": "nbrun", "cold_s": statistics.median(colds), "warm_s": statistics.median(warms),
                                      "markdown_edited_s": statistics.median(markdown_edits),
                                      "edited_s": statistics.median(edited), "edited_cells": cells,
                                      "edited_replay_s": statistics.median(edited_replay)}))

        # nbconvert with our kernel (release build), from a kernelspec of its own.
        spec = work / "kernels" / "swift"
        spec.mkdir(parents=True)
        (spec / "kernel.json").write_text(json.dumps({"argv": [str(KERNEL), "--connection-file", "{connection_file}"],
                                                      "display_name": "Swift", "language": "swift"}))
        shutil.copy(ROOT / "notebooks" / NOTEBOOK, notebook)
        jupyter = pathlib.Path(sys.executable).parent / "jupyter"
        environment = dict(os.environ, JUPYTER_PATH=str(work))
        converts = [seconds([str(jupyter), "nbconvert", "--execute", "--to", "html", str(notebook), "--output-dir", str(work / "nbconvert")],
                            env=environment)[0] for _ in range(3)]
        print(f"jupyter nbconvert --execute --to html (median of 3) {statistics.median(converts):.3f} s")
        print("RESULT " + json.dumps({"script": "nbconvert", "s": statistics.median(converts)}))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
