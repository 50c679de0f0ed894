"""Kernel start-up and protocol round trips, ours against ipykernel, through jupyter_client.

    python kernel_bench.py path/to/swift-kernel

Prints, per kernel: process start to the first kernel_info_reply (median of 10), the round
trip of a kernel_info request on a running kernel (the protocol path alone, median of 50), and
member completion of `values.` on a list: the first request and the median of 20 after it; the
first Tab of a new session (`Seq`, sent 1 s after the first kernel_info_reply, before any cell: the
time ours has to warm sourcekitd up). For ours also the trivial cells of cell-bench (`print(N)`,
`let a = N`, `_ = f() + N`, 30 of them, each new) through the kernel: the whole execute round trip,
p50 and p95, and the part of it beyond the engine's own time; and a cell run again unchanged (30
times after its first run), which is not compiled again.
"""
import json
import os
import statistics
import sys
import tempfile
import time
from queue import Empty

from jupyter_client.manager import KernelManager

binary = os.path.abspath(sys.argv[1])
base = tempfile.mkdtemp(prefix="kernel-bench-")
os.makedirs(os.path.join(base, "kernels", "swift"))
with open(os.path.join(base, "kernels", "swift", "kernel.json"), "w") as f:
    json.dump({"argv": [binary, "--connection-file", "{connection_file}"], "display_name": "Swift",
               "language": "swift", "interrupt_mode": "message"}, f)
os.environ["JUPYTER_PATH"] = base + os.pathsep + os.environ.get("JUPYTER_PATH", "")


def first_kernel_info_reply(client):
    """When the first kernel_info_reply arrives, asking every 10 ms until one does. (The client's
    wait_for_ready would add its own IOPub flush, 0.2 s of quiet, to every kernel's time.)"""
    deadline = time.perf_counter() + 60
    while time.perf_counter() < deadline:
        client.kernel_info()
        try:
            while True:
                if client.get_shell_msg(timeout=0.01)["msg_type"] == "kernel_info_reply":
                    return time.perf_counter()
        except Empty:
            continue
    raise RuntimeError("no kernel_info_reply within 60 s")


def complete_round_trip(client, code):
    t = time.perf_counter()
    client.complete(code, len(code))
    reply = client.get_shell_msg(timeout=60)["content"]
    assert "append" in reply["matches"], reply
    return time.perf_counter() - t


def measure(name):
    starts, trips, overheads, executes, reruns, completions, first_tab = [], [], [], [], [], [], None
    for run in range(10):
        manager = KernelManager(kernel_name=name)
        t = time.perf_counter()
        manager.start_kernel()
        client = manager.client()
        client.start_channels()
        starts.append(first_kernel_info_reply(client) - t)
        if run == 1:
            time.sleep(1)
            t = time.perf_counter()
            client.complete("Seq", 3)
            reply = client.get_shell_msg(timeout=60)
            while reply["msg_type"] != "complete_reply":   # kernel_info_replies of the polling before
                reply = client.get_shell_msg(timeout=60)
            reply = reply["content"]
            first_tab = time.perf_counter() - t
            if name == "swift":
                assert "Sequential" in reply["matches"], reply
        client.wait_for_ready(timeout=60)
        if run == 0:
            for _ in range(50):
                t = time.perf_counter()
                client.kernel_info(reply=True, timeout=10)
                trips.append(time.perf_counter() - t)
            if name == "swift":
                client.execute_interactive("func f() -> Int { 1 }", timeout=60)   # the first cell starts the runner
                for index in range(30):
                    t = time.perf_counter()
                    reply = client.execute_interactive(["print(%d)", "let a = %d", "_ = f() + %d"][index % 3] % index, timeout=60,
                                                       output_hook=lambda message: None)
                    executes.append(time.perf_counter() - t)
                    overheads.append(executes[-1] - reply["metadata"]["engine_seconds"])
                client.execute_interactive("var count = 0", timeout=60)
                for index in range(31):
                    t = time.perf_counter()
                    client.execute_interactive("count += 1\nprint(count)", timeout=60, output_hook=lambda message: None)
                    if index > 0:   # the first run compiles
                        reruns.append(time.perf_counter() - t)
            client.execute_interactive("let values = [1.0]" if name == "swift" else "values = [1.0]", timeout=60)
            completions = [complete_round_trip(client, "values.") for _ in range(21)]
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    return (statistics.median(starts), statistics.median(trips), (statistics.median(overheads) if overheads else None),
            sorted(executes), sorted(reruns), completions[0], statistics.median(completions[1:]), first_tab)


def p95(values):
    return values[int(0.95 * (len(values) - 1))] if values else None


for name in ("swift", "python3"):
    start, trip, overhead, executes, reruns, first_completion, completion, first_tab = measure(name)
    print("%-8s start to kernel_info_reply median %.3f s; kernel_info round trip median %.2f ms"
          % (name, start, trip * 1e3))
    if overhead is not None:
        print("%-8s trivial cell through the kernel: p50 %.3f s, p95 %.3f s; beyond the engine's own time: median %.2f ms"
              % (name, statistics.median(executes), p95(executes), overhead * 1e3))
        print("%-8s cell run again unchanged through the kernel: p50 %.1f ms, p95 %.1f ms"
              % (name, statistics.median(reruns) * 1e3, p95(reruns) * 1e3))
    print("%-8s completion of `values.`: first %.1f ms, then median %.1f ms; first Tab of a new session %.1f ms"
          % (name, first_completion * 1e3, completion * 1e3, first_tab * 1e3))
    print("RESULT " + json.dumps({"script": "kernel_" + name, "start_s": start, "round_trip_s": trip,
                                  "execute_overhead_s": overhead, "first_completion_s": first_completion,
                                  "execute_p50_s": statistics.median(executes) if executes else None,
                                  "execute_p95_s": p95(executes),
                                  "rerun_p50_s": statistics.median(reruns) if reruns else None, "rerun_p95_s": p95(reruns),
                                  "first_tab_s": first_tab, "completion_s": completion}))
