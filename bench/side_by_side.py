#!/usr/bin/env python3
"""EmbedLab against the Python peer, side by side, in one run on this machine.

Runs bench/peer/ref_train_step.py (PyTorch eager on Debian's python3-torch, the same ATen as
libtorch-dev) in each of its thread and precision settings, and EmbedLab's bench_train and
bench_encode in each precision, preset by preset (tiny, mini, small), alternating between the
two so that drift in the machine's load hits both. Prints a table of ratios, EmbedLab's best
against the peer's best setting, and one JSON object (--json FILE writes it too).

The issue-25 targets: train >= 1.3x and encode >= 1.4x the peer's best setting.

usage: python3 bench/side_by_side.py [--build build] [--preset tiny --preset small ...]
                                     [--peer-steps 10] [--json out.json]
"""
import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PEER = os.path.join(HERE, "peer", "ref_train_step.py")
TRAIN_TARGET = 1.3
ENCODE_TARGET = 1.4


def peer_settings(cpus):
    """(label, environment, peer arguments): the splits the peer's README measures."""
    passive = {"OMP_WAIT_POLICY": "PASSIVE"}
    return [
        (f"fp32 torch 1 / BLAS {cpus}", {}, ["--threads", "1", "--blas-threads", str(cpus)]),
        (f"fp32 torch {cpus} / BLAS {cpus} PASSIVE", passive,
         ["--threads", str(cpus), "--blas-threads", str(cpus)]),
        (f"bf16 torch {cpus} / BLAS {cpus} PASSIVE", passive,
         ["--threads", str(cpus), "--blas-threads", str(cpus), "--bf16"]),
    ]


def run_json(command, environment, key):
    """Runs `command`; returns the last stdout line that parses as JSON and has `key`."""
    env = dict(os.environ, **environment)
    started = time.monotonic()
    done = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, check=False)
    elapsed = time.monotonic() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    for line in reversed(done.stdout.splitlines()):
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        if key in record:
            record["wall_s"] = round(elapsed, 1)
            return record
    sys.exit(f"{' '.join(command)} printed no JSON with {key}:\n{done.stdout[-2000:]}")


def measure_preset(args, preset, cpus, log):
    peer_common = ["/usr/bin/python3", PEER, "--preset", preset, "--json", "--time-budget", "600"]
    rows = {"train": {"peer": [], "embedlab": []}, "encode": {"peer": [], "embedlab": []}}
    bench = os.path.join(args.build, "bench")
    for label, environment, extra in peer_settings(cpus):
        record = run_json(peer_common + ["--batch", "16", "--group", "2", "--qlen", "32",
                                         "--plen", "128", "--steps", str(args.peer_steps),
                                         "--warmup", "2"] + extra, environment, "samples_per_s")
        rows["train"]["peer"].append((label, record["samples_per_s"]))
        log(f"{preset} train peer {label}: {record['samples_per_s']:.2f} samples/s")
        record = run_json(peer_common + ["--encode", "--encode-batch", "128", "--plen", "128",
                                         "--steps", str(max(3, args.peer_steps // 2)),
                                         "--warmup", "1"] + extra, environment, "passages_per_s")
        rows["encode"]["peer"].append((label, record["passages_per_s"]))
        log(f"{preset} encode peer {label}: {record['passages_per_s']:.1f} passages/s")
    for precision in args.precisions:
        flags = ["--bf16"] if precision == "bf16" else []
        record = run_json([os.path.join(bench, "bench_train"), "--preset", preset, "--no-memory",
                           "--steps", str(args.embedlab_steps)] + flags, {}, "samples_per_s")
        rows["train"]["embedlab"].append((precision, record["samples_per_s"], record["threads"]))
        log(f"{preset} train EmbedLab {precision}: {record['samples_per_s']:.2f} samples/s")
        record = run_json([os.path.join(bench, "bench_encode"), "--preset", preset] + flags, {},
                          "passages_per_s")
        rows["encode"]["embedlab"].append((precision, record["passages_per_s"], record["threads"]))
        log(f"{preset} encode EmbedLab {precision}: {record['passages_per_s']:.1f} passages/s")
    return rows


def summarise(preset, job, rows):
    peer_best = max(rows["peer"], key=lambda row: row[1])
    ours_best = max(rows["embedlab"], key=lambda row: row[1])
    per_precision = {}
    for precision, value, _ in rows["embedlab"]:
        peer_same = [v for label, v in rows["peer"] if label.startswith(precision)]
        per_precision[precision] = {
            "embedlab": value,
            "ratio_to_peer_best": value / peer_best[1],
            "ratio_to_peer_same_precision": value / max(peer_same) if peer_same else None,
        }
    target = TRAIN_TARGET if job == "train" else ENCODE_TARGET
    return {
        "preset": preset, "job": job,
        "unit": "samples/s" if job == "train" else "passages/s",
        "peer_best_setting": peer_best[0], "peer_best": peer_best[1],
        "peer_all": dict((label, value) for label, value in rows["peer"]),
        "embedlab_best_precision": ours_best[0], "embedlab_best": ours_best[1],
        "embedlab_threads": ours_best[2],
        "ratio": ours_best[1] / peer_best[1], "target": target,
        "meets_target": ours_best[1] / peer_best[1] >= target,
        "per_precision": per_precision,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default=os.path.join(os.path.dirname(HERE), "build"))
    parser.add_argument("--preset", action="append", choices=("tiny", "mini", "small"))
    parser.add_argument("--precision", dest="precisions", action="append",
                        choices=("fp32", "bf16"))
    parser.add_argument("--peer-steps", type=int, default=10)
    parser.add_argument("--embedlab-steps", type=int, default=8)
    parser.add_argument("--cpus", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--json", help="also write the JSON summary here")
    args = parser.parse_args()
    args.preset = args.preset or ["tiny", "mini", "small"]
    args.precisions = args.precisions or ["fp32", "bf16"]
    for program in ("bench_train", "bench_encode"):
        if not os.access(os.path.join(args.build, "bench", program), os.X_OK):
            sys.exit(f"{program} is not built in {args.build}/bench "
                     f"(cmake --build {args.build} --target {program})")
    if subprocess.run(["/usr/bin/python3", "-c", "import torch"], capture_output=True).returncode:
        sys.exit("the peer needs Debian's python3-torch: apt-get install python3-torch")

    def log(message):
        print(message, file=sys.stderr, flush=True)

    summaries = []
    for preset in args.preset:
        rows = measure_preset(args, preset, args.cpus, log)
        for job in ("train", "encode"):
            summaries.append(summarise(preset, job, rows[job]))

    print(f"{'preset':<7} {'job':<7} {'peer best (setting)':<48} {'EmbedLab best':<20} "
          f"{'ratio':>6} {'target':>6}")
    for s in summaries:
        peer = f"{s['peer_best']:.2f} ({s['peer_best_setting']})"
        ours = f"{s['embedlab_best']:.2f} ({s['embedlab_best_precision']})"
        mark = "ok" if s["meets_target"] else "below"
        print(f"{s['preset']:<7} {s['job']:<7} {peer:<48} {ours:<20} {s['ratio']:>5.2f}x "
              f"{s['target']:>5.1f}x {mark}")
    result = {"bench": "side_by_side", "cpus": args.cpus, "results": summaries}
    print(json.dumps(result))
    if args.json:
        with open(args.json, "w") as out:
            json.dump(result, out, indent=2)


if __name__ == "__main__":
    main()
