#!/usr/bin/env python3
"""The checks of tools/gpu-check (parts 2 to 5) and its report; gpu-check.sh builds (part 1).

  2. training: the demo in bf16 and fp16, and bf16 with gradient checkpointing and the gradient
     cache (loss falls, dev MRR@10 rises); samples/s and peak memory of a MiniLM-L6-sized and a
     BERT-base-sized model at a realistic batch;
  3. workers: two worker processes on the one GPU (Gloo on CUDA tensors: NCCL refuses two ranks
     on one device) with --negatives_cross_device, to a finished run;
  4. parity: sentence-transformers and transformers load EmbedLab's folders and agree with it,
     and EmbedLab loads folders they save (every architecture it supports);
  5. speed: sentence-transformers' MultipleNegativesRankingLoss / CachedMultipleNegativesRanking-
     Loss training step in bf16 against `train --bf16`, SentenceTransformer.encode against
     `encode`.

--dry-run runs the same parts on the CPU at small sizes. Where a part needs what the machine
lacks (fp16 training needs CUDA; sentence-transformers and transformers are not Debian packages),
the dry run runs its CPU fallback and says so in the report: fp32 in place of fp16, EmbedLab
against the independent MPNet/ModernBERT implementation of tools/encoder-references, and
against bench/peer/ref_train_step.py (eager PyTorch) for speed.

Standard library only at the top level; torch, numpy, sentence_transformers and transformers
are imported where a part needs them. The report is rewritten after every part, so that a run
cut short still leaves what it found.
"""
import argparse
import json
import math
import os
import pathlib
import platform
import random
import re
import shutil
import subprocess
import sys
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
DEMO = ROOT / "resources" / "demo"
TOKENIZERS = {
    "bert": ROOT / "tests/data/bert-base-uncased",
    "xlm-roberta": ROOT / "tests/data/xlmr-unigram",
    "mpnet": ROOT / "tests/data/mpnet-wordpiece",
    "modernbert": (ROOT / "tests/data/modernbert-bpe"
                   if (ROOT / "tests/data/modernbert-bpe/tokenizer.json").exists()
                   else ROOT / "tests/data/bpe-prefix-space"),
}
# L, H, A, I of the models whose speed and memory are reported.
SIZES = {"MiniLM-L6": (6, 384, 12, 1536), "BERT-base": (12, 768, 12, 3072)}


class Report:
    """Parts with a status (pass, fail, fallback-pass, skipped), figures and notes."""

    def __init__(self, out, meta):
        self.out = pathlib.Path(out)
        self.meta = meta
        self.parts = []

    def add(self, number, title, status, figures=None, notes=None):
        self.parts.append({"part": number, "title": title, "status": status,
                           "figures": figures or {}, "notes": notes or []})
        self.write()

    def ok(self):
        return all(p["status"] in ("pass", "fallback-pass") for p in self.parts)

    def write(self):
        self.out.mkdir(parents=True, exist_ok=True)
        document = dict(self.meta, parts=self.parts, all_passed=self.ok())
        (self.out / "report.json").write_text(json.dumps(document, indent=2) + "\n")
        lines = ["# EmbedLab GPU check", ""]
        for key, value in self.meta.items():
            lines.append(f"- {key}: {value}")
        lines.append(f"- all parts passed: {'yes' if self.ok() else 'NO'}")
        for part in self.parts:
            lines += ["", f"## {part['part']}. {part['title']}: {part['status']}", ""]
            for note in part["notes"]:
                lines.append(f"- {note}")
            if part["figures"]:
                lines += ["", "| figure | value |", "| --- | --- |"]
                for key, value in flatten(part["figures"]):
                    lines.append(f"| {key} | {fmt(value)} |")
        (self.out / "report.md").write_text("\n".join(lines) + "\n")


def flatten(figures, prefix=""):
    for key, value in figures.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            yield from flatten(value, name + " / ")
        else:
            yield name, value


def fmt(value):
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


# ---------------------------------------------------------------------------------------------
# running embedlab-cli


class Cli:
    def __init__(self, path, work, log):
        self.path = str(path)
        self.work = pathlib.Path(work)
        self.log = log

    def run(self, *args, env=None, check=True, memory=None):
        """Runs embedlab-cli; returns (stdout, seconds, peak memory in MiB or None)."""
        command = [self.path, "--no-history", *map(str, args)]
        self.log(" ".join(command))
        started = time.time()
        with open(self.work / "cli.log", "a") as log:
            log.write("$ " + " ".join(command) + "\n")
            log.flush()
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log,
                                       env=dict(os.environ, **(env or {})), text=True)
            sampler = memory() if memory else None
            stdout, _ = process.communicate()
            if sampler:
                sampler.stop()
        seconds = time.time() - started
        if check and process.returncode != 0:
            raise RuntimeError(f"embedlab-cli {args[0]} failed with exit code "
                               f"{process.returncode} (see {self.work / 'cli.log'})")
        return stdout, seconds, (sampler.peak_mib() if sampler else None)


