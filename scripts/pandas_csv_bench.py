"""pandas' time for what `neural-bench` times as `csv`: read the wine CSV, then features and target to NumPy.

    python pandas_csv_bench.py path/to/winequality-red.csv
"""
import json
import statistics
import sys
import time

import pandas as pd

path = sys.argv[1]
times = []
for _ in range(51):
    t = time.perf_counter()
    wine = pd.read_csv(path)
    wine.drop("quality", axis=1).to_numpy(dtype="float32")
    wine["quality"].to_numpy(dtype="float32")
    times.append(time.perf_counter() - t)
times = times[1:]
print("pandas csv: read + to_numpy median %.5f s" % statistics.median(times))
print("RESULT " + json.dumps({"script": "pandas_csv", "median_s": statistics.median(times)}))
