"""Interrupts arrive on the control channel while a cell runs (interrupt_mode: message)."""
import signal
import time


def reply_to(client, msg_id, timeout):
    """The execute_reply to request `msg_id`, skipping the shell replies before it."""
    reply = client.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = client.get_shell_msg(timeout=timeout)
    return reply["content"]


def printed(client, code):
    """What running `code` prints."""
    outputs = []
    client.execute_interactive(code, timeout=60, output_hook=outputs.append)
    return "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream")


def test_interrupting_a_tight_loop_returns_within_a_second(kernel_pair):
    manager, client = kernel_pair
    client.execute_interactive("var kept = 7", timeout=60)
    msg_id = client.execute("var spins = 0\nwhile true { spins &+= 1 }")
    time.sleep(2)
    started = time.monotonic()
    manager.interrupt_kernel()
    reply = reply_to(client, msg_id, timeout=10)
    assert time.monotonic() - started < 1.5
    assert reply["status"] == "error"
    assert reply["ename"] == "Interrupted"
    assert printed(client, "print(kept)") == "7\n"


def test_sigint_interrupts_too(kernel_pair):
    manager, client = kernel_pair
    msg_id = client.execute("while true {}")
    time.sleep(2)
    manager.signal_kernel(signal.SIGINT)
    assert reply_to(client, msg_id, timeout=10)["ename"] == "Interrupted"


def test_interrupting_a_package_build_keeps_the_session(kernel_pair, tmp_path):
    # A local package is built on each %install: interrupt once SwiftPM's output shows.
    package = tmp_path / "Slow"
    (package / "Sources" / "Slow").mkdir(parents=True)
    (package / "Package.swift").write_text(
        '// swift-tools-version: 5.9\nimport PackageDescription\n'
        'let package = Package(name: "Slow", products: [.library(name: "Slow", targets: ["Slow"])], targets: [.target(name: "Slow")])\n')
    (package / "Sources" / "Slow" / "Slow.swift").write_text("public let slow = 1\n")
    manager, client = kernel_pair
    client.execute_interactive("var kept = 8", timeout=60)
    msg_id = client.execute("%%install '.package(path: \"%s\")' Slow" % package)
    while True:
        message = client.get_iopub_msg(timeout=60)
        if message["parent_header"].get("msg_id") == msg_id and message["msg_type"] in ("display_data", "update_display_data"):
            break
    started = time.monotonic()
    manager.interrupt_kernel()
    reply = reply_to(client, msg_id, timeout=30)
    assert time.monotonic() - started < 6
    assert reply["status"] == "error"
    assert reply["ename"] == "Interrupted"
    assert printed(client, "print(kept)") == "8\n"