class GpuMemory:
    """Peak memory used on GPU 0 while it runs, from nvidia-smi (CUDA context included)."""

    def __init__(self):
        self.baseline = self.read()
        self.peak = self.baseline
        self.running = True
        self.thread = threading.Thread(target=self.loop, daemon=True)
        self.thread.start()

    @staticmethod
    def read():
        try:
            text = subprocess.run(["nvidia-smi", "--query-gpu=memory.used",
                                   "--format=csv,noheader,nounits", "-i", "0"],
                                  capture_output=True, text=True, timeout=10).stdout
            return float(text.split()[0])
        except (OSError, ValueError, IndexError, subprocess.TimeoutExpired):
            return 0.0

    def loop(self):
        while self.running:
            self.peak = max(self.peak, self.read())
            time.sleep(0.2)

    def stop(self):
        self.running = False
        self.thread.join()

    def peak_mib(self):
        return self.peak - self.baseline


class ChildRss:
    """Peak resident memory of the child processes (CPU dry run)."""

    def __init__(self):
        import resource
        self.resource = resource
        self.before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss

    def stop(self):
        pass

    def peak_mib(self):
        after = self.resource.getrusage(self.resource.RUSAGE_CHILDREN).ru_maxrss
        # ru_maxrss of children is the largest child so far: report it when this one raised it
        return after / 1024.0 if after > self.before else None


def metrics(run_dir):
    logs, evaluations = [], []
    for line in (pathlib.Path(run_dir) / "metrics.jsonl").read_text().splitlines():
        record = json.loads(line)
        (evaluations if record.get("kind") == "evaluation" else logs).append(record)
    return logs, evaluations


# ---------------------------------------------------------------------------------------------
# data


