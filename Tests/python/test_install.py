"""`swift-kernel install`: an installation that works without the checkout, its build folder or
the toolchain on PATH, that Jupyter lists, that uninstalls cleanly, and that says plainly when the
compiler is not the one that built its runtime."""
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import textwrap

import nbformat
import pytest

from conftest import ROOT

BUILD = ROOT / ".build" / "release"
VERSION = subprocess.run([str(BUILD / "swift-kernel"), "--version"], capture_output=True, text=True).stdout.split()[-1]
# A PATH without the Swift toolchain, as a desktop launcher or a JupyterHub spawner gives.
BARE_PATH = "/usr/bin:/bin"

RUN_NOTEBOOK = textwrap.dedent("""
    import json, sys, nbformat, nbclient
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": sys.argv[1], "display_name": "Swift", "language": "swift"}
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in json.loads(sys.argv[2])]
    nbclient.NotebookClient(notebook, timeout=120, kernel_name=sys.argv[1], allow_errors=True).execute()
    print(json.dumps([cell.outputs for cell in notebook.cells]))
""")


def install(prefix, name, binary=BUILD / "swift-kernel"):
    return subprocess.run([str(binary), "install", "--prefix", str(prefix), "--name", name],
                          capture_output=True, text=True, timeout=300)


def run_notebook(jupyter_path, kernel, sources, tmp_path, hide_checkout=False):
    """Runs code cells through the kernelspec `kernel` with nbclient, in a process whose PATH lacks
    the toolchain; with `hide_checkout`, the checkout's build folder and sources are hidden from it
    (empty folders mounted over them in a mount namespace of its own)."""
    script = tmp_path / "run_notebook.py"
    script.write_text(RUN_NOTEBOOK)
    command = [sys.executable, str(script), kernel, json.dumps(sources)]
    if hide_checkout:
        command = without_checkout(command, tmp_path)
    environment = dict(os.environ, PATH=BARE_PATH, JUPYTER_PATH=str(jupyter_path))
    environment.pop("SWIFT_NOTEBOOKS_SWIFTC", None)
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, env=environment, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def without_checkout(command, tmp_path):
    """`command` run with empty folders mounted over the checkout's build folder and sources."""
    empty = tmp_path / "empty"
    empty.mkdir(exist_ok=True)
    mounts = " && ".join(f"mount --bind {empty} {ROOT / folder}" for folder in [".build", "Sources"])
    return ["unshare", "--mount", "sh", "-c", f'{mounts} && exec "$@"', "sh", *map(str, command)]


def write_notebook(path, sources):
    document = nbformat.v4.new_notebook()
    document.metadata["kernelspec"] = {"name": "swift", "display_name": "Swift", "language": "swift"}
    document.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    nbformat.write(document, str(path))
    return path


def module_files(cache):
    return sorted(str(p.relative_to(cache)) for p in cache.rglob("*") if p.suffix in {".pcm", ".swiftmodule"})


def can_hide_the_checkout():
    return subprocess.run(["unshare", "--mount", "true"], capture_output=True).returncode == 0


@pytest.fixture(scope="module")
def installation(tmp_path_factory):
    prefix = tmp_path_factory.mktemp("prefix")
    result = install(prefix, "swift-installed")
    assert result.returncode == 0, result.stderr
    return prefix, prefix / "lib" / "swift-notebooks" / VERSION


def test_an_installation_is_a_versioned_folder_with_links_and_a_kernelspec(installation):
    prefix, root = installation
    assert json.loads((root / "installation.json").read_text()) == {"version": VERSION, "swiftc": shutil.which("swiftc")}
    for command in ["swift-kernel", "nbrun"]:
        assert (prefix / "bin" / command).resolve() == root / "bin" / command
        version = subprocess.run([str(prefix / "bin" / command), "--version"], capture_output=True, text=True)
        assert version.stdout.strip() == f"{command} {VERSION}"
    assert (root / "runtime" / "libNotebookRuntime.so").exists()
    assert (root / "runtime" / "Modules" / "Neural.swiftdoc").exists()
    listed = subprocess.run([str(pathlib.Path(sys.executable).parent / "jupyter"), "kernelspec", "list", "--json"],
                            capture_output=True, text=True, check=True,
                            env=dict(os.environ, JUPYTER_PATH=str(prefix / "share" / "jupyter")))
    spec = json.loads(listed.stdout)["kernelspecs"]["swift-installed"]["spec"]
    assert spec["argv"] == [str(root / "bin" / "swift-kernel"), "--connection-file", "{connection_file}"]
    assert spec["env"] == {"SWIFT_NOTEBOOKS_SWIFTC": shutil.which("swiftc")}
    assert spec["language"] == "swift" and spec["interrupt_mode"] == "message"


