"""`swift-kernel install --kernelspec-only` writes a kernelspec for the build folder's kernel that
jupyter_client finds (the full installation: test_install.py)."""
import json
import shutil
import subprocess

from jupyter_client.kernelspec import KernelSpecManager

from conftest import ROOT


def test_install_with_prefix_and_name(tmp_path):
    binary = (ROOT / ".build" / "debug" / "swift-kernel").resolve()
    result = subprocess.run([str(binary), "install", "--kernelspec-only", "--prefix", str(tmp_path), "--name", "swift-test"],
                            capture_output=True, text=True, check=True)
    assert "Installed" in result.stdout
    manager = KernelSpecManager(kernel_dirs=[str(tmp_path / "share" / "jupyter" / "kernels")])
    spec = manager.get_kernel_spec("swift-test")
    assert spec.argv == [str(binary), "--connection-file", "{connection_file}"]
    assert spec.language == "swift" and spec.interrupt_mode == "message"
    assert spec.env == {"SWIFT_NOTEBOOKS_SWIFTC": shutil.which("swiftc")}
    assert not (tmp_path / "lib").exists()
    folder = tmp_path / "share" / "jupyter" / "kernels" / "swift-test"
    assert (folder / "logo-64x64.png").read_bytes().startswith(b"\x89PNG")
    assert json.loads((folder / "kernel.json").read_text())["display_name"] == "Swift"
