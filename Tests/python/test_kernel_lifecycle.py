"""Shutdown ends the kernel and removes the session's temporary files."""
import glob
import tempfile
import time

from jupyter_client.manager import start_new_kernel


def test_shutdown_exits_and_cleans_up(kernelspec_dir):
    manager, client = start_new_kernel(kernel_name="swift", startup_timeout=60)
    client.execute_interactive("let x = 1", timeout=60)
    pid = manager.provisioner.process.pid
    pattern = "%s/swift-cells-%d-*" % (tempfile.gettempdir().rstrip("/"), pid)
    assert glob.glob(pattern), "the session's work folder should exist while the kernel runs"
    client.stop_channels()
    manager.shutdown_kernel(now=False)
    deadline = time.monotonic() + 10
    while manager.is_alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not manager.is_alive()
    assert not glob.glob(pattern)
