"""Shutdown, restart and a dying parent end the kernel and remove the session's temporary files."""
import glob
import json
import sqlite3
import os
import subprocess
import tempfile
import time

from jupyter_client.connect import write_connection_file
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


def test_restart_starts_a_fresh_session(kernelspec_dir):
    manager, client = start_new_kernel(kernel_name="swift", startup_timeout=60)
    client.execute_interactive("let survivor = 1", timeout=60)
    first_pid = manager.provisioner.process.pid
    # The shutdown reply says a restart follows; the kernel then exits and the manager starts a new one.
    client.shutdown(restart=True)
    reply = client.get_control_msg(timeout=30)
    assert reply["msg_type"] == "shutdown_reply"
    assert reply["content"] == {"status": "ok", "restart": True}
    broadcast = client.get_iopub_msg(timeout=30)
    while broadcast["msg_type"] == "status":
        broadcast = client.get_iopub_msg(timeout=30)
    assert broadcast["msg_type"] == "shutdown_reply" and broadcast["content"]["restart"] is True
    client.stop_channels()
    manager.restart_kernel(now=False)
    client = manager.client()
    client.start_channels()
    client.wait_for_ready(timeout=60)
    assert manager.provisioner.process.pid != first_pid
    reply = client.execute_interactive("print(survivor)", timeout=60)["content"]
    assert reply["status"] == "error" and reply["execution_count"] == 1
    client.stop_channels()
    manager.shutdown_kernel(now=False)


def test_the_kernel_exits_when_its_parent_dies(kernelspec_dir, tmp_path):
    connection_file, _ = write_connection_file(str(tmp_path / "kernel.json"), key=b"secret")
    binary = json.loads((kernelspec_dir / "kernels" / "swift" / "kernel.json").read_text())["argv"][0]
    parent = subprocess.Popen(["bash", "-c", '"$0" --connection-file "$1" & echo $!; wait', binary, connection_file],
                              stdout=subprocess.PIPE, text=True)
    kernel_pid = int(parent.stdout.readline())
    time.sleep(1)
    assert os.path.exists("/proc/%d" % kernel_pid)
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 10
    while _is_running(kernel_pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _is_running(kernel_pid)
    assert not glob.glob("%s/swift-cells-%d-*" % (tempfile.gettempdir().rstrip("/"), kernel_pid))


def _is_running(pid):
    """Whether `pid` is alive (a zombie, reaped by nobody yet, counts as ended)."""
    try:
        with open("/proc/%d/stat" % pid) as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_completion_without_sourcekitd_falls_back_to_names(kernelspec_dir, monkeypatch):
    monkeypatch.setenv("SWIFT_KERNEL_SOURCEKITD", "/nonexistent/libsourcekitdInProc.so")
    manager, client = start_new_kernel(kernel_name="swift", startup_timeout=60)
    try:
        client.execute_interactive("let fallbackValue = 1", timeout=60)
        client.complete("fallb", 5)
        assert client.get_shell_msg(timeout=30)["content"]["matches"] == ["fallbackValue"]
        client.complete("fallbackValue.", 14)
        reply = client.get_shell_msg(timeout=30)["content"]
        assert reply["status"] == "ok" and reply["matches"] == []
        # The runtime's names and doc comments come from its built modules (not its sources).
        client.complete("Sequ", 4)
        assert "Sequential" in client.get_shell_msg(timeout=60)["content"]["matches"]
        client.inspect("Dense", 5)
        reply = client.get_shell_msg(timeout=60)["content"]
        assert reply["found"] and "A fully connected layer" in reply["data"]["text/plain"]
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=False)


def test_history_without_its_file_is_kept_in_memory(kernelspec_dir, monkeypatch):
    assert history_after_one_cell(monkeypatch, "/proc/no-such-folder/history.sqlite") == [[1, 1, ["6 * 7", "42"]]]


def history_after_one_cell(monkeypatch, path):
    """The history a kernel whose history file is `path` gives after running `6 * 7`."""
    monkeypatch.setenv("SWIFT_KERNEL_HISTORY", str(path))
    manager, client = start_new_kernel(kernel_name="swift", startup_timeout=60)
    try:
        client.execute_interactive("6 * 7", timeout=60)
        client.history(hist_access_type="tail", n=5, output=True)
        return client.get_shell_msg(timeout=30)["content"]["history"]
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=False)


def test_a_history_file_of_an_earlier_kernel_is_adopted(kernelspec_dir, monkeypatch, tmp_path):
    # Kernels before the history moved to GRDB made this table, unmarked and without `output`.
    path = tmp_path / "old-history.sqlite"
    with sqlite3.connect(path) as old:
        old.execute("CREATE TABLE history (session INTEGER, line INTEGER, source TEXT, PRIMARY KEY (session, line))")
        old.execute("INSERT INTO history VALUES (1, 1, 'let old = 1')")
    assert history_after_one_cell(monkeypatch, path) == [[1, 1, ["let old = 1", None]], [2, 1, ["6 * 7", "42"]]]
    assert not list(tmp_path.glob("*.damaged-*"))


def test_two_kernels_started_at_once_keep_separate_histories(kernelspec_dir, monkeypatch, tmp_path):
    import concurrent.futures
    monkeypatch.setenv("SWIFT_KERNEL_HISTORY", str(tmp_path / "history.sqlite"))
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        kernels = list(pool.map(lambda _: start_new_kernel(kernel_name="swift", startup_timeout=60), range(2)))
    try:
        for index, (_, client) in enumerate(kernels):
            client.execute_interactive(f"let kernel{index} = {index}", timeout=60)
        histories = []
        for _, client in kernels:
            client.history(hist_access_type="range", session=0, start=1, stop=10, output=False)
            histories.append(client.get_shell_msg(timeout=30)["content"]["history"])
    finally:
        for manager, client in kernels:
            client.stop_channels()
            manager.shutdown_kernel(now=False)
    assert [[source for _, _, source in history] for history in histories] == [["let kernel0 = 0"], ["let kernel1 = 1"]]
    assert histories[0][0][0] != histories[1][0][0]
    with sqlite3.connect(tmp_path / "history.sqlite") as db:
        assert db.execute("SELECT COUNT(DISTINCT session), COUNT(*) FROM history").fetchone() == (2, 2)


def test_a_history_file_of_another_program_is_moved_aside(kernelspec_dir, monkeypatch, tmp_path):
    path = tmp_path / "history.sqlite"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    assert history_after_one_cell(monkeypatch, path) == [[1, 1, ["6 * 7", "42"]]]
    aside = list(tmp_path.glob("history.sqlite.damaged-*"))
    assert aside and sqlite3.connect(aside[0]).execute("SELECT name FROM sqlite_master").fetchall() == [("photos",)]
