"""The tutorial notebooks: reproducible with nbrun, the same through the Jupyter kernel, teaching what
they say, and rendered into reports that open in a browser with no error and no network request."""
import json
import os
import pathlib
import re
import shutil

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

from nbrun_support import ROOT, merged_streams, nbrun

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def test_the_course_has_seven_notebooks():
    assert [path.name[:2] for path in NOTEBOOKS] == ["01", "02", "03", "04", "05", "06", "07"]


def test_the_committed_notebooks_are_reproduced_by_nbrun_check():
    result = nbrun("check", *NOTEBOOKS, timeout=1800)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_course_is_the_same_bytes_under_another_kernel_variant_and_thread_count():
    """The environment's switches, in real processes: the vector variant below this CPU's widest
    (AVX2 where it has AVX-512, else the portable one) and three threads reproduce the trainings'
    committed outputs, recorded with the widest variant on two threads."""
    flags = pathlib.Path("/proc/cpuinfo").read_text().split()
    variant = "avx2" if "avx512f" in flags else "portable"
    notebooks = NOTEBOOKS[2:] if variant == "avx2" else NOTEBOOKS[2:3]   # portable: slow, one training
    env = dict(os.environ, SWIFT_NOTEBOOKS_KERNELS=variant, SWIFT_NOTEBOOKS_THREADS="3")
    result = nbrun("check", *notebooks, timeout=1800, env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def outputs(path):
    return nbformat.read(str(path), as_version=4)


def text_of(cell):
    return "".join(o.get("text", "") for o in cell.outputs if o["output_type"] == "stream") \
        + "".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs if "data" in o)


def test_each_notebook_teaches_what_it_says():
    first, _, third, fourth, fifth, sixth, seventh = (outputs(path) for path in NOTEBOOKS)
    assert any("110" in text_of(cell) for cell in first.cells if cell.cell_type == "code")
    printed = "".join(text_of(cell) for cell in third.cells if cell.cell_type == "code")
    best = float(re.search(r"Lowest validation loss: ([0-9.]+)", printed).group(1))
    assert 0.09 <= best <= 0.11
    loss_chart = next(o["data"]["image/svg+xml"] for cell in third.cells if cell.cell_type == "code" and "history.plot()" in cell.source
                      for o in cell.outputs if "image/svg+xml" in o.get("data", {}))
    assert loss_chart.count("<path fill=\"none\"") == 2 and ">loss<" in loss_chart and ">val_loss<" in loss_chart
    trained = "".join(text_of(cell) for cell in fourth.cells if cell.cell_type == "code")
    first_epoch = float(re.search(r"MAE after epoch 1: ([0-9.]+)", trained).group(1))
    last_epoch = float(re.search(r"MAE after epoch 100: ([0-9.]+)", trained).group(1))
    assert last_epoch < first_epoch
    stopped = re.search(r"Training stopped after epoch (\d+) of at most (\d+)", "".join(text_of(c) for c in fifth.cells if c.cell_type == "code"))
    assert int(stopped.group(1)) < int(stopped.group(2))
    # 06: a classifier at least 93 % right on the validation tumours, its confusion matrix, the model
    # loaded back with the same predictions.
    classified = "".join(text_of(cell) for cell in sixth.cells if cell.cell_type == "code")
    assert float(re.search(r"Validation accuracy there: ([0-9.]+)", classified).group(1)) >= 0.93
    assert "true \\ predicted  benign  malignant" in classified and "grid 2×2" in classified
    assert next(text_of(cell) for cell in sixth.cells if "Sequential(contentsOf:" in cell.source).strip() == "true"
    # 07: the convnet at least 95 % right on the validation digits and ahead of the dense network,
    # the digits, feature maps and mistakes drawn.
    convolved = "".join(text_of(cell) for cell in seventh.cells if cell.cell_type == "code")
    dense = float(re.search(r"Dense network: validation accuracy ([0-9.]+)", convolved).group(1))
    convnet = float(re.search(r"Convolutional network: validation accuracy ([0-9.]+)", convolved).group(1))
    assert convnet >= 0.95 and convnet > dense
    assert "20 images 8×8" in convolved and "32 images 8×8" in convolved and "grid 10×10" in convolved


