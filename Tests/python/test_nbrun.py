"""nbrun from the command line: its files, exit statuses, bad input, the cache shared and killed."""
import json
import os
import signal
import sqlite3
import subprocess
import time

import nbformat
import pytest

from nbrun_support import NBRUN, merged_streams, nbrun, schema_errors, write_notebook

EVERY_OUTPUT = [
    "# Every kind of output",
    'print("out")\nFileHandle.standardError.write("err\\n".data(using: .utf8)!)\n40 + 2',
    'display(MIMEBundle(["text/plain": "first"]), id: "p")\nupdateDisplay(MIMEBundle(["text/plain": "second"]), id: "p")',
    'print("gone")\nclearOutput(wait: true)\nprint("<script>alert(1)</script>")',
    "plot(Activation.relu)",
    'display(MIMEBundle(["text/html": "<b onmouseover=\\"x()\\">bold</b><img src=\\"https://example.com/t.png\\">", "text/plain": "bold"]))',
    "struct Oops: Error {}\nthrow Oops()",
]


def test_an_executed_notebook_is_valid_and_written_as_jupyter_writes_it(tmp_path):
    path = write_notebook(tmp_path / "every.ipynb", EVERY_OUTPUT)
    result = nbrun(path, "--allow-errors", "--output-dir", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    executed = tmp_path / "out" / "every.ipynb"
    assert schema_errors(executed) == []
    notebook = nbformat.read(str(executed), as_version=4)
    nbformat.validate(notebook)
    # Byte for byte what nbformat itself writes for the same notebook.
    assert executed.read_text() == nbformat.writes(notebook) + "\n"
    assert notebook.metadata.language_info.name == "swift" and notebook.metadata.kernelspec.name == "swift"
    assert all(cell.get("id") for cell in notebook.cells)
    assert [cell.execution_count for cell in notebook.cells[1:]] == [1, 2, 3, 4, 5, 6]
    assert notebook.cells[2].outputs[0]["data"] == {"text/plain": "second"}
    assert notebook.cells[3].outputs == [nbformat.v4.new_output("stream", name="stdout", text="<script>alert(1)</script>\n")]
    assert notebook.cells[6].outputs[0]["ename"] == "Oops"
    # Reading and writing a notebook nbrun did not execute changes nothing: the source stays as it was.
    assert (tmp_path / "every.ipynb").read_text() == nbformat.writes(nbformat.read(str(path), as_version=4)) + "\n"


def test_a_failing_cell_fails_the_run_but_the_report_shows_it(tmp_path):
    path = write_notebook(tmp_path / "fails.ipynb", ['print("before")', "let x: Int = \"no\"", 'print("after")'])
    result = nbrun(path, "--output-dir", tmp_path)
    assert result.returncode == 1
    report = (tmp_path / "fails.html").read_text()
    assert "CompileError" in report and "cannot convert value of type" in report
    assert "fails.ipynb" in result.stderr and "cell 2 failed" in result.stderr
    # Cached, the compile error still fails the run.
    again = nbrun(path, "--output-dir", tmp_path)
    assert again.returncode == 1 and "0 cells executed" in again.stderr
    assert nbrun(path, "--allow-errors", "--output-dir", tmp_path).returncode == 0


def test_a_cell_past_its_time_limit_exits_3(tmp_path):
    path = write_notebook(tmp_path / "slow.ipynb", ["var spins = 0\nwhile true { spins &+= 1 }"])
    result = nbrun(path, "--timeout", "1", "--output-dir", tmp_path)
    assert result.returncode == 3, result.stderr
    assert "The cell ran longer than 1 s" in (tmp_path / "slow.html").read_text()


def bad_notebooks(tmp_path):
    files = {
        "broken.ipynb": '{\n "cells": [\n  {"cell_type": "code",,}\n ]\n}\n',
        "v3.ipynb": json.dumps({"nbformat": 3, "nbformat_minor": 0, "worksheets": [], "metadata": {}}),
        "nocells.ipynb": json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}}),
        "python.ipynb": json.dumps({"nbformat": 4, "nbformat_minor": 5, "cells": [],
                                    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}}),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)


