#!/usr/bin/env python3
"""EmbedLab against the Python peer, side by side, in one run on this machine.

Runs bench/peer/ref_train_step.py (PyTorch eager on Debian's python3-torch, the same ATen as
libtorch-dev) in each of its thread and precision settings, and EmbedLab's bench_train and
bench_encode in each precision, preset by preset (tiny, mini, small), alternating between the
two so that drift in the machine's load hits both. Both pool the first token (CLS), the peer's
default and FlagEmbedding's (EmbedLab then computes only that row in the last layer; bench_train
and bench_encode --pooling mean measure the other case). Prints a table of ratios, EmbedLab's best
against the peer's best setting, and one JSON object (--json FILE writes it too).

The issue-25 targets: train >= 1.3x and encode >= 1.4x the peer's best setting; int8 encoding
>= 1.8x float32 on CPUs without bf16 and no slower than bf16 where both exist. The int8 rows run
bench_encode under ONEDNN_MAX_CPU_ISA (oneDNN's own switch) to stand for three kinds of CPU:
AVX512_CORE_VNNI (int8 but no bf16: Cascade Lake, Ice Lake), AVX512_CORE_BF16 (bf16 without
AMX: Cooper Lake, Zen 4) and this CPU's own (AMX on Sapphire Rapids and later). float32's
projections run on OpenBLAS, which the switch does not touch; its attention runs on oneDNN's
AVX-512 float32 kernels under every setting listed.

usage: python3 bench/side_by_side.py [--build build] [--preset tiny --preset small ...]
                                     [--peer-steps 10] [--no-int8] [--json out.json]
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
INT8_TARGET = 1.8
# (label, ONEDNN_MAX_CPU_ISA, precisions): the CPUs the int8 rows stand for.
INT8_CPUS = [
    ("AVX-512 VNNI, no bf16", "AVX512_CORE_VNNI", ["int8"]),
    ("AVX512_BF16, no AMX", "AVX512_CORE_BF16", ["bf16", "int8"]),
    ("this CPU", "ALL", ["bf16", "int8"]),
]


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


def measure_int8(args, preset, fp32_encode, log):
    """int8 encoding against float32 and bf16 on the CPU kinds of INT8_CPUS."""
    bench = os.path.join(args.build, "bench", "bench_encode")
    rows = []
    for label, isa, precisions in INT8_CPUS:
        measured = {}
        for precision in precisions:
            record = run_json([bench, "--preset", preset, f"--{precision}"],
                              {"ONEDNN_MAX_CPU_ISA": isa}, "passages_per_s")
            measured[precision] = record["passages_per_s"]
            log(f"{preset} encode EmbedLab {precision} ({label}): "
                f"{record['passages_per_s']:.1f} passages/s")
        row = {"preset": preset, "cpu": label, "onednn_max_cpu_isa": isa, "fp32": fp32_encode,
               **measured, "int8_over_fp32": measured["int8"] / fp32_encode}
        if "bf16" in measured:
            row["int8_over_bf16"] = measured["int8"] / measured["bf16"]
        rows.append(row)
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
    parser.add_argument("--no-int8", action="store_true", help="skip the int8 encoding rows")
    parser.add_argument("--json", help="also write the JSON summary here")
    args = parser.parse_args()
    args.preset = args.preset or ["tiny", "mini", "small"]
    args.precisions = args.precisions or ["fp32", "bf16"]
    if "fp32" not in args.precisions:
        args.no_int8 = True  # the int8 rows compare with float32
    for program in ("bench_train", "bench_encode"):
        if not os.access(os.path.join(args.build, "bench", program), os.X_OK):
            sys.exit(f"{program} is not built in {args.build}/bench "
                     f"(cmake --build {args.build} --target {program})")
    if subprocess.run(["/usr/bin/python3", "-c", "import torch"], capture_output=True).returncode:
        sys.exit("the peer needs Debian's python3-torch: apt-get install python3-torch")

    def log(message):
        print(message, file=sys.stderr, flush=True)

    summaries = []
    int8_rows = []
    for preset in args.preset:
        rows = measure_preset(args, preset, args.cpus, log)
        for job in ("train", "encode"):
            summaries.append(summarise(preset, job, rows[job]))
        fp32 = [value for precision, value, _ in rows["encode"]["embedlab"] if precision == "fp32"]
        if not args.no_int8 and fp32:
            int8_rows += measure_int8(args, preset, fp32[0], log)

    print(f"{'preset':<7} {'job':<7} {'peer best (setting)':<48} {'EmbedLab best':<20} "
          f"{'ratio':>6} {'target':>6}")
    for s in summaries:
        peer = f"{s['peer_best']:.2f} ({s['peer_best_setting']})"
        ours = f"{s['embedlab_best']:.2f} ({s['embedlab_best_precision']})"
        mark = "ok" if s["meets_target"] else "below"
        print(f"{s['preset']:<7} {s['job']:<7} {peer:<48} {ours:<20} {s['ratio']:>5.2f}x "
              f"{s['target']:>5.1f}x {mark}")
    if int8_rows:
        print(f"\nint8 encoding (passages/s; target: >= {INT8_TARGET}x float32 without bf16, "
              f">= 1x bf16 where both exist)")
        print(f"{'preset':<7} {'CPU kind':<24} {'fp32':>7} {'bf16':>7} {'int8':>7} "
              f"{'int8/fp32':>10} {'int8/bf16':>10}")
        for r in int8_rows:
            bf16 = f"{r['bf16']:.1f}" if "bf16" in r else "-"
            over_bf16 = f"{r['int8_over_bf16']:.2f}x" if "bf16" in r else "-"
            print(f"{r['preset']:<7} {r['cpu']:<24} {r['fp32']:>7.1f} {bf16:>7} {r['int8']:>7.1f} "
                  f"{r['int8_over_fp32']:>9.2f}x {over_bf16:>10}")
    result = {"bench": "side_by_side", "cpus": args.cpus, "results": summaries,
              "int8": int8_rows}
    print(json.dumps(result))
    if args.json:
        with open(args.json, "w") as out:
            json.dump(result, out, indent=2)


if __name__ == "__main__":
    main()
