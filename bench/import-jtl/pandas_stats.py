"""pandas baseline for the import benchmark: read the JTL, per-label count/mean/p50/p90/p95/p99.
Usage: /usr/bin/python3 bench/import-jtl/pandas_stats.py <file.jtl>; prints one JSON line."""
import json
import resource
import sys
import time

import pandas as pd

path = sys.argv[1]
started = time.perf_counter()
cpu_started = time.process_time()
frame = pd.read_csv(path, usecols=["timeStamp", "elapsed", "label", "success", "bytes", "sentBytes", "allThreads"])
grouped = frame.groupby("label")["elapsed"]
stats = grouped.agg(["count", "mean"])
quantiles = grouped.quantile([0.5, 0.9, 0.95, 0.99]).unstack()
seconds = time.perf_counter() - started
cpu_seconds = time.process_time() - cpu_started
print(
    json.dumps(
        {
            "rows": int(len(frame)),
            "seconds": seconds,
            "cpuSeconds": cpu_seconds,
            "maxRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "labels": int(len(stats)),
            "p50OfFirstLabel": float(quantiles.iloc[0][0.5]),
        }
    )
)