@pytest.mark.parametrize("name, message", [
    ("broken.ipynb", "broken.ipynb: not valid JSON at line 3, column 24: expected a member name in double quotes"),
    ("v3.ipynb", "v3.ipynb: nbformat 3.0 is not supported; only version 4 is"),
    ("nocells.ipynb", "nocells.ipynb: not a valid notebook: it has no \"cells\" list"),
    ("python.ipynb", "python.ipynb: the notebook is for the 'python3' kernel; nbrun runs Swift notebooks"),
    ("missing.ipynb", "missing.ipynb: does not exist"),
])
def test_bad_input_is_named_and_exits_2_writing_nothing(tmp_path, name, message):
    bad_notebooks(tmp_path)
    result = nbrun(tmp_path / name, "--output-dir", tmp_path / "out", "--no-cache")
    assert result.returncode == 2
    assert message in result.stderr, result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_usage_errors_exit_2(tmp_path):
    path = write_notebook(tmp_path / "ok.ipynb", ["print(1)"])
    for arguments in (["--to", "pdf"], ["-p", "no-equals-sign"], ["--timeout", "-1"], ["--no-such-flag"], ["--jobs", "0"]):
        result = nbrun(path, *arguments)
        assert result.returncode == 2, (arguments, result.stderr)
    assert nbrun().returncode == 2


def test_an_output_folder_that_cannot_be_written_exits_2(tmp_path):
    path = write_notebook(tmp_path / "ok.ipynb", ["print(1)"])
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = nbrun(path, "--output-dir", blocker / "reports")
    assert result.returncode == 2 and "cannot be created" in result.stderr, result.stderr
    assert not list(tmp_path.glob("**/*.html"))


