"""Starts our kernel through jupyter_client, the way JupyterLab does: from a kernelspec."""
import json
import os
import pathlib
import tempfile

import pytest
from jupyter_client.manager import start_new_kernel

ROOT = pathlib.Path(__file__).resolve().parents[2]


def _install_test_kernelspec():
    """A JUPYTER_PATH holding a kernelspec that runs the debug build of swift-kernel, set for the
    whole test run (jupyter_kernel_test's unittest classes start kernels by name too)."""
    binary = ROOT / ".build" / "debug" / "swift-kernel"
    base = pathlib.Path(tempfile.mkdtemp(prefix="swift-kernelspec-"))
    spec = base / "kernels" / "swift"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [str(binary.resolve()), "--connection-file", "{connection_file}"],
        "display_name": "Swift", "language": "swift", "interrupt_mode": "message",
    }))
    os.environ["JUPYTER_PATH"] = str(base)
    os.environ["SWIFT_KERNEL_HISTORY"] = str(base / "history.sqlite")   # never the user's own history
    return base, binary


KERNELSPEC_DIR, KERNEL_BINARY = _install_test_kernelspec()


@pytest.fixture(scope="session")
def kernelspec_dir():
    assert KERNEL_BINARY.exists(), "build swift-kernel first (make test does)"
    return KERNELSPEC_DIR


@pytest.fixture(scope="session")
def kernel_pair(kernelspec_dir):
    """The kernel's manager (for interrupts and shutdown) and a client."""
    manager, client = start_new_kernel(kernel_name="swift", startup_timeout=60)
    yield manager, client
    client.stop_channels()
    manager.shutdown_kernel(now=False)


@pytest.fixture(scope="session")
def kernel(kernel_pair):
    return kernel_pair[1]
