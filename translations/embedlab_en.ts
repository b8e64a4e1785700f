<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AboutDialog</name>
    <message>
        <source>&lt;h3&gt;EmbedLab %1&lt;/h3&gt;&lt;p&gt;A workbench for fine-tuning text-embedding models and rerankers: browse data, mine hard negatives, train, evaluate, pick thresholds, merge and compare runs.&lt;/p&gt;&lt;p&gt;Licence: GNU GPL, version 3 or later.&lt;/p&gt;&lt;p&gt;Built with: Qt %2 (LGPL-3.0), LibTorch (BSD-3-Clause), FAISS (MIT), QCustomPlot (GPL-3.0), SQLite (public domain), nlohmann/json (MIT), simdjson (Apache-2.0), CLI11 (BSD-3-Clause), {fmt} and spdlog (MIT), xxHash (BSD-2-Clause), OpenBLAS (BSD-3-Clause).&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About EmbedLab</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Options</name>
    <message>
        <source>Models and evaluation set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queries and encoding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-ranking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model folders (bi-encoders), evaluated into one table; one of them, or --model, is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BEIR-layout folder (corpus.jsonl, queries.jsonl, qrels/); this or --corpus and --queries is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which qrels/&lt;split&gt;.tsv of --data to use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MS MARCO layout: corpus JSONL of {&quot;content&quot;} (with --queries, this or --data is required).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MS MARCO layout: queries JSONL of {&quot;query&quot;, &quot;positive&quot;: [...]} (required with --corpus).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents retrieved per query.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave judged queries without any relevant document out of the means (by default they count and score 0, as in trec_eval and the reference).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the query instruction before each query (BGE&apos;s unless --query_instruction).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query instruction to use instead of BGE&apos;s (implies --add_instruction; default: BGE&apos;s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text put before every document, e.g. &quot;passage: &quot; for E5 (default: nothing).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate with and without the query instruction, side by side.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest query in tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest document in tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search index: flat (exact), ivf or hnsw (approximate).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A reranker (cross-encoder) folder: each model&apos;s top --rerank_top_k hits are scored again by it, and the table shows the metrics before and after (default: no re-ranking).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hits per query the reranker scores.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query-document pairs per reranker forward pass.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reranker scores as sigmoid(logit) in [0, 1] (run file), not raw logits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the metrics as JSON to this file (default: only printed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a TREC run file (qid Q0 docid rank score tag); with several evaluations, one file each, the tag before the extension (default: none).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a TSV of each query&apos;s first relevant rank per model (default: none).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model and pairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fitting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model folder: a bi-encoder or a reranker.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labelled pairs: a .tsv of text_a, text_b, label, or a training JSONL (the query with each pos is similar, with each neg dissimilar).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Precision the second threshold must reach: the lowest score that reaches it on the fitted part.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of the groups (queries / text_a) the thresholds are fitted on; the rest reports them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed of the split into fitted and held-out groups.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Histogram bins in the JSON report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text put before text_a / the query (default: nothing).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text put before text_b / the passage (default: nothing).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With a reranker: thresholds on sigmoid(logit) in [0, 1], not raw logits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With a reranker: text_a (the query) is cut to this many tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the analysis (curve, histograms, both parts) as JSON to this file (default: only printed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write every pair&apos;s score, label and part (fit or held_out) as JSONL to this file (default: none).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inputs and outputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which negatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encoding and search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model whose ranking is mined (a model folder).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training JSONL to mine negatives for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training JSONL to write; every other field of a line is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSONL of {&quot;text&quot;} lines to search (default: the input&apos;s pos and neg texts).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ranks to sample negatives from, A-B: 0-based, A included, B excluded. Starting below the top ranks skips likely false negatives.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Negatives written per query.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How negatives are chosen in the range: random (the reference) or top (the best-ranked eligible candidates).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop candidates scoring above (1-R) x the lowest positive&apos;s score: probable false negatives (0.05 is NV-Retriever&apos;s setting; default: no such filter).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop candidates scoring above the lowest positive&apos;s score minus M (default: no such filter).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop candidates scoring above S (default: no such filter).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill queries short of negatives with random candidates that pass the filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed of the sampling: the same seed chooses the same negatives.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scores written with the negatives: neg (neg_scores), both (also pos_scores, for distillation) or none. They are this model&apos;s cosine similarities (inner products if it does not normalise), not logits: distil from them with train --knowledge_distillation --teacher_temperature T, T the temperature the model was trained with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the statistics as JSON to this file (default: only printed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text put before every query; a line&apos;s &quot;prompt&quot; wins (default: nothing).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text put before every candidate, e.g. &quot;passage: &quot; for E5 (default: nothing).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search index: flat (exact inner product), ivf or hnsw (approximate, for huge pools).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IVF cells (0: 4 sqrt(n)).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IVF cells visited per query.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HNSW neighbours per node.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HNSW search breadth.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted for compatibility; FAISS searches on the CPU in this build.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest text in tokens, special tokens included; longer texts are cut.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Texts per forward pass.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encode in float16 on CUDA (ignored on the CPU).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encode in bfloat16 on CUDA and on CPUs with native bf16 (AVX512_BF16 or AMX); other CPUs stay in float32, which is faster there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encode with int8 projections on CPUs with AVX-512 VNNI or AMX (about 3x as fast as float32 for MiniLM-sized models); bf16 or float32 on other CPUs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where to run: auto (all visible GPUs, else the CPU), cpu, cuda or cuda:N.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Neither read nor write the embedding cache.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embedding cache folder (default: $XDG_CACHE_HOME/embedlab/embeddings).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models and weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model folders; the first one&apos;s files are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One weight per model, non-negative, summing to 1 (this, --weights_from_examples or --sweep is required).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Divide the weights by their sum instead of requiring a sum of 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New folder for the merged model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the weights as softmax(-loss/5) of each model&apos;s loss on the first examples of this training file: each positive against the example&apos;s negatives, by similarity / 0.05 for bi-encoders, by logit for rerankers (default: none).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Examples --weights_from_examples uses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>START:END:STEP: evaluate the first model&apos;s weight at each step (two models); without --weights the best on --eval_set is written (default: no sweep).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target-task evaluation set (BEIR folder); required with --sweep.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General evaluation set (BEIR folder): what merging should preserve (default: none).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which qrels split of the evaluation sets to use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metric the sweep reports and chooses by.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A sweep over rerankers: the bi-encoder whose hits each mix re-ranks (default: none; required when the models are rerankers).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A sweep over rerankers: hits per query each mix re-ranks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text put before queries in the examples and the sweep (default: nothing).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest passage in tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model and loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logging and checkpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory and devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Hugging Face model folder to start from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run folder: options, metrics, checkpoints; the final model lands at its root.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passages per query: one positive and G-1 hard negatives. More negatives help until memory runs out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest query in tokens; set it from the query lengths (the Datasets panel&apos;s Statistics tab).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest passage in tokens; longer passages are cut.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put before every query without a &quot;prompt&quot; of its own (e.g. BGE&apos;s instruction). Use the same text when you encode queries later (default: nothing).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put before every passage, e.g. &quot;passage: &quot; for E5 (default: nothing).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep a text out of a batch that already holds it, so that a duplicate positive is never an in-batch negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill each batch with queries whose passages have about the same length, so that less padding is computed. The batches are shuffled, the longest one first (a memory shortage shows at the first step). It changes which queries share a batch, and so their in-batch negatives.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pooling: cls, mean or last_token (default: the model&apos;s own sentence-transformers setting, else mean).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L2-normalise embeddings, so that scores are cosines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scores are divided by it before the softmax: lower sharpens the distribution (0.01-0.05 is usual; the reference uses 0.02).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the other queries&apos; passages as negatives too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share passages across workers as negatives: the effective batch is all workers&apos; batches together.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distil from the lines&apos; pos_scores and neg_scores: add the KL divergence from the teacher&apos;s softmax over each group. Off: scores in the data are ignored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The distillation loss: kl_div (the reference&apos;s m3_kd_loss is not supported).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teacher scores are divided by it before their softmax: 1 for a reranker&apos;s logits; for cosines written by Mine, the temperature that model was trained with (e.g. 0.02).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight of the distillation term (with knowledge_distillation).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AdamW learning rate; the reference advises 1e-5, 2e-5 and 3e-5 for large, base and small models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passes over the training data (may be fractional).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimiser steps in all; when positive it overrides the epochs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop short batches instead of filling them with queries trained a second time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of the steps over which the learning rate rises linearly from 0 (0.1 is common).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AdamW weight decay (never on biases and LayerNorm weights).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clip the global gradient norm to this (0: no clipping).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AdamW beta1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AdamW beta2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AdamW epsilon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed of sampling, shuffling and dropout: the same seed gives the same run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A metrics record (loss, learning rate, similarity histograms) every N steps: what the plots show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A checkpoint every N steps (0: only at the end). Stop always writes one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep only the last N checkpoints (0: all).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue from a checkpoint folder, or &quot;latest&quot; in the run folder (default: start afresh).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recompute each layer in the backward pass: less memory, about 30% more time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient cache: embed the batch in chunks, so that the batch size is bounded by time rather than memory, with the same gradients.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Texts per chunk with the gradient cache.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mixed precision in float16 with dynamic loss scaling (CUDA only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mixed precision in bfloat16 (CUDA, or CPUs that support it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker processes to start on this machine (one per GPU); under torchrun or srun leave 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where to train: auto (a GPU per worker when there are GPUs, else the CPU), cpu or cuda.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How worker processes exchange tensors: auto (NCCL on GPUs, Gloo on the CPU), nccl, or gloo (also on GPUs, e.g. two workers sharing one GPU, which NCCL refuses).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lexical baseline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a BM25 row (Okapi BM25 on lowercased Unicode words, Lucene&apos;s formula) after the models: the lexical baseline to beat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BM25&apos;s term-frequency saturation k1 (Pyserini&apos;s MS MARCO setting: 0.9).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BM25&apos;s length normalisation b, from 0 (none) to 1 (full; Pyserini&apos;s MS MARCO setting: 0.4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BM25 leaves out English stop words (Lucene&apos;s list).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BM25 stems English words (Snowball&apos;s Porter2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation during training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dev set evaluated during training, as eval reads it: a BEIR folder (corpus.jsonl, queries.jsonl, qrels/) or an MS MARCO queries JSONL with --eval_corpus (default: no evaluation).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The corpus JSONL of an MS MARCO eval_data (default: none; a BEIR folder has its own).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which qrels/&lt;split&gt;.tsv of a BEIR eval_data to use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When to evaluate: every eval_steps steps, at the end of every epoch, or no; always once before the first step (the base model) and after the last.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate every N steps (0: every logging_steps).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Texts per encoding batch when evaluating.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dev metric that decides the best model and early stopping (higher is better).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the best evaluated model, not the last one, at output_dir&apos;s root (kept in output_dir/best-model as the run goes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop after N evaluations in a row without a better metric_for_best_model (0: never stop early).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the metrics also go: none, or tensorboard (event files under output_dir/runs/, for `tensorboard --logdir output_dir/runs`).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest query in tokens (default: max_len).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest candidate in tokens (default: max_len).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queries searched per FAISS call: more use more memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which revision of a model named by hub id (org/name) to read from the Hugging Face cache: a branch, a tag or a commit hash.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Hugging Face hub cache where a hub id (org/name) in model_name_or_path is looked up (default: $HF_HUB_CACHE, else $HF_HOME/hub, else ~/.cache/huggingface/hub).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which revision of a hub id in model_name_or_path to read from the cache: a branch, a tag or a commit hash.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw every global batch from one train_data file: each file&apos;s queries are shuffled and cut into batches, and the batches shuffled, so that in-batch negatives come from the same kind of data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train into an output_dir that already holds files, writing over them. Without it such a folder is refused, unless the run resumes from a checkpoint in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the instruction (or a line&apos;s &quot;prompt&quot;) and the query are joined: a Python format string with two {}, filled with the instruction and the query, e.g. &quot;&lt;instruct&gt;{}\n&lt;query&gt;{}&quot; (\n is a line break, as in the reference; used only with an instruction).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How passage_instruction and the passage are joined: a Python format string with two {}, filled with the instruction and the passage (used only with an instruction).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pad each tokenized batch to a multiple of N tokens (e.g. 8 for tensor cores; 0: to its longest text only). The extra padding is masked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queries per worker and micro-batch. Larger batches give more in-batch negatives and usually better models; the gradient cache makes them fit in memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Micro-batches of per_device_train_batch_size per optimiser step, their gradients summed: a larger effective batch in the same memory. It does not add in-batch negatives (each micro-batch&apos;s loss sees only its own batch); --grad_cache does. Steps, the schedule, logging and checkpoints count optimiser steps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The learning rate&apos;s course, as Hugging Face&apos;s: linear (warm-up, then down to 0), cosine (warm-up, then half a cosine to 0), constant (no warm-up) or constant_with_warmup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted for the reference&apos;s commands, without effect: EmbedLab reads the training files directly and keeps no dataset cache (default: none).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pre-training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training files of {&quot;query&quot;, &quot;pos&quot;, &quot;neg&quot;} lines; a folder stands for every .jsonl file directly in it, by name. Pre-training also reads {&quot;text&quot;} lines (candidate pools) and learns from every distinct text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kind of model: embedding, a bi-encoder (contrastive loss on embeddings); reranker, a cross-encoder reading query and passage together (start it from a pretrained model: from random weights it barely learns); or pretrain, an encoder pre-trained on the texts alone (method), to fine-tune afterwards.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest text in tokens when pre-training; longer texts are cut.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mask whole words (all their pieces together) instead of single tokens, so the model cannot fill half a word from its other half.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How pre-training learns from the texts: mlm (BERT&apos;s masked language modelling) or retromae (an encoder whose [CLS] embedding a one-layer decoder must use to rebuild a heavily masked copy of the text, FlagEmbedding&apos;s pre-training for retrieval).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of tokens the model must predict with mlm (of them 80% become [MASK], 10% a random token, 10% stay).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of tokens masked in the encoder&apos;s input with retromae.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of tokens each retromae decoder position may not see (besides itself) when it rebuilds the text from the [CLS] embedding.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlotExport</name>
    <message>
        <source>Export plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png);;JPEG image (*.jpg *.jpeg);;PDF document (*.pdf);;SVG drawing (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export plot...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ValidationSummary</name>
    <message>
        <source>training data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>candidate pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>corpus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>relevance judgments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>min %1  median %2  p95 %3  max %4  mean %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(BEIR layout)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(MS MARCO-style layout)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 lines, %2 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 valid, %2 invalid, %3 blank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encoding notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UTF-8 byte-order mark (accepted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 CRLF line ends (accepted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>positives per query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>negatives per query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queries without negatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (negatives are then sampled from the corpus; mining finds hard ones)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>query length (characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>positive length (characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>negative length (characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queries with teacher scores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queries with a prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text length (characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>judged queries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>judgments per query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid (%1 errors, %2 warnings)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid (%1 errors, %2 warnings)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::gui::GuidedDemo</name>
    <message>
        <source>Mining failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fitting thresholds failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo needs %1, which is missing (scripts/run.sh or scripts/demo-pipeline.sh --prepare-only prepares a demo workspace).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo: creating the base model (a small random BERT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the base model failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pre-training failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pre-training the base model on the training file&apos;s texts (%1 steps of masked language modelling)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pre-training could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo %1/%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>previewing the base model&apos;s ranking of 50 training queries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mining %1 negatives per query from ranks %2-%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fine-tuning the pre-trained model on the mined data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fine-tuning the base model on the mined data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>evaluating the base and the tuned model on dev/</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fitting similarity thresholds for the tuned model</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::gui::HelpBrowser</name>
    <message>
        <source>Tutorial - EmbedLab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User Manual - EmbedLab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command-Line Reference - EmbedLab</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::gui::MainWindow</name>
    <message>
        <source>Datasets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mining</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thresholds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slow BLAS: see tooltip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Workspace...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About EmbedLab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 - EmbedLab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be opened as a workspace:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Data File...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preferences...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Data File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data files (*.jsonl *.tsv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A training run is going</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the training run running after EmbedLab closes, or stop it with a checkpoint?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave it running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the &amp;Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mine, train, evaluate and fit thresholds on the demo workspace, in the panels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo finished: the History panel holds its jobs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tutorial: Five Minutes with the Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User &amp;Manual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Command-Line Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exists: it may be your own mined data. The demo mines the training file again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep it, write the demo&apos;s beside it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace settings ignored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workspace&apos;s settings cannot be used:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the Demo with &amp;Pre-training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo, with the base model first pre-trained on the training file&apos;s own texts (masked language modelling, a few minutes)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::gui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU threads for LibTorch and BLAS. Automatic uses what EmbedLab measured to be fastest on this machine. Applies at the next start; --threads overrides it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU &amp;threads:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number of threads applies at the next start; the language changes at once.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::CliJob</name>
    <message>
        <source>cannot start %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>embedlab-cli crashed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>embedlab-cli exited with status %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot start %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>embedlab-cli ended without a result (was it killed?)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::DatasetsPanel</name>
    <message>
        <source>evaluation set (BEIR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>candidate pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>corpus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>relevance judgments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>positives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>negatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>passages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pool texts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 queries, %2 passages</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop validating; datasets not yet checked stay unchecked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No datasets in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A workspace holds training files ({&quot;query&quot;, &quot;pos&quot;, &quot;neg&quot;} JSONL), candidate pools ({&quot;text&quot;} JSONL) and evaluation folders (corpus.jsonl, queries.jsonl, qrels/test.tsv). Add some and reopen the workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validating %1: %p%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not checked yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot validate</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, valid with warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation of this dataset has not finished yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation was cancelled. Reopen the workspace to check again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems and summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to see line %1 in the Records tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::EncodingPrecisionBoxes</name>
    <message>
        <source>Encode in &amp;bf16</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encode in int&amp;8</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::EvaluationPanel</name>
    <message>
        <source>Evaluate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation set:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max_len:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>query_max_len:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query instruction:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare with and without the instruction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Query by query&lt;/b&gt;: rank of the first relevant document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>against</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>biggest gains first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>biggest losses first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A workspace needs a model folder and a BEIR evaluation folder (corpus.jsonl, queries.jsonl, qrels/) to evaluate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check a model or more and choose an evaluation set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Evaluating %n model(s)...</source>
        <translation>
            <numerusform>Evaluating %n model...</numerusform>
            <numerusform>Evaluating %n models...</numerusform>
        </translation>
    </message>
    <message>
        <source>The evaluation failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not in the top k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(reading the evaluation set...)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query %1:
%2

Relevant:
%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Metrics&lt;/b&gt; (the best model of each row in bold)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query instruction: none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query instruction: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the job&apos;s options to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BM25 baseline (keyword search)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::HistoryPanel</name>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search names, tags, notes, options...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select two runs or more (Ctrl+click) to compare them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History unavailable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete %n run(s) from the history? Their metrics, results and notes go with them.</source>
        <translation>
            <numerusform>Delete %n run from the history? Its metrics, results and notes go with it.</numerusform>
            <numerusform>Delete %n runs from the history? Their metrics, results and notes go with them.</numerusform>
        </translation>
    </message>
    <message>
        <source>Also delete their output files and run folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 kept: it does not look like a run folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::JobControls</name>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %p%, about %2 s left</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::LengthHistogram</name>
    <message>
        <source>share of texts (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (median %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>length in characters (log scale)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last bin holds every text above the 99th percentile.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::MergeSweepView</name>
    <message>
        <source>&lt;b&gt;Merge trade-off&lt;/b&gt; (embedlab-cli merge --sweep)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weight of the first model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>general set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dashed line: the weight the merged model was written with (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::MiningPanel</name>
    <message>
        <source>Write the mined training data to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training data (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selection (updates the preview at once)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mine the whole file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Training file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Candidate &amp;pool:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the file&apos;s own positives and negatives)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where negatives come from: the unique positives and negatives of the training file (the reference&apos;s rule), or a pool of {&quot;text&quot;} lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Queries in the sample:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;eed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max &amp;length (tokens):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search the sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embed the candidates and the sampled queries once; the settings below then re-select without encoding again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>range_for_sampling:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>negative_number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sampling:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>random in the range (the reference)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the top of the range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>relative_margin:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>absolute_margin:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max_score:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mine all...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>score against the query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>share of each kind (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSONL (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model folder and a training file first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embedding and searching: %p%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
  line %2 · %3 negatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>positive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dropped: probable false negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>above the margin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chosen negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in range, not drawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>outside the range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>positives (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chosen negatives (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dropped as false negatives (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model and a training file, then search a sample of its queries to see what a range and a margin would choose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 queries, %3 candidates. In the range: %4 candidates; dropped: %5 positive or the query, %6 by the margins and max_score; %7 negatives chosen, %8 queries short. %9 queries have a positive ranked inside the range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mining %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mined %1: %2 negatives chosen, %3 queries short of negatives.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rank %1 (score %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This query&apos;s positive is not among the %1 hits listed: it is at %2 of %3 candidates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>relative_margin %1 drops every candidate: each scores above %2 x its query&apos;s lowest positive score. This model&apos;s scores are too close together for this margin (a random or untuned model&apos;s are): lower the margin or turn it off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These settings cannot be mined: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the job&apos;s options to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mining failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::RecordBrowser</name>
    <message>
        <source>raw line %1:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a record to see it in full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: the first %n line(s), indexing the whole file...</source>
        <translation>
            <numerusform>%1: the first %n line, indexing the whole file...</numerusform>
            <numerusform>%1: the first %n lines, indexing the whole file...</numerusform>
        </translation>
    </message>
    <message>
        <source>indexing cancelled; the first lines are shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n line(s)</source>
        <translation>
            <numerusform>%1: %n line</numerusform>
            <numerusform>%1: %n lines</numerusform>
        </translation>
    </message>
    <message>
        <source>Search queries, positives and negatives...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only invalid lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>search cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 of %3 lines match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop indexing or searching; what is there stays browsable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query/text characters from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a passage&apos;s characters from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::RecordTableModel</name>
    <message>
        <source>(the file changed on disk; reopen it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(a line of %1 bytes, too long to show)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query / text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Positives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Negatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest passage</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::RunComparisonView</name>
    <message>
        <source>Differences only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export plot...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Options&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Final metrics&lt;/b&gt; (the best of each row in bold)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Curves&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select two runs or more (Ctrl+click or Shift+click) and press Compare to see their options side by side, their final metrics with the best in bold, and their metric curves on one plot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>option</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::RunTableModel</name>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 negatives, %2 queries short</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::ThresholdsPanel</name>
    <message>
        <source>precision %1 · recall %2 · F1 %3
true positives %4 · false positives %5 · false negatives %6 · true negatives %7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labelled pairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pairs (*.tsv *.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score labelled pairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pairs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target precision:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Score and fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threshold (drag the line in the plots)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Similar when the score is at least</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best F1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cosine similarity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>share of pairs (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>precision, recall, F1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model and labelled pairs, then score them: the thresholds are fitted on half of the pairs and reported on the other half.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model and a file of labelled pairs first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scoring %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scoring failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fitted on %1 pairs (%2 groups), reported on the other %3 pairs (%4 groups).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best F1: threshold %1, F1 %2 where fitted, %3 on the other part.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Precision %1: threshold %2; precision %3 on the other part, recall %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No threshold reaches a precision of %1 on the fit part.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scores in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>similar pairs (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dissimilar pairs (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On the held-out part (what to expect on new pairs):
%1

On the fit part:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reranker: sigmoid scores in [0, 1]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reranker logit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reranker score, sigmoid(logit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no dissimilar pair (no line labelled 0): a threshold needs both kinds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no dissimilar pairs: no line has &quot;neg&quot; texts. Mine negatives first (Mining panel) and choose the mined file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the job&apos;s options to %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::TokenStatisticsView</name>
    <message>
        <source>&amp;Tokenizer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model folder whose tokenizer counts the tokens (tokenizer.json or vocab.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;query_max_len:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;passage_max_len:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens per query, special tokens included, as training uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens per passage, special tokens included</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query &amp;instruction:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (e.g. &quot;query: &quot; for E5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put before every query without a &quot;prompt&quot; of its own, as query_instruction_for_retrieval does in training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model folder (one with tokenizer.json or vocab.txt) to count query and passage lengths in tokens, as the model will see them, and to see how much query_max_len and passage_max_len would truncate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>query length (tokens)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>passage length (tokens)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>share of texts (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>negatives per query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no model folder found)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model folder with a tokenizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has neither tokenizer.json nor vocab.txt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting tokens: %p%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting was cancelled; the plots show the part read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No queries in this dataset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No passages in this dataset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept whole</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>truncated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 = %2
%3 truncated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>passages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2: median %3 tokens, 99th percentile %4, longest %5; %6 longer than %7.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only training files have negatives.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No query has negatives yet:
mine them (Mining panel).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This dataset has no texts to count (relevance judgments, or a file whose kind is unknown).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting...</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n invalid line(s) skipped</source>
        <translation>
            <numerusform>%n invalid line skipped</numerusform>
            <numerusform>%n invalid lines skipped</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 repeated queries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 distinct passages, %2 repeats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(too many texts to track them all: at least)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(so far)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::TrainingOptionForm</name>
    <message>
        <source>Training data (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model_name_or_path: choose a model folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>train_data: choose a training file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output_dir: choose a run folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a JSON object of training options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the model&apos;s own setting)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Separate several with &apos;;&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>embedlab::widgets::TrainingPanel</name>
    <message>
        <source>Load training options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training options (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save training options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load options...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A preset, a --config file or a run folder&apos;s training_options.json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save options...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Launch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop at the next batch, with a checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cosine similarity to the query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>share (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the options and launch: the run&apos;s curves appear here as it trains. It keeps running if the window closes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot launch: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping at the next batch, with a checkpoint...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1 of %2 · epoch %3 · loss %4 · %5 samples/s · %6 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished: the model is in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (mean %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>positives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hard negatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in-batch negatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue the selected run from its latest checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow several runs at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Launch while another run is going (they share the CPU or GPUs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A run is going: stop it first, or allow several runs at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A run is going in %1: choose another output_dir.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running, step %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished, %1 steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped at step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reranker score, sigmoid(logit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model_name_or_path: %1 is not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>train_data: %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped at step %1 with a checkpoint; Resume continues from it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped at step %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed at step %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>eval_data: %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dev %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>best (step %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>base model %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already holds files: choose another output_dir, or tick overwrite_output_dir.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pre-training has no similarities: its loss shows the progress</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>EmbedLab: fine-tune text-embedding models and rerankers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the workspace folder DIR.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the panel NAME (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Render the window to FILE.png (offscreen) and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU threads for LibTorch and BLAS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the interface in LANGUAGE (en, de, zh_CN) this time; Preferences sets it for good.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the demo in the panels (mine, train, evaluate, fit thresholds).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --run-demo: capture each panel into DIR as the demo goes, then exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workspace folder (as --workspace).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>workspace</name>
    <message>
        <source>The demo workspace is not installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not copy the demo workspace to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