def test_parameters_are_injected_after_the_parameters_cell(tmp_path):
    path = tmp_path / "params.ipynb"
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "swift", "display_name": "Swift", "language": "swift"}
    notebook.cells = [nbformat.v4.new_code_cell("let epochs = 10\nlet name = \"x\"", metadata={"tags": ["parameters"]}),
                      nbformat.v4.new_code_cell("print(epochs, name)")]
    nbformat.write(notebook, str(path))
    result = nbrun(path, "-p", "epochs=3", "-p", "name=wine", "-p", "unknown=1", "--to", "ipynb", "--output-dir", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "'unknown' is not declared in the parameters cell" in result.stderr
    executed = nbformat.read(str(tmp_path / "out" / "params.ipynb"), as_version=4)
    assert executed.cells[1].metadata.tags == ["injected-parameters"]
    assert executed.cells[2].outputs[0]["text"] == "3 wine\n"
    wrong = nbrun(path, "-p", "epochs=many", "--output-dir", tmp_path / "out")
    assert wrong.returncode == 2 and "parameter 'epochs' is declared Int, which cannot hold many" in wrong.stderr


def test_check_finds_what_changed(tmp_path):
    path = write_notebook(tmp_path / "checked.ipynb", ['print("stable")', "Array(1...3)"])
    assert nbrun(path, "--to", "ipynb", "--in-place").returncode == 0
    assert nbrun("check", path).returncode == 0
    notebook = nbformat.read(str(path), as_version=4)
    notebook.cells[1].outputs[0]["data"]["text/plain"] = "[1, 2, 4]"
    nbformat.write(notebook, str(path))
    result = nbrun("check", path)
    assert result.returncode == 1
    assert "cell 2 (In [2]):" in result.stdout
    assert '    "text/plain": [\n-    "[1, 2, 4]"\n+    "[1, 2, 3]"\n    ]' in result.stdout


def test_check_skips_ignored_outputs_requires_expected_errors_and_names_the_first_number(tmp_path):
    path = write_notebook(tmp_path / "tags.ipynb", ['print("loss 0.25")', "import Foundation\nprint(Date())",
                                                     'struct Oops: Error {}\nthrow Oops()', 'print("after")'])
    notebook = nbformat.read(str(path), as_version=4)
    notebook.cells[1].metadata["tags"] = ["nbrun-ignore-output"]
    notebook.cells[2].metadata["tags"] = ["raises-exception"]
    nbformat.write(notebook, str(path))
    # The expected error neither stops nor fails the run: the cell after it runs.
    run = nbrun(path, "--to", "ipynb", "--in-place")
    assert run.returncode == 0, run.stderr
    executed = nbformat.read(str(path), as_version=4)
    assert executed.cells[2].outputs[-1]["output_type"] == "error" and executed.cells[3].outputs[0]["text"] == "after\n"
    assert nbrun("check", path).returncode == 0, "the date cell differs, but is not compared"
    executed.cells[0].outputs[0]["text"] = "loss 0.26\n"
    executed.cells[2].source = 'print("fixed")'
    nbformat.write(executed, str(path))
    result = nbrun("check", path)
    assert result.returncode == 1
    assert "first differing number: stored 0.26, executed 0.25" in result.stdout
    assert "cell 3 (In [3]):\ntagged raises-exception, but the cell ran without an error" in result.stdout


def test_a_cells_error_named_like_an_engine_error_fails_a_cached_run_as_a_fresh_one(tmp_path):
    path = write_notebook(tmp_path / "timeout.ipynb", ["struct Timeout: Error {}\nthrow Timeout()"])
    cache = tmp_path / "cache.sqlite"
    fresh = nbrun(path, "--cache", cache, "--to", "ipynb", "--output-dir", tmp_path / "fresh")
    cached = nbrun(path, "--cache", cache, "--to", "ipynb", "--output-dir", tmp_path / "cached")
    assert fresh.returncode == 1 and cached.returncode == 1, (fresh.stderr, cached.stderr)
    assert "from the cache" in cached.stderr or "cached" in cached.stderr, cached.stderr


def test_two_processes_share_one_cache(tmp_path):
    cache = tmp_path / "shared.sqlite"
    paths = [write_notebook(tmp_path / f"n{i}.ipynb", [f"let v{i} = {i}", f"print(v{i} * 2)"]) for i in range(2)]
    processes = [subprocess.Popen([str(NBRUN), str(p), "--cache", str(cache), "--output-dir", str(tmp_path / f"out{i}")],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i, p in enumerate(paths)]
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        assert "locked" not in err
    for i in range(2):
        assert f"{i * 2}" in (tmp_path / f"out{i}" / f"n{i}.html").read_text()
    with sqlite3.connect(cache) as db:
        assert db.execute("SELECT count(*) FROM cell").fetchone()[0] == 4


def test_a_killed_run_leaves_no_half_entry(tmp_path):
    cache = tmp_path / "cache.sqlite"
    path = write_notebook(tmp_path / "killed.ipynb",
                          ['print("one")', 'print("two")', "import Foundation\nThread.sleep(forTimeInterval: 30)\nprint(\"three\")"])
    process = subprocess.Popen([str(NBRUN), str(path), "--cache", str(cache)], stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        time.sleep(0.2)
        try:
            with sqlite3.connect(cache) as db:
                if db.execute("SELECT count(*) FROM cell").fetchone()[0] == 2:
                    break
        except sqlite3.Error:
            continue
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    with sqlite3.connect(cache) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = db.execute("SELECT outputs FROM cell").fetchall()
    assert len(rows) == 2 and all(json.loads(outputs) for (outputs,) in rows)
    rerun = nbrun(path, "--cache", cache, "--timeout", "60")
    assert "2 from the cache" in rerun.stderr, rerun.stderr


def signature(secret, parts):
    """CacheSigner's signature of an entry: HMAC-SHA256 over each part as `<UTF-8 length>:<part>\\n`."""
    import hashlib
    import hmac
    message = "".join(f"{len(part.encode())}:{part}\n" for part in parts).encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def plant_library(cache, library):
    """Replaces the first cell's compiled library in `cache` with the shared library at `library`,
    stored under its true hash (what someone who can write the file can do); returns the row's
    parts as its signature covers them."""
    import hashlib
    data = library.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    with sqlite3.connect(cache) as db:
        db.execute("INSERT OR REPLACE INTO payload (hash, bytes) VALUES (?, ?)", (digest, data))
        key, module, interface, runtime = db.execute(
            "SELECT key, module, interface, runtime FROM compiled WHERE module LIKE '%1'").fetchone()
        db.execute("UPDATE compiled SET library = ? WHERE key = ?", (digest, key))
    return ["compiled", key, module, digest, interface, runtime]


def test_a_cache_from_another_user_loads_nothing_from_it(tmp_path):
    """Someone else's cache (committed, copied from CI) with a library that leaves a mark when it
    is loaded: this user's nbrun compiles and runs the cells instead, and says so."""
    mark = tmp_path / "loaded"
    source = tmp_path / "evil.c"
    source.write_text('#include <stdio.h>\n__attribute__((constructor)) static void mark(void) '
                      f'{{ FILE *f = fopen("{mark}", "w"); if (f) fclose(f); }}\n')
    library = tmp_path / "evil.so"
    subprocess.run(["clang", "-shared", "-fPIC", "-o", library, source], check=True)
    theirs = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "them")}
    mine = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "me")}
    cache = tmp_path / "cache.sqlite"
    path = write_notebook(tmp_path / "n.ipynb", ["let a = 20", "print(a + 1)"])
    assert nbrun(path, "--cache", cache, "--output-dir", tmp_path / "out", env=theirs).returncode == 0
    parts = plant_library(cache, library)
    # An edited second cell makes the first one's state come from its compiled library.
    notebook = nbformat.read(str(path), as_version=4)
    notebook.cells[1].source = "print(a + 2)"
    nbformat.write(notebook, str(path))

    result = nbrun(path, "--cache", cache, "--output-dir", tmp_path / "out", env=mine)
    assert result.returncode == 0, result.stderr
    assert "not written by this user's nbrun (a cache file from elsewhere, or altered)" in result.stderr, result.stderr
    assert "2 cells executed, 0 from the cache" in result.stderr, result.stderr
    assert not mark.exists()
    assert "not written by this user" in (tmp_path / "out" / "n.html").read_text()

    # The cache is now this user's (the run stored its own entries). The same library signed with
    # this user's secret would be loaded: the mark is how the test sees a load.
    secret = (tmp_path / "me" / "nbrun" / "cache-secret").read_bytes()
    parts = plant_library(cache, library)
    with sqlite3.connect(cache) as db:
        db.execute("UPDATE compiled SET signature = ? WHERE key = ?", (signature(secret, parts), parts[1]))
    notebook.cells[1].source = "print(a + 3)"
    nbformat.write(notebook, str(path))
    nbrun(path, "--cache", cache, "--output-dir", tmp_path / "out", env=mine)
    assert mark.exists()


