"""JupyterLab itself, in headless Chromium (Playwright), runs a notebook with our kernel: the wine
table, the live training display, a history chart, member completion and the tooltip.
Screenshots go to jupyterlab-check/ (git-ignored), to look at by eye."""
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import nbformat
from playwright.sync_api import sync_playwright

import conftest

CELLS = [
    'let wine = try DataFrame(csv: "winequality-red.csv")\n'
    'let train = try wine.sample(fraction: 0.8, seed: 1)\n'
    'let x = try train.dropping(columns: ["quality"]).tensor()\n'
    'let y = try train["quality"].tensor()\n'
    'wine.describe()',
    'let model = Sequential(seed: 1) {\n'
    '    Dense(64, activation: .relu, inputShape: [11])\n'
    '    Dense(1)\n'
    '}\n'
    'model.compile(optimizer: Adam(), loss: .meanSquaredError)\n'
    'let history = try model.fit(x, y, batchSize: 64, epochs: 20, validationSplit: 0.2)',
    'history.plot()',
]


def wait_for(description, predicate, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.5)
    raise AssertionError("JupyterLab showed no %s within %d s" % (description, timeout))


def answers(url):
    try:
        with urllib.request.urlopen(url, timeout=5):
            return True
    except OSError:
        return False


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_notebook_in_jupyterlab(kernelspec_dir, tmp_path):
    screenshots = conftest.ROOT / "jupyterlab-check"
    screenshots.mkdir(exist_ok=True)
    shutil.copy(conftest.ROOT / "notebooks" / "data" / "winequality-red.csv", tmp_path)
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "swift", "display_name": "Swift", "language": "swift"}
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in CELLS]
    nbformat.write(notebook, str(tmp_path / "check.ipynb"))
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--port", str(port), "--IdentityProvider.token=check",
         "--ServerApp.root_dir=" + str(tmp_path), "--allow-root"],
        stdout=open(screenshots / "server.log", "w"), stderr=subprocess.STDOUT)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1300, "height": 1500})
            url = "http://127.0.0.1:%d/lab/tree/check.ipynb?token=check" % port
            wait_for("server", lambda: answers(url), 60)
            page.goto(url)
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60000)
            wait_for("idle Swift kernel", lambda: "Swift | Idle" in page.inner_text(".jp-StatusBar-Widget"))
            page.click(".jp-Cell .jp-InputArea-editor")
            for _ in CELLS:
                page.keyboard.press("Shift+Enter")
            wait_for("data table", lambda: page.locator(".jp-OutputArea-output table").count() > 0)
            wait_for("final epoch in the live display", lambda: "Epoch 20/20" in page.inner_text(".jp-Notebook"))
            def charts_in(cell):
                return page.locator(".jp-Notebook .jp-Cell").nth(cell).locator(
                    ".jp-OutputArea-output svg, .jp-OutputArea-output img").count()
            wait_for("loss chart in the live display", lambda: charts_in(1) == 1)
            wait_for("history chart", lambda: charts_in(2) == 1)
            assert page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').count() == 0
            page.screenshot(path=str(screenshots / "notebook.png"), full_page=True)
            page.keyboard.type("model.fi")
            page.keyboard.press("Tab")
            completer = page.locator(".jp-Completer")
            wait_for("completion of model.fi", lambda: completer.count() > 0 and "fit" in completer.inner_text(), 30)
            page.screenshot(path=str(screenshots / "completion.png"))
            page.keyboard.press("Escape")
            page.keyboard.type("t(")
            page.keyboard.press("Shift+Tab")
            tooltip = page.locator(".jp-Tooltip")
            wait_for("tooltip of model.fit(", lambda: tooltip.count() > 0 and "Trains the model" in tooltip.inner_text(), 30)
            page.screenshot(path=str(screenshots / "tooltip.png"))
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
