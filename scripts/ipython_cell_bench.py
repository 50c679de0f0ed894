"""IPython's trivial-cell round trip through a real kernel (ipykernel over ZeroMQ), the figure
`cell-bench` is compared with: the same three trivial cells, 50 times, p50 and p95.

    python ipython_cell_bench.py
"""
import json
import statistics
import time

from jupyter_client.manager import start_new_kernel

manager, client = start_new_kernel(kernel_name="python3")
try:
    client.execute_interactive("def f():\n    return 42", timeout=60)
    cells = ["print(1)", "a = 1", "_ = f()"]
    times = []
    for index in range(50):
        t = time.perf_counter()
        reply = client.execute_interactive(cells[index % 3], timeout=60, output_hook=lambda msg: None)
        times.append(time.perf_counter() - t)
        assert reply["content"]["status"] == "ok"
    times.sort()
    p50, p95 = statistics.median(times), times[round(0.95 * (len(times) - 1))]
    print("ipython: trivial cell round trip p50 %.4f s, p95 %.4f s" % (p50, p95))
    print("RESULT " + json.dumps({"script": "ipython_cells", "p50_s": p50, "p95_s": p95}))
finally:
    client.stop_channels()
    manager.shutdown_kernel(now=True)