def test_a_damaged_cache_is_moved_aside(tmp_path):
    cache = tmp_path / "cache.sqlite"
    cache.write_bytes(b"this is not SQLite" * 300)
    path = write_notebook(tmp_path / "n.ipynb", ["print(1)"])
    result = nbrun(path, "--cache", cache)
    assert result.returncode == 0, result.stderr
    assert "was not a usable database; it was moved to" in result.stderr
    assert list(tmp_path.glob("cache.sqlite.damaged-*"))


def test_cache_commands(tmp_path):
    cache = tmp_path / "cache.sqlite"
    path = write_notebook(tmp_path / "n.ipynb", ["print(1)", "print(2)"])
    assert nbrun(path, "--cache", cache).returncode == 0
    listed = nbrun("cache", "list", "--cache", cache)
    assert str(path) in listed.stdout and "2 cells" in listed.stdout
    assert "cells: 2" in nbrun("cache", "stats", "--cache", cache).stdout
    assert nbrun("cache", "prune", "--older-than", "1", "--cache", cache).stdout.startswith("removed 0 cells")
    assert nbrun("cache", "invalidate", path, "--cache", cache).stdout.startswith("removed 2 cells")
    assert "2 cells executed" in nbrun(path, "--cache", cache).stderr
    assert nbrun("cache", "clear", "--cache", cache).stdout.startswith("removed 2 cells")


def test_several_notebooks_make_a_small_site(tmp_path):
    paths = [write_notebook(tmp_path / f"{i}-part.ipynb", [f"# Part {i}\n\nAbout part {i}.", f"print({i})"]) for i in (1, 2)]
    result = nbrun(*paths, "--output-dir", tmp_path / "site", "--to", "html", "--title", "The course", "--jobs", "2")
    assert result.returncode == 0, result.stderr
    index = (tmp_path / "site" / "index.html").read_text()
    assert '<a href="1-part.html">1. Part 1</a><p>About part 1.</p>' in index and "The course" in index
    first = (tmp_path / "site" / "1-part.html").read_text()
    assert 'href="2-part.html">Part 2 →</a>' in first and 'href="index.html">The course</a>' in first


def test_nbrun_and_the_kernel_give_the_same_outputs(kernelspec_dir, tmp_path):
    from nbclient import NotebookClient
    path = write_notebook(tmp_path / "every.ipynb", EVERY_OUTPUT)
    assert nbrun(path, "--allow-errors", "--to", "ipynb", "--output-dir", tmp_path / "out").returncode == 0
    by_nbrun = nbformat.read(str(tmp_path / "out" / "every.ipynb"), as_version=4)
    through_kernel = nbformat.read(str(path), as_version=4)
    NotebookClient(through_kernel, timeout=120, kernel_name="swift", allow_errors=True).execute()
    for number, (ours, theirs) in enumerate(zip(by_nbrun.cells, through_kernel.cells)):
        if ours.cell_type == "code":
            assert [dict(o) for o in ours.outputs] == merged_streams(theirs.outputs), f"cell {number + 1}"
            assert ours.execution_count == theirs.execution_count


