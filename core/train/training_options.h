// Every option of a contrastive fine-tuning run, with the reference workflow's names and
// defaults (FlagEmbedding's finetune.run on top of Hugging Face TrainingArguments) where they are
// right. Serialised to JSON under the same names: `--config FILE.json` reads it, the run folder
// and every checkpoint store the resolved options, so a run can be reproduced and compared.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/common/option_table.h"

namespace embedlab::train {

struct TrainingOptions {
  /// task: "embedding" (a bi-encoder, `train`), "reranker" (a cross-encoder, `train-reranker`:
  /// query and passage read together, cross-entropy over each group's logits) or "pretrain" (an
  /// encoder pre-trained on texts alone, `pretrain`: masked language modelling or RetroMAE)
  std::string task = "embedding";

  // ---- data ----
  std::string outputDir;  ///< output_dir: the run folder; the final model lands at its root
  /// overwrite_output_dir: train into an output_dir that already holds files (without it, only
  /// a run resumed from a checkpoint in it may)
  bool overwriteOutputDir = false;
  std::string modelNameOrPath;  ///< model_name_or_path: the Hugging Face model folder to start from
  /// cache_dir: the Hugging Face hub cache a hub id in model_name_or_path is looked up in ("":
  /// $HF_HUB_CACHE, $HF_HOME/hub or ~/.cache/huggingface/hub)
  std::string cacheDir;
  /// revision: which revision of a hub id to read from the cache (branch, tag or commit)
  std::string revision = "main";
  /// cache_path: the reference's tokenized-dataset cache; accepted, unused (EmbedLab reads the
  /// JSONL files directly)
  std::string cachePath;
  /// train_data: JSONL files ({"query", "pos", "neg"} lines), or folders: their .jsonl files
  std::vector<std::string> trainData;
  /// same_dataset_within_batch: every global batch from one train_data file
  bool sameDatasetWithinBatch = false;
  int trainGroupSize = 8;   ///< train_group_size: passages per query, 1 positive + G-1 negatives
  int queryMaxLen = 32;     ///< query_max_len: tokens per query, special tokens included
  int passageMaxLen = 128;  ///< passage_max_len: tokens per passage
  std::string queryInstruction;    ///< query_instruction_for_retrieval: put before every query
  std::string passageInstruction;  ///< passage_instruction: put before every passage
  /// query_instruction_format: a Python format string, format(instruction, query)
  std::string queryInstructionFormat = "{}{}";
  /// passage_instruction_format: format(instruction, passage)
  std::string passageInstructionFormat = "{}{}";
  bool deduplicateBatches = false;  ///< dedup_batches: keep a text out of a batch it is already in
  /// group_by_length: batches of queries whose passages have similar lengths (less padding)
  bool groupByLength = false;
  int padToMultipleOf = 0;  ///< pad_to_multiple_of: round padded lengths up to a multiple (0: off)

  // ---- pre-training (task "pretrain") ----
  std::string method = "mlm";    ///< method: mlm (masked language modelling) or retromae
  int maxSeqLength = 128;        ///< max_seq_length: tokens per text when pre-training
  double mlmProbability = 0.15;  ///< mlm_probability: share of tokens chosen for prediction
  bool wholeWordMask = false;    ///< whole_word_mask: choose whole words instead of tokens
  /// encoder_mlm_probability: retromae, share of tokens masked in the encoder's input
  double encoderMlmProbability = 0.3;
  /// decoder_mlm_probability: retromae, share of tokens hidden from each decoder position
  double decoderMlmProbability = 0.5;

  // ---- model and loss ----
  /// sentence_pooling_method: cls, mean or last_token (also lasttoken; "": the model's)
  std::string pooling;
  /// normalized (also normlized, normalize_embeddings): L2-normalise embeddings
  bool normalized = true;
  double temperature = 0.02;     ///< temperature: scores are q.p / temperature
  bool inBatchNegatives = true;  ///< use_inbatch_neg: other queries' passages are negatives too
  bool negativesCrossDevice = false;  ///< negatives_cross_device: share passages across workers

  // ---- distillation from teacher scores (pos_scores/neg_scores in the data) ----
  /// knowledge_distillation: add the KL term towards the softmax of the lines' teacher scores
  /// (off, as in the reference: scores in the data are then ignored)
  bool knowledgeDistillation = false;
  std::string kdLossType = "kl_div";  ///< kd_loss_type: the distillation loss; only kl_div
  /// teacher_temperature: teacher scores are divided by it before their softmax (1 for a
  /// reranker's logits; a bi-encoder's cosines, as `mine --write_scores` writes them, need that
  /// model's training temperature, e.g. 0.02)
  double teacherTemperature = 1.0;
  double distillationWeight = 1.0;  ///< distill_weight: weight of the KL term