def read_jsonl(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def write_jsonl(path, rows):
    with open(path, "w") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def demo_training_file(work, negatives, seed=0):
    """The demo's training queries, each with `negatives` random other passages as negatives
    (written once per run of the checks, then reused)."""
    path = pathlib.Path(work) / f"demo-train-neg{negatives}.jsonl"
    if path.exists():
        return path
    rows = read_jsonl(DEMO / "train.jsonl")
    passages = [p for row in rows for p in row["pos"]]
    rng = random.Random(seed)
    for row in rows:
        pool = [p for p in rng.sample(passages, negatives + 3) if p not in row["pos"]]
        row["neg"] = pool[:negatives]
    write_jsonl(path, rows)
    return path


def long_training_file(work, queries, negatives, words_per_passage, seed=1):
    """Speed data: passages of several demo passages joined (about words_per_passage words), so
    that a 256-token limit is reached as in real corpora; queries are the demo's."""
    rows = read_jsonl(DEMO / "train.jsonl")
    passages = [p for row in rows for p in row["pos"]]
    rng = random.Random(seed)

    def long_passage(first):
        words = first.split()
        while len(words) < words_per_passage:
            words += rng.choice(passages).split()
        return " ".join(words[:words_per_passage])

    out = []
    for i in range(queries):
        row = rows[i % len(rows)]
        out.append({"query": row["query"], "pos": [long_passage(row["pos"][0])],
                    "neg": [long_passage(rng.choice(passages)) for _ in range(negatives)]})
    path = pathlib.Path(work) / f"speed-{queries}x{negatives + 1}.jsonl"
    write_jsonl(path, out)
    return path, out


# ---------------------------------------------------------------------------------------------
# the parts


class Checks:
    def __init__(self, args):
        self.args = args
        self.dry = args.dry_run
        self.device = "cpu" if self.dry else "cuda"
        self.work = pathlib.Path(args.work)
        if self.work.exists():
            shutil.rmtree(self.work)
        self.work.mkdir(parents=True)
        self.cli = Cli(args.cli, self.work, self.log)
        self.memory = ChildRss if self.dry else GpuMemory
        self.report = Report(args.out, self.environment())
        self.tuned = None  # the bf16 demo run, for the parity part
        self.base = None

    def log(self, message):
        print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    def environment(self):
        meta = {"date": time.strftime("%Y-%m-%d %H:%M:%S"), "mode": "dry run (CPU)" if self.args.dry_run
                else "GPU", "machine": platform.node(), "python": platform.python_version(),
                "libtorch": self.args.torch_prefix, "build seconds": self.args.build_seconds}
        try:
            import torch
            meta["python torch"] = torch.__version__
            if torch.cuda.is_available():
                meta["gpu"] = torch.cuda.get_device_name(0)
        except ImportError:
            meta["python torch"] = "none"
        for package in ("sentence_transformers", "transformers"):
            try:
                module = __import__(package)
                meta[package] = module.__version__
            except ImportError:
                meta[package] = "not installed"
        return meta

    def part(self, number, title, function):
        self.log(f"== part {number}: {title}")
        started = time.time()
        try:
            status, figures, notes = function()
        except Exception as error:  # one part failing must not hide the others
            status, figures, notes = "fail", {}, [f"{type(error).__name__}: {error}"]
        figures["seconds"] = round(time.time() - started, 1)
        self.report.add(number, title, status, figures, notes)

    # ---- part 1 (gpu-check.sh built it) ----
    def build(self):
        version, _, _ = self.cli.run("--version", check=False)
        return "pass", {"embedlab-cli": version.strip()}, [
            f"embedlab-cli built against the LibTorch at {self.args.torch_prefix} with the "
            "Debian libraries unpacked into a private prefix"]

    # ---- part 2 ----
    def init_model(self, name, layers, hidden, heads, intermediate, arch="bert", head=None,
                   seed=1):
        folder = self.work / "models" / name
        args = ["init-model", "--arch", arch, "--layers", layers, "--hidden", hidden, "--heads",
                heads, "--intermediate", intermediate, "--seed", seed, "--tokenizer",
                TOKENIZERS[arch], "--output", folder, "--progress", "none"]
        if head:
            args += ["--head", head]
        self.cli.run(*args)
        return folder

    def demo_run(self, name, precision, extra, data):
        run_dir = self.work / "runs" / name
        epochs = "1" if self.dry else "2"
        args = ["train", "--model_name_or_path", self.base, "--train_data", data,
                "--output_dir", run_dir, "--per_device_train_batch_size", 32,
                "--train_group_size", 4, "--query_max_len", 32, "--passage_max_len", 64,
                "--learning_rate", "1e-3", "--warmup_ratio", 0.1, "--num_train_epochs", epochs,
                "--temperature", 0.05, "--logging_steps", 10, "--save_steps", 0,
                "--eval_data", DEMO / "dev", "--eval_strategy", "epoch", "--device",
                self.device, "--progress", "none", *extra]
        if precision:
            args.append(precision)
        self.cli.run(*args)
        logs, evaluations = metrics(run_dir)
        first_loss = sum(r["loss"] for r in logs[:2]) / len(logs[:2])
        last_loss = sum(r["loss"] for r in logs[-2:]) / len(logs[-2:])
        before = evaluations[0]["eval_MRR@10"]
        after = evaluations[-1]["eval_MRR@10"]
        ok = last_loss < first_loss and after > before and all(
            math.isfinite(r["loss"]) for r in logs)
        return ok, run_dir, {"loss first": round(first_loss, 4), "loss last": round(last_loss, 4),
                             "dev MRR@10 before": round(before, 4),
                             "dev MRR@10 after": round(after, 4)}

    def speed_run(self, label, folder, data, batch, group, qlen, plen, steps, precision,
                  extra=()):
        run_dir = self.work / "runs" / f"speed-{label}-{precision or 'fp32'}-{len(extra)}"
        args = ["train", "--model_name_or_path", folder, "--train_data", data, "--output_dir",
                run_dir, "--per_device_train_batch_size", batch, "--train_group_size", group,
                "--query_max_len", qlen, "--passage_max_len", plen, "--max_steps", steps,
                "--logging_steps", max(1, steps // 3), "--save_steps", 0, "--learning_rate",
                "1e-5", "--device", self.device, "--progress", "none", *extra]
        if precision:
            args.append("--" + precision)
        _, seconds, peak = self.cli.run(*args, memory=self.memory)
        logs, _ = metrics(run_dir)
        # the first window holds the warm-up (allocator, autotuning): the later ones are steady
        steady = logs[1:] or logs
        samples = sum(r["samples_per_second"] for r in steady) / len(steady)
        shutil.rmtree(run_dir / "checkpoints", ignore_errors=True)
        return {"samples/s": round(samples, 2), "peak memory MiB": peak and round(peak),
                "wall seconds": round(seconds, 1)}

    def training(self):
        notes, figures, ok = [], {}, True
        self.base = self.init_model("demo-base", 2, 64, 2, 256)
        data = demo_training_file(self.work, 3)
        runs = [("bf16", "--bf16", []),
                ("fp16", "--fp16" if not self.dry else None, []),
                ("bf16 + gradient checkpointing + gradient cache", "--bf16",
                 ["--gradient_checkpointing", "--grad_cache", "--gc_chunk_size", 16])]
        if self.dry:
            notes.append("fp16 needs CUDA: the dry run trains that run in fp32 instead")
        for name, precision, extra in runs:
            good, run_dir, numbers = self.demo_run(re.sub(r"\W+", "-", name), precision, extra,
                                                   data)
            figures[f"demo {name}"] = numbers
            ok = ok and good
            if name == "bf16":
                self.tuned = run_dir
        if self.dry:
            shapes = {"MiniLM-L6": (8, 2, 32, 128, 3), "BERT-base": (2, 2, 32, 128, 2)}
            notes.append("dry run: small batches on the CPU (the GPU run uses batch 128, group "
                         "8, 64/256 tokens)")
        else:
            shapes = {name: (128, 8, 64, 256, 12) for name in SIZES}
        for name, (layers, hidden, heads, intermediate) in SIZES.items():
            batch, group, qlen, plen, steps = shapes[name]
            folder = self.init_model(f"speed-{name}", layers, hidden, heads, intermediate)
            data, _ = long_training_file(self.work, batch * (steps + 1), group - 1, 220)
            for label, extra in (("bf16", ()), ("bf16 + grad cache + checkpointing",
                                                ("--grad_cache", "--gc_chunk_size", 64,
                                                 "--gradient_checkpointing"))):
                figures[f"{name} batch {batch} group {group} {qlen}/{plen} {label}"] = \
                    self.speed_run(name, folder, data, batch, group, qlen, plen, steps, "bf16",
                                   extra)
        notes.append("peak memory: " + ("nvidia-smi's memory.used on GPU 0 above its level "
                                        "before the run (CUDA context included)" if not self.dry
                                        else "the process's peak resident memory"))
        return ("pass" if ok else "fail"), figures, notes

    # ---- part 3 ----
    def workers(self):
        if self.base is None:
            self.base = self.init_model("demo-base", 2, 64, 2, 256)
        run_dir = self.work / "runs" / "two-workers"
        data = demo_training_file(self.work, 3)
        self.cli.run("train", "--model_name_or_path", self.base, "--train_data", data,
                     "--output_dir", run_dir, "--per_device_train_batch_size", 16,
                     "--train_group_size", 4, "--query_max_len", 32, "--passage_max_len", 64,
                     "--learning_rate", "1e-3", "--max_steps", 30, "--logging_steps", 10,
                     "--save_steps", 15, "--negatives_cross_device", "--nproc_per_node", 2,
                     "--ddp_backend", "gloo", "--device", self.device, "--bf16",
                     "--progress", "none")
        logs, _ = metrics(run_dir)
        finished = (run_dir / "model.safetensors").exists() and logs and \
            logs[-1]["step"] == 30 and all(math.isfinite(r["loss"]) for r in logs)
        figures = {"steps": logs[-1]["step"] if logs else 0,
                   "loss first": logs[0]["loss"] if logs else None,
                   "loss last": logs[-1]["loss"] if logs else None,
                   "samples/s": logs[-1]["samples_per_second"] if logs else None}
        notes = ["2 workers, --ddp_backend gloo, --negatives_cross_device, bf16, a checkpoint "
                 "at step 15, the final model at the run folder's root"]
        if not self.dry:
            notes.append("both workers on cuda:0 (LOCAL_RANK modulo the GPU count)")
        return ("pass" if finished else "fail"), figures, notes

    # ---- part 4 ----
    def embedlab_encode(self, folder, texts, name, extra=()):
        import numpy
        source = self.work / f"{name}.jsonl"
        write_jsonl(source, [{"text": t} for t in texts])
        output = self.work / f"{name}.npy"
        self.cli.run("encode", "--model", folder, "--input", source, "--output", output,
                     "--device", self.device, "--batch-size", 16, *extra)
        return numpy.load(output)

    def embedlab_scores(self, folder, pairs, name):
        source = self.work / f"{name}.tsv"
        with open(source, "w") as f:
            for i, (a, b) in enumerate(pairs):  # a TSV: tabs and line ends become spaces
                a, b = (re.sub(r"[\t\r\n]", " ", text) for text in (a, b))
                f.write(f"{a}\t{b}\t{i % 2}\n")
        scores = self.work / f"{name}-scores.jsonl"
        self.cli.run("threshold", "--model", folder, "--pairs", source, "--scores", scores,
                     "--device", self.device, "--progress", "none")
        rows = read_jsonl(scores)
        return [row["score"] for row in rows]

    @staticmethod
    def cosines(a, b):
        import numpy
        a = a / numpy.linalg.norm(a, axis=1, keepdims=True)
        b = b / numpy.linalg.norm(b, axis=1, keepdims=True)
        return (a * b).sum(axis=1)

    def parity_texts(self, count):
        """Demo passages cut to 40 words (no truncation at 128 tokens, where the libraries could
        differ in how they cut), a non-ASCII and a whitespace case."""
        rows = read_jsonl(DEMO / "dev" / "corpus.jsonl")[:count]
        texts = [" ".join(r["text"].split()[:40]) for r in rows]
        texts += ["naïve café — 日本語のテキスト 🙂", "  whitespace runs   and CAPS  "]
        return texts

    def parity(self):
        try:
            import sentence_transformers  # noqa: F401
            import transformers  # noqa: F401
        except ImportError:
            return self.parity_fallback()
        import numpy
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers import AutoModel, AutoModelForSequenceClassification, AutoTokenizer
        figures, notes, ok = {}, [], True
        texts = self.parity_texts(62)
        device = self.device
        torch.backends.cuda.matmul.allow_tf32 = False

        # a) sentence-transformers loads EmbedLab's trained folder
        tuned = self.tuned or self.train_quick_model()
        theirs = SentenceTransformer(str(tuned), device=device).encode(
            texts, batch_size=16, convert_to_numpy=True)
        ours = self.embedlab_encode(tuned, texts, "parity-tuned")
        worst = float(self.cosines(theirs, ours).min())
        figures["sentence-transformers loads EmbedLab's trained model: min cosine"] = worst
        ok = ok and worst >= 0.99999
        # b) transformers loads it with nothing missing or unexpected
        _, info = AutoModel.from_pretrained(str(tuned), output_loading_info=True)
        problems = {k: v for k, v in info.items() if v}
        figures["transformers AutoModel loading problems"] = json.dumps(problems) or "none"
        ok = ok and not problems
        # c) the reranker folder: transformers' logits against EmbedLab's scores
        reranker = self.train_quick_reranker()
        pairs = [(texts[i], texts[i + 1]) for i in range(0, 40, 2)]
        model, info = AutoModelForSequenceClassification.from_pretrained(
            str(reranker), output_loading_info=True)
        problems = {k: v for k, v in info.items() if v}
        tokenizer = AutoTokenizer.from_pretrained(str(reranker))
        with torch.no_grad():
            batch = tokenizer([a for a, _ in pairs], [b for _, b in pairs], padding=True,
                              truncation=True, return_tensors="pt")
            logits = model.eval()(**batch).logits[:, 0].numpy()
        ours = numpy.array(self.embedlab_scores(reranker, pairs, "parity-reranker"))
        difference = float(numpy.abs(logits - ours).max())
        figures["transformers loads EmbedLab's reranker: max |logit difference|"] = difference
        figures["reranker loading problems"] = json.dumps(problems) or "none"
        ok = ok and difference < 1e-3 and not problems
        # d) EmbedLab loads what they save, for every architecture it supports
        for arch in TOKENIZERS:
            worst, difference = self.their_folders(arch, texts)
            figures[f"EmbedLab loads a sentence-transformers {arch}: min cosine"] = worst
            figures[f"EmbedLab loads a transformers {arch} reranker: max |logit difference|"] = \
                difference
            ok = ok and worst >= 0.99999 and difference < 1e-3
        notes.append("all in fp32, TF32 off; texts: 62 demo passages plus non-ASCII and "
                     "whitespace cases")
        return ("pass" if ok else "fail"), figures, notes

    def train_quick_model(self):
        if self.base is None:
            self.base = self.init_model("demo-base", 2, 64, 2, 256)
        run_dir = self.work / "runs" / "quick"
        self.cli.run("train", "--model_name_or_path", self.base, "--train_data",
                     demo_training_file(self.work, 3), "--output_dir", run_dir,
                     "--max_steps", 5, "--save_steps", 0, "--device", self.device,
                     "--progress", "none")
        return run_dir

    def train_quick_reranker(self):
        folder = self.init_model("reranker-base", 2, 64, 2, 256, head="classifier")
        run_dir = self.work / "runs" / "reranker"
        self.cli.run("train-reranker", "--model_name_or_path", folder, "--train_data",
                     demo_training_file(self.work, 3), "--output_dir", run_dir,
                     "--max_steps", 10, "--per_device_train_batch_size", 8,
                     "--train_group_size", 4, "--learning_rate", "1e-3", "--save_steps", 0,
                     "--device", self.device, "--progress", "none")
        return run_dir

    def their_folders(self, arch, texts):
        """A random model of `arch` saved by sentence-transformers and one by transformers as a
        sequence classifier; EmbedLab's embeddings and scores against theirs."""
        import numpy
        import torch
        import transformers
        from sentence_transformers import SentenceTransformer, models
        tokenizer_dir = TOKENIZERS[arch]
        tokenizer = transformers.AutoTokenizer.from_pretrained(str(tokenizer_dir))
        common = dict(vocab_size=len(tokenizer), hidden_size=64, num_hidden_layers=2,
                      num_attention_heads=2, intermediate_size=128,
                      max_position_embeddings=512 + (2 if arch in ("xlm-roberta", "mpnet")
                                                     else 0))
        if arch == "bert":
            config = transformers.BertConfig(**common)
        elif arch == "xlm-roberta":
            config = transformers.XLMRobertaConfig(**common, pad_token_id=tokenizer.pad_token_id)
        elif arch == "mpnet":
            config = transformers.MPNetConfig(**common, pad_token_id=tokenizer.pad_token_id)
        else:
            config = transformers.ModernBertConfig(
                vocab_size=len(tokenizer), hidden_size=64, num_hidden_layers=3,
                num_attention_heads=2, intermediate_size=96, max_position_embeddings=512,
                global_attn_every_n_layers=2, local_attention=16,
                pad_token_id=tokenizer.pad_token_id, cls_token_id=tokenizer.cls_token_id,
                sep_token_id=tokenizer.sep_token_id, bos_token_id=tokenizer.cls_token_id,
                eos_token_id=tokenizer.sep_token_id, attn_implementation="eager")
        torch.manual_seed(5)
        encoder_dir = self.work / "theirs" / f"{arch}-encoder"
        transformers.AutoModel.from_config(config).save_pretrained(str(encoder_dir))
        tokenizer.save_pretrained(str(encoder_dir))
        word = models.Transformer(str(encoder_dir), max_seq_length=128)
        pooling = models.Pooling(word.get_word_embedding_dimension(), "mean")
        st_dir = self.work / "theirs" / f"{arch}-sentence-transformers"
        model = SentenceTransformer(modules=[word, pooling, models.Normalize()],
                                    device=self.device)
        model.save(str(st_dir))
        theirs = model.encode(texts, batch_size=16, convert_to_numpy=True)
        ours = self.embedlab_encode(st_dir, texts, f"theirs-{arch}", ("--max-len", 128))
        worst = float(self.cosines(theirs, ours).min())

        reranker_dir = self.work / "theirs" / f"{arch}-reranker"
        config.num_labels = 1
        torch.manual_seed(6)
        classifier = transformers.AutoModelForSequenceClassification.from_config(config).eval()
        classifier.save_pretrained(str(reranker_dir))
        tokenizer.save_pretrained(str(reranker_dir))
        pairs = [(texts[i], texts[i + 1]) for i in range(0, 20, 2)]
        with torch.no_grad():
            batch = tokenizer([a for a, _ in pairs], [b for _, b in pairs], padding=True,
                              truncation=True, max_length=128, return_tensors="pt")
            logits = classifier(**batch).logits[:, 0].numpy()
        ours = numpy.array(self.embedlab_scores(reranker_dir, pairs, f"theirs-{arch}-reranker"))
        return worst, float(numpy.abs(logits - ours).max())

    def parity_fallback(self):
        """Without sentence-transformers and transformers: EmbedLab's MPNet and ModernBERT
        encodings against tools/encoder-references' independent implementation."""
        import numpy
        import torch
        sys.path.insert(0, str(ROOT / "tools" / "encoder-references"))
        import make_references as reference
        figures, ok = {}, True
        texts = self.parity_texts(14)
        for arch, encode in (("mpnet", reference.mpnet_encode),
                             ("modernbert", reference.modernbert_encode)):
            folder = self.init_model(f"parity-{arch}", 2, 64, 2, 128, arch=arch, seed=3)
            source = self.work / f"parity-{arch}-texts.jsonl"
            write_jsonl(source, [{"text": t} for t in texts])
            tokens = self.work / f"parity-{arch}-tokens.jsonl"
            self.cli.run("tokenize", "--model", folder, "--input", source, "--output", tokens,
                         "--max-len", 128)
            ours = self.embedlab_encode(folder, texts, f"parity-{arch}", ("--max-len", 128,
                                                                          "--pooling", "mean"))
            config = json.loads((folder / "config.json").read_text())
            weights = {k: v.double() for k, v in
                       reference.read_safetensors(folder / "model.safetensors").items()}
            weights = {re.sub(r"^(mpnet|model)\.", "", k): v for k, v in weights.items()}
            rows = []
            for row in read_jsonl(tokens):
                ids = torch.tensor([row["ids"]])
                mask = torch.ones_like(ids)
                with torch.no_grad():
                    hidden = encode(weights, config, ids, mask)
                rows.append(hidden[0].mean(0).numpy())
            worst = float(self.cosines(numpy.stack(rows), ours.astype(numpy.float64)).min())
            figures[f"EmbedLab {arch} against the independent implementation: min cosine"] = worst
            ok = ok and worst >= 0.99999
        notes = ["fallback: sentence-transformers and transformers are not installed here (no "
                 "Debian packages); the GPU run loads EmbedLab's folders into them and theirs "
                 "into EmbedLab, for bert, xlm-roberta, mpnet and modernbert, and the rerankers",
                 "here: init-model folders encoded by EmbedLab against tools/encoder-references' "
                 "plain-PyTorch MPNet and ModernBERT, mean pooling, float64 reference"]
        return ("fallback-pass" if ok else "fail"), figures, notes

    # ---- part 5 ----
    def speed(self):
        try:
            import sentence_transformers  # noqa: F401
        except ImportError:
            return self.speed_fallback()
        figures, notes = {}, []
        layers, hidden, heads, intermediate = SIZES["MiniLM-L6"]
        folder = self.init_model("peer-MiniLM-L6", layers, hidden, heads, intermediate)
        batch, group, steps = 128, 8, 12
        data, rows = long_training_file(self.work, batch * (steps + 1), group - 1, 220)
        for loss, extra in (("MultipleNegativesRankingLoss", ()),
                            ("CachedMultipleNegativesRankingLoss",
                             ("--grad_cache", "--gc_chunk_size", 64))):
            ours = self.speed_run("peer", folder, data, batch, group, 64, 256, steps, "bf16",
                                  extra)["samples/s"]
            theirs = self.sentence_transformers_train(folder, rows, batch, group, steps, loss)
            figures[f"train bf16, {loss} vs train --bf16{' --grad_cache' if extra else ''}"] = {
                "sentence-transformers samples/s": round(theirs, 2),
                "EmbedLab samples/s": ours, "ratio EmbedLab / peer": round(ours / theirs, 3)}
        passages = [r["pos"][0] for r in rows][:8192]
        for precision in ("fp32", "fp16"):
            theirs = self.sentence_transformers_encode(folder, passages, precision)
            ours = self.embedlab_encode_speed(folder, passages, precision)
            figures[f"encode {precision}, batch 128, 256 tokens"] = {
                "sentence-transformers passages/s": round(theirs, 1),
                "EmbedLab passages/s": round(ours, 1), "ratio EmbedLab / peer": round(ours / theirs, 3)}
        notes += ["the peer: sentence-transformers' loss modules in the step its trainer runs "
                  "(forward under torch.autocast bf16, backward, AdamW; the `datasets` package "
                  "its trainer needs is not on the machine), max_seq_length 256 for all texts",
                  "EmbedLab's encode time excludes its start (model loading), measured on a "
                  "one-line input and subtracted"]
        return "pass", figures, notes

    def sentence_transformers_train(self, folder, rows, batch, group, steps, loss_name):
        import torch
        from sentence_transformers import SentenceTransformer, losses
        model = SentenceTransformer(str(folder), device="cuda")
        model.max_seq_length = 256
        loss = (losses.CachedMultipleNegativesRankingLoss(model, mini_batch_size=64)
                if loss_name.startswith("Cached") else losses.MultipleNegativesRankingLoss(model))
        optimizer = torch.optim.AdamW(model.parameters(), lr=1e-5)
        model.train()
        times = []
        for step in range(steps):
            chunk = rows[step * batch:(step + 1) * batch]
            columns = [[r["query"] for r in chunk], [r["pos"][0] for r in chunk]]
            columns += [[r["neg"][k] for r in chunk] for k in range(group - 1)]
            torch.cuda.synchronize()
            started = time.time()
            features = [{k: v.to("cuda") for k, v in model.tokenize(c).items()} for c in columns]
            with torch.autocast("cuda", dtype=torch.bfloat16):
                value = loss(features, None)
            value.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
            torch.cuda.synchronize()
            times.append(time.time() - started)
        steady = times[2:] or times
        return batch / (sum(steady) / len(steady))

    def sentence_transformers_encode(self, folder, passages, precision):
        import torch
        from sentence_transformers import SentenceTransformer
        model = SentenceTransformer(str(folder), device="cuda")
        model.max_seq_length = 256
        if precision == "fp16":
            model.half()
        model.encode(passages[:256], batch_size=128)
        torch.cuda.synchronize()
        started = time.time()
        model.encode(passages, batch_size=128)
        torch.cuda.synchronize()
        return len(passages) / (time.time() - started)

    def embedlab_encode_speed(self, folder, passages, precision):
        extra = ["--max-len", 256, "--batch-size", 128] + (["--fp16"] if precision == "fp16"
                                                          else [])
        source = self.work / "speed-passages.jsonl"
        write_jsonl(source, [{"text": t} for t in passages])
        one = self.work / "speed-one.jsonl"
        write_jsonl(one, [{"text": passages[0]}])
        _, start_seconds, _ = self.cli.run("encode", "--model", folder, "--input", one,
                                           "--output", self.work / "one.npy", "--device",
                                           self.device, *extra)
        _, seconds, _ = self.cli.run("encode", "--model", folder, "--input", source, "--output",
                                     self.work / "speed.npy", "--device", self.device, *extra)
        return len(passages) / max(1e-3, seconds - start_seconds)

    def speed_fallback(self):
        """Without sentence-transformers: EmbedLab's training step against the eager-PyTorch
        peer (bench/peer/ref_train_step.py) on the same model shape and batch, on the CPU."""
        layers, hidden, heads, intermediate = 2, 128, 2, 512  # the peer's "tiny" preset
        folder = self.init_model("peer-tiny", layers, hidden, heads, intermediate)
        batch, group, steps = 8, 2, 6
        data, _ = long_training_file(self.work, batch * (steps + 1), group - 1, 150)
        ours = self.speed_run("peer-tiny", folder, data, batch, group, 32, 128, steps,
                              "bf16")["samples/s"]
        command = [sys.executable, str(ROOT / "bench" / "peer" / "ref_train_step.py"),
                   "--preset", "tiny", "--batch", str(batch), "--group", str(group), "--qlen",
                   "32", "--plen", "128", "--steps", str(steps), "--warmup", "1", "--bf16",
                   "--json", "--time-budget", "60"]
        result = subprocess.run(command, capture_output=True, text=True,
                                env=dict(os.environ, OMP_WAIT_POLICY="PASSIVE"))
        if result.returncode != 0:
            return "fail", {}, ["the peer failed: " + result.stderr[-400:]]
        theirs = json.loads(result.stdout)["samples_per_s"]
        figures = {"train bf16 tiny, batch 8 group 2 32/128": {
            "peer (eager PyTorch) samples/s": round(theirs, 2), "EmbedLab samples/s": ours,
            "ratio EmbedLab / peer": round(ours / theirs, 3)}}
        notes = ["fallback: no sentence-transformers here; the peer is bench/peer/"
                 "ref_train_step.py (eager PyTorch, the same step) on the CPU. The peer trains on "
                 "random tokens at full length, EmbedLab on text padded to its batch's longest: "
                 "a dry-run figure, not a benchmark (bench/ has those)"]
        return "fallback-pass", figures, notes


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cli", help="embedlab-cli to check")
    parser.add_argument("--out", required=True, help="folder for report.md and report.json")
    parser.add_argument("--work", default="/tmp/embedlab-gpu-check-runs")
    parser.add_argument("--dry-run", action="store_true", help="on the CPU, small")
    parser.add_argument("--build-seconds", type=int, default=0)
    parser.add_argument("--torch-prefix", default="")
    parser.add_argument("--build-failed", metavar="LOG",
                        help="only write a report saying the build failed, with LOG's end")
    parser.add_argument("--parts", default="1,2,3,4,5", help="which parts to run (e.g. 4,5)")
    args = parser.parse_args()
    if args.build_failed:
        report = Report(args.out, {"date": time.strftime("%Y-%m-%d %H:%M:%S"),
                                   "build seconds": args.build_seconds})
        tail = pathlib.Path(args.build_failed).read_text(errors="replace").splitlines()[-40:]
        report.add(1, "build embedlab-cli against this PyTorch", "fail", {},
                   ["the build failed; the end of its log:", "```", *tail, "```"])
        return 1
    checks = Checks(args)
    parts = {1: ("build embedlab-cli against this PyTorch", checks.build),
             2: ("training: demo in bf16 and fp16, speed and memory", checks.training),
             3: ("two workers on one device", checks.workers),
             4: ("parity with sentence-transformers and transformers", checks.parity),
             5: ("speed against sentence-transformers", checks.speed)}
    for number in sorted(int(p) for p in args.parts.split(",")):
        checks.part(number, *parts[number])
    print((pathlib.Path(args.out) / "report.md").read_text())
    return 0 if checks.report.ok() else 1


if __name__ == "__main__":
    sys.exit(main())