@pytest.mark.skipif(not can_hide_the_checkout(), reason="mount namespaces (unshare --mount) are not permitted here")
def test_the_installed_kernel_needs_neither_the_checkout_nor_the_toolchain_on_path(installation, tmp_path):
    prefix, root = installation
    cache_before = module_files(root / "module-cache")
    assert cache_before, "the installation's module cache was not warmed"
    outputs = run_notebook(prefix / "share" / "jupyter", "swift-installed",
                           ["let t = Tensor([1, 2, 3])\nprint(t.sum())", "print(t.mean())"], tmp_path, hide_checkout=True)
    assert [[o.get("text") for o in cell] for cell in outputs] == [["6.0\n"], ["2.0\n"]]
    # The first cell found every module it needed in the cache the install warmed.
    assert module_files(root / "module-cache") == cache_before


@pytest.mark.skipif(not can_hide_the_checkout(), reason="mount namespaces (unshare --mount) are not permitted here")
def test_the_installed_nbrun_runs_a_notebook_without_the_checkout(installation, tmp_path):
    prefix, _ = installation
    notebook = write_notebook(tmp_path / "sum.ipynb", ["print(Tensor([[1, 2], [3, 4]]).sum())"])
    result = subprocess.run(without_checkout([prefix / "bin" / "nbrun", "--to", "ipynb", "--in-place", notebook], tmp_path),
                            capture_output=True, text=True, timeout=300, env=dict(os.environ, PATH=BARE_PATH))
    assert result.returncode == 0, result.stderr
    assert nbformat.read(str(notebook), as_version=4).cells[0].outputs[0]["text"] == "10.0\n"


def test_install_refuses_to_replace_a_file_and_uninstall_removes_what_it_made(tmp_path):
    prefix = tmp_path / "prefix"
    (prefix / "bin").mkdir(parents=True)
    (prefix / "bin" / "nbrun").write_text("#!/bin/sh\necho another nbrun\n")
    refused = install(prefix, "swift-twice")
    assert refused.returncode == 1
    assert f"{prefix}/bin/nbrun exists and is not a link" in refused.stderr
    assert not (prefix / "lib").exists() and (prefix / "bin" / "nbrun").read_text().endswith("another nbrun\n")

    (prefix / "bin" / "nbrun").unlink()
    assert install(prefix, "swift-twice").returncode == 0
    again = install(prefix, "swift-twice")   # the same version, installed again, replaces itself
    assert again.returncode == 0, again.stderr
    removed = subprocess.run([str(BUILD / "swift-kernel"), "uninstall", "--prefix", str(prefix), "--name", "swift-twice"],
                             capture_output=True, text=True, check=True)
    assert f"Removed {prefix}/lib/swift-notebooks/{VERSION}" in removed.stdout
    left = sorted(str(p.relative_to(prefix)) for p in prefix.rglob("*"))
    assert left == ["bin", "lib", "share", "share/jupyter", "share/jupyter/kernels"]


def test_a_compiler_of_another_version_is_named_plainly(installation, tmp_path):
    """A copy of the installation elsewhere whose runtime module says another compiler built it:
    the kernel's first cell and nbrun say which versions differ and how to fix it."""
    _, root = installation
    moved = tmp_path / "moved"
    shutil.copytree(root, moved, symlinks=True)
    module = moved / "runtime" / "Modules" / "NotebookRuntime.swiftmodule"
    data = module.read_bytes()
    built = re.search(rb"Swift version [^\x00]*", data).group(0)
    other = re.sub(rb"\d", b"0", built)
    module.write_bytes(data.replace(built, other))

    notebook = write_notebook(tmp_path / "n.ipynb", ["print(1)"])
    result = subprocess.run([str(moved / "bin" / "nbrun"), str(notebook)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 2
    assert f"the runtime was built by {other.decode()}" in result.stderr
    assert f"is {built.decode()}" in result.stderr and "SWIFT_NOTEBOOKS_SWIFTC" in result.stderr

    # An installation's install writes only a kernelspec, for that installation.
    kernels = tmp_path / "kernels"
    written = install(kernels, "swift-moved", binary=moved / "bin" / "swift-kernel")
    assert written.returncode == 0, written.stderr
    assert not (kernels / "lib").exists()
    outputs = run_notebook(kernels / "share" / "jupyter", "swift-moved", ["print(1)", "print(2)"], tmp_path)
    for cell in outputs:
        assert len(cell) == 1 and cell[0]["output_type"] == "error"
        assert f"the runtime was built by {other.decode()}" in cell[0]["evalue"]