def test_watch_renders_each_save_and_stops_on_ctrl_c(tmp_path):
    path = write_notebook(tmp_path / "watched.ipynb", ["let word = \"first\"", "print(word)"])
    report = tmp_path / "watched.html"
    process = subprocess.Popen([str(NBRUN), "watch", str(path), "--cache", str(tmp_path / "cache.sqlite"), "--to", "html"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def wait_for(text):
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if report.exists() and text in report.read_text():
                return
            time.sleep(0.2)
        raise AssertionError(f"the report never showed {text!r}")

    try:
        wait_for("first")
        notebook = nbformat.read(str(path), as_version=4)
        notebook.cells[1].source = "print(word + \" again\")"
        nbformat.write(notebook, str(path))
        wait_for("first again")
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "stopped watching" in out and out.count(str(report)) == 2
    assert "1 cell executed, 1 from the cache" in err   # only the edited cell ran (after a hidden replay)


NUMERICS = "%install '.package(url: \"https://github.com/apple/swift-numerics\", from: \"1.0.0\")' Numerics"


def test_a_notebook_that_installs_a_package_runs_caches_and_checks(tmp_path):
    path = write_notebook(tmp_path / "packages.ipynb", [
        NUMERICS, "import Numerics\nprint(Complex(3.0, 4.0).length)", "%who\nprint(Double.exp(0))"])
    cache = tmp_path / "cache.sqlite"
    # The first install may build the package (optimised): minutes on two cores.
    first = nbrun(path, "--cache", cache, "--to", "ipynb", "--in-place", timeout=1200)
    assert first.returncode == 0, first.stderr
    executed = nbformat.read(str(path), as_version=4)
    assert executed.cells[0].outputs[-1]["data"]["text/plain"] == "Installed swift-numerics 1.1.1: Numerics"
    assert executed.cells[1].outputs[0]["text"] == "5.0\n"
    assert executed.cells[2].outputs[0]["text"] == "Interactive namespace is empty.\n1.0\n"
    assert "0 cells executed, 3 from the cache" in nbrun(path, "--cache", cache, "--to", "ipynb", "--output-dir", tmp_path / "again").stderr
    # An edited last cell runs alone, with the packages installed for it.
    executed.cells[2].source = "print(Complex(0.0, 1.0).phase > 1.5)"
    nbformat.write(executed, str(path))
    edited = nbrun(path, "--cache", cache, "--to", "ipynb", "--in-place")
    assert edited.returncode == 0 and "1 cell executed, 2 from the cache" in edited.stderr, edited.stderr
    assert nbformat.read(str(path), as_version=4).cells[2].outputs[0]["text"] == "true\n"
    checked = nbrun("check", path)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_local_package_changed_on_disk_runs_its_cells_again(tmp_path):
    package = tmp_path / "Scales"
    (package / "Sources" / "Scales").mkdir(parents=True)
    (package / "Package.swift").write_text(
        '// swift-tools-version:5.9\nimport PackageDescription\n'
        'let package = Package(name: "Scales", products: [.library(name: "Scales", targets: ["Scales"])],\n'
        '                      targets: [.target(name: "Scales")])\n')
    source = package / "Sources" / "Scales" / "Scales.swift"
    source.write_text("public let factor = 2\n")
    path = write_notebook(tmp_path / "local.ipynb", [
        "%install '.package(path: \"Scales\")' Scales", "import Scales\nprint(factor * 21)"])
    cache = tmp_path / "cache.sqlite"
    run = nbrun(path, "--cache", cache, "--to", "ipynb", "--output-dir", tmp_path / "one", timeout=1200)
    assert run.returncode == 0, run.stderr
    assert nbformat.read(str(tmp_path / "one" / "local.ipynb"), as_version=4).cells[1].outputs[0]["text"] == "42\n"
    # The package's files are part of the cache keys from its %install cell on.
    source.write_text("public let factor = 3\n")
    run = nbrun(path, "--cache", cache, "--to", "ipynb", "--output-dir", tmp_path / "two", timeout=1200)
    assert run.returncode == 0 and "2 cells executed, 0 from the cache" in run.stderr, run.stderr
    assert nbformat.read(str(tmp_path / "two" / "local.ipynb"), as_version=4).cells[1].outputs[0]["text"] == "63\n"