  // ---- optimisation ----
  double learningRate = 1e-5;   ///< learning_rate (AdamW)
  double numTrainEpochs = 3.0;  ///< num_train_epochs (ignored when max_steps > 0)
  std::int64_t maxSteps = -1;   ///< max_steps: total optimiser steps, -1 for epochs
  /// per_device_train_batch_size: queries per worker and micro-batch
  int perDeviceTrainBatchSize = 8;
  /// gradient_accumulation_steps: micro-batches per optimiser step (their gradients summed)
  int gradientAccumulationSteps = 1;
  bool dataloaderDropLast = false;  ///< dataloader_drop_last: drop an epoch's last incomplete batch
  double warmupRatio = 0.0;         ///< warmup_ratio: share of steps with a linear warm-up
  /// lr_scheduler_type: linear, cosine, constant or constant_with_warmup (learning_rate_schedule.h)
  std::string lrSchedulerType = "linear";
  double weightDecay = 0.0;   ///< weight_decay (not on biases and LayerNorm weights)
  double maxGradNorm = 1.0;   ///< max_grad_norm: clip the global gradient norm (0: off)
  double adamBeta1 = 0.9;     ///< adam_beta1
  double adamBeta2 = 0.999;   ///< adam_beta2
  double adamEpsilon = 1e-8;  ///< adam_epsilon
  std::uint64_t seed = 42;    ///< seed: sampling, shuffling, dropout

  // ---- evaluation on a dev set during training (bi-encoders) ----
  /// eval_data: a BEIR folder (corpus.jsonl, queries.jsonl, qrels/) or an MS MARCO queries
  /// JSONL (with eval_corpus), as `eval` reads them ("": no evaluation)
  std::string evalData;
  std::string evalCorpus;              ///< eval_corpus: the MS MARCO corpus JSONL for eval_data
  std::string evalSplit = "test";      ///< eval_split: which qrels/<split>.tsv of a BEIR eval_data
  std::string evalStrategy = "steps";  ///< eval_strategy: steps, epoch or no
  int evalSteps = 0;                   ///< eval_steps: evaluate every N steps (0: logging_steps)
  int perDeviceEvalBatchSize = 256;    ///< per_device_eval_batch_size: texts per encoding batch
  std::string metricForBestModel = "MRR@10";  ///< metric_for_best_model: what "best" means
  /// load_best_model_at_end: the model at output_dir's root is the best evaluated one
  bool loadBestModelAtEnd = false;
  int earlyStoppingPatience = 0;  ///< early_stopping_patience: stop after N worse evaluations

  // ---- logging and checkpoints ----
  /// report_to: none, or tensorboard (event files under output_dir/runs/)
  std::string reportTo = "none";
  int loggingSteps = 10;   ///< logging_steps: a metrics record every N steps
  int saveSteps = 500;     ///< save_steps: a checkpoint every N steps (0: only at the end)
  int saveTotalLimit = 0;  ///< save_total_limit: keep the last N checkpoints (0: all)
  std::string resumeFromCheckpoint;  ///< resume_from_checkpoint: a checkpoint folder, or "latest"

  // ---- memory and devices ----
  bool gradientCheckpointing = false;  ///< gradient_checkpointing: recompute layers in backward
  bool gradCache = false;              ///< grad_cache: embed in chunks, batch size bounded by time
  int gcChunkSize = 32;                ///< gc_chunk_size: texts per chunk with grad_cache
  bool fp16 = false;                   ///< fp16: mixed precision on CUDA (dynamic loss scaling)
  bool bf16 = false;                   ///< bf16: bfloat16 autocast (CUDA, and CPUs that support it)
  int nprocPerNode = 1;         ///< nproc_per_node: worker processes to start on this machine
  std::string device = "auto";  ///< device: auto, cpu or cuda
  /// ddp_backend: how workers exchange tensors: auto (NCCL on GPUs, Gloo on CPUs), nccl or gloo
  std::string ddpBackend = "auto";

  /// The options as JSON, under their reference names: those of its task only.
  nlohmann::json toJson() const;
  /// Options from JSON (a --config file, a checkpoint's trainer_state.json): an unknown key or a
  /// value of the wrong type is a UsageError naming `source` and the option.
  /// An option that does not apply to the task (temperature for a reranker) is refused.
  static TrainingOptions fromJson(const nlohmann::json& json, const std::string& source);
  /// fromJson for options an earlier version recorded (a checkpoint's, a run's): those of the
  /// other task, which it wrote too, are dropped instead of refused.
  static TrainingOptions fromRecordedJson(nlohmann::json json, const std::string& source);
  /// Every option: name, group, help, tasks, type and default (option_table.h), in the order
  /// --help and the Training panel list them.
  static const std::vector<OptionDescription>& table();
};

/// The task bits of option_table.h's OptionInfo::tasks.
constexpr unsigned kEmbeddingTask = 1;
constexpr unsigned kRerankerTask = 2;
constexpr unsigned kPretrainTask = 4;
/// kRerankerTask for "reranker", kPretrainTask for "pretrain", else kEmbeddingTask.
unsigned taskBit(const std::string& task);

/// Checks everything that can be checked before loading data and model: throws UsageError naming
/// the option and the allowed values.
void validate(const TrainingOptions& options);

}  // namespace embedlab::train