@pytest.mark.parametrize("name", ["03-stochastic-gradient-descent.ipynb", "05-overfitting-and-underfitting.ipynb"])
def test_the_epochs_parameter_works(tmp_path, name):
    result = nbrun(ROOT / "notebooks" / name, "-p", "epochs=3", "--no-cache", "--to", "ipynb", "--output-dir", tmp_path,
                   timeout=900)
    assert result.returncode == 0, result.stderr
    executed = outputs(tmp_path / name)
    injected = [cell for cell in executed.cells if "injected-parameters" in cell.metadata.get("tags", [])]
    assert injected and "let epochs: Int = 3" in injected[0].source
    # The three-epoch run trains three epochs: its loss charts have three points.
    assert "loss (3 points), val_loss (3 points)" in json.dumps([cell.outputs for cell in executed.cells if cell.cell_type == "code"])


@pytest.fixture(scope="module")
def release_kernel(tmp_path_factory):
    """A kernelspec for the release build of the kernel, whose runtime trains at full speed."""
    binary = ROOT / ".build" / "release" / "swift-kernel"
    assert binary.exists(), "build swift-kernel in release mode first (make test does)"
    folder = tmp_path_factory.mktemp("kernels") / "swift-release"
    folder.mkdir()
    (folder / "kernel.json").write_text(json.dumps({
        "argv": [str(binary), "--connection-file", "{connection_file}"],
        "display_name": "Swift (release)", "language": "swift", "interrupt_mode": "message"}))
    manager = KernelSpecManager()
    manager.kernel_dirs = [str(folder.parent)]
    return manager


@pytest.mark.parametrize("index", range(7))
def test_the_kernel_gives_the_same_outputs_as_nbrun(release_kernel, tmp_path, index):
    source = NOTEBOOKS[index]
    shutil.copytree(ROOT / "notebooks" / "data", tmp_path / "data")
    notebook = nbformat.read(str(source), as_version=4)
    stored = [cell.outputs for cell in notebook.cells if cell.cell_type == "code"]
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    manager = KernelManager(kernel_name="swift-release", kernel_spec_manager=release_kernel)
    NotebookClient(notebook, km=manager, timeout=600, resources={"metadata": {"path": str(tmp_path)}}).execute()
    through_kernel = [merged_streams(cell.outputs) for cell in notebook.cells if cell.cell_type == "code"]
    for number, (kernel_outputs, nbrun_outputs) in enumerate(zip(through_kernel, stored), start=1):
        assert kernel_outputs == [dict(o) for o in nbrun_outputs], f"{source.name}, code cell {number}"


def test_the_reports_open_with_no_error_and_no_network_request(tmp_path):
    from playwright.sync_api import sync_playwright
    result = nbrun(*NOTEBOOKS, "--output-dir", tmp_path, "--to", "html", "--title", "Deep learning in Swift",
                   "--cache", tmp_path / "cache.sqlite", timeout=1800)
    assert result.returncode == 0, result.stderr
    screenshots = ROOT / "nbrun-check"
    screenshots.mkdir(exist_ok=True)
    pages = ["index.html"] + [path.stem + ".html" for path in NOTEBOOKS]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        for scheme in ("light", "dark"):
            context = browser.new_context(color_scheme=scheme, viewport={"width": 1000, "height": 900})
            page = context.new_page()
            requests, problems = [], []
            page.on("request", lambda request: requests.append(request.url))
            page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
            page.on("pageerror", lambda error: problems.append(str(error)))
            for name in pages:
                page.goto((tmp_path / name).as_uri())
                page.wait_for_load_state("load")
                page.screenshot(path=str(screenshots / f"{pathlib.Path(name).stem}-{scheme}.png"), full_page=True)
            external = [url for url in requests if not url.startswith(("file:", "data:"))]
            assert external == [] and problems == [], (external, problems)
            context.close()
        phone = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
        page = phone.new_page()
        page.goto((tmp_path / pages[3]).as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
        page.screenshot(path=str(screenshots / "03-phone.png"))
        browser.close()
