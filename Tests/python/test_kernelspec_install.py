"""`swift-kernel install` writes a kernelspec that jupyter_client finds and can start."""
import json
import subprocess

from jupyter_client.kernelspec import KernelSpecManager

from conftest import ROOT


def test_install_with_prefix_and_name(tmp_path):
    binary = (ROOT / ".build" / "debug" / "swift-kernel").resolve()
    result = subprocess.run([str(binary), "install", "--prefix", str(tmp_path), "--name", "swift-test"],
                            capture_output=True, text=True, check=True)
    assert "Installed" in result.stdout
    manager = KernelSpecManager(kernel_dirs=[str(tmp_path / "share" / "jupyter" / "kernels")])
    spec = manager.get_kernel_spec("swift-test")
    assert spec.argv == [str(binary), "--connection-file", "{connection_file}"]
    assert spec.language == "swift" and spec.interrupt_mode == "message"
    folder = tmp_path / "share" / "jupyter" / "kernels" / "swift-test"
    assert (folder / "logo-64x64.png").read_bytes().startswith(b"\x89PNG")
    assert json.loads((folder / "kernel.json").read_text())["display_name"] == "Swift"
