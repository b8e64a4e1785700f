#include "core/train/training_options.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>
#include <type_traits>

#include "core/common/error.h"
#include "core/common/json_read.h"
#include "core/common/option_json.h"
#include "core/train/instruction_format.h"

namespace embedlab::train {

namespace {

const char* const kData = OPTION_TEXT("Options", "Data");
const char* const kModel = OPTION_TEXT("Options", "Model and loss");
const char* const kOptimisation = OPTION_TEXT("Options", "Optimisation");
const char* const kEvaluation = OPTION_TEXT("Options", "Evaluation during training");
const char* const kLogging = OPTION_TEXT("Options", "Logging and checkpoints");
const char* const kMemory = OPTION_TEXT("Options", "Memory and devices");
const char* const kPretraining = OPTION_TEXT("Options", "Pre-training");
constexpr unsigned kEmbedding = kEmbeddingTask;
constexpr unsigned kFineTuning = kEmbeddingTask | kRerankerTask;
constexpr unsigned kPretrain = kPretrainTask;
constexpr unsigned kAll = kEveryTask;

// The table of training's options (option_table.h), in the order --help, the docs and the
// Training panel's form list them. The bi-encoder's own options (pooling, normalisation,
// temperature, in-batch and cross-device negatives, the gradient cache) apply to the embedding
// task only: train-reranker has no such flags, and a --config that sets them for a reranker is
// refused.
template <typename Visitor>
void visitFields(TrainingOptions& o, Visitor&& visit) {
  visit(
      {"model_name_or_path", kData,
       OPTION_TEXT("Options", "The Hugging Face model folder to start from."), kAll, "", "", true},
      o.modelNameOrPath);
  visit({"cache_dir", kData,
         OPTION_TEXT("Options",
                     "The Hugging Face hub cache where a hub id (org/name) in model_name_or_path "
                     "is looked up (default: $HF_HUB_CACHE, else $HF_HOME/hub, else "
                     "~/.cache/huggingface/hub)."),
         kAll},
        o.cacheDir);
  visit({"revision", kData,
         OPTION_TEXT("Options",
                     "Which revision of a hub id in model_name_or_path to read from the cache: a "
                     "branch, a tag or a commit hash."),
         kAll},
        o.revision);
  visit({"cache_path", kData,
         OPTION_TEXT("Options",
                     "Accepted for the reference's commands, without effect: EmbedLab reads the "
                     "training files directly and keeps no dataset cache (default: none)."),
         kAll},
        o.cachePath);
  visit({"train_data", kData,
         OPTION_TEXT("Options",
                     "Training files of {\"query\", \"pos\", \"neg\"} lines; a folder stands "
                     "for every .jsonl file directly in it, by name. Pre-training also reads "
                     "{\"text\"} lines (candidate pools) and learns from every distinct text."),
         kAll, "", "", true},
        o.trainData);
  visit({"same_dataset_within_batch", kData,
         OPTION_TEXT("Options",
                     "Draw every global batch from one train_data file: each file's queries are "
                     "shuffled and cut into batches, and the batches shuffled, so that in-batch "
                     "negatives come from the same kind of data."),
         kFineTuning},
        o.sameDatasetWithinBatch);
  visit({"output_dir", kData,
         OPTION_TEXT("Options",
                     "The run folder: options, metrics, checkpoints; the final model lands at its "
                     "root."),
         kAll, "", "", true},
        o.outputDir);
  visit({"overwrite_output_dir", kData,
         OPTION_TEXT("Options",
                     "Train into an output_dir that already holds files, writing over them. "
                     "Without it such a folder is refused, unless the run resumes from a "
                     "checkpoint in it.")},
        o.overwriteOutputDir);
  visit({"train_group_size", kData,
         OPTION_TEXT("Options",
                     "Passages per query: one positive and G-1 hard negatives. More negatives help "
                     "until memory runs out."),
         kFineTuning},
        o.trainGroupSize);
  visit({"query_max_len", kData,
         OPTION_TEXT("Options",
                     "Longest query in tokens; set it from the query lengths (the Datasets panel's "
                     "Statistics tab)."),
         kFineTuning},
        o.queryMaxLen);
  visit(
      {"passage_max_len", kData,
       OPTION_TEXT("Options", "Longest passage in tokens; longer passages are cut."), kFineTuning},
      o.passageMaxLen);
  visit({"query_instruction_for_retrieval", kData,
         OPTION_TEXT(
             "Options",
             "Put before every query without a \"prompt\" of its own (e.g. BGE's "
             "instruction). Use the same text when you encode queries later (default: nothing)."),
         kFineTuning},
        o.queryInstruction);
  visit({"passage_instruction", kData,
         OPTION_TEXT("Options",
                     "Put before every passage, e.g. \"passage: \" for E5 (default: nothing)."),
         kFineTuning},
        o.passageInstruction);
  visit({"query_instruction_format", kData,
         OPTION_TEXT("Options",
                     "How the instruction (or a line's \"prompt\") and the query are joined: a "
                     "Python format string with two {}, filled with the instruction and the "
                     "query, e.g. \"<instruct>{}\\n<query>{}\" (\\n is a line break, as in the "
                     "reference; used only with an instruction)."),
         kFineTuning},
        o.queryInstructionFormat);
  visit({"passage_instruction_format", kData,
         OPTION_TEXT("Options",
                     "How passage_instruction and the passage are joined: a Python format string "
                     "with two {}, filled with the instruction and the passage (used only with an "
                     "instruction)."),
         kFineTuning},
        o.passageInstructionFormat);
  visit(
      {"dedup_batches", kData,
       OPTION_TEXT("Options",
                   "Keep a text out of a batch that already holds it, so that a duplicate positive "
                   "is never an in-batch negative."),
       kFineTuning},
      o.deduplicateBatches);
  visit({"group_by_length", kData,
         OPTION_TEXT("Options",
                     "Fill each batch with queries whose passages have about the same length, so "
                     "that less padding is computed. The batches are shuffled, the longest one "
                     "first (a memory shortage shows at the first step). It changes which queries "
                     "share a batch, and so their in-batch negatives."),
         kFineTuning},
        o.groupByLength);
  visit({"pad_to_multiple_of", kData,
         OPTION_TEXT("Options",
                     "Pad each tokenized batch to a multiple of N tokens (e.g. 8 for tensor "
                     "cores; 0: to its longest text only). The extra padding is masked.")},
        o.padToMultipleOf);
  visit({"task", kModel,
         OPTION_TEXT(
             "Options",
             "The kind of model: embedding, a bi-encoder (contrastive loss on embeddings); "
             "reranker, a cross-encoder reading query and passage together (start it from a "
             "pretrained model: from random weights it barely learns); or pretrain, an encoder "
             "pre-trained on the texts alone (method), to fine-tune afterwards."),
         kAll, "", "embedding,reranker,pretrain"},
        o.task);
  visit({"method", kPretraining,
         OPTION_TEXT("Options",
                     "How pre-training learns from the texts: mlm (BERT's masked language "
                     "modelling) or retromae (an encoder whose [CLS] embedding a one-layer "
                     "decoder must use to rebuild a heavily masked copy of the text, "
                     "FlagEmbedding's pre-training for retrieval)."),
         kPretrain, "", "mlm,retromae"},
        o.method);
  visit({"max_seq_length", kPretraining,
         OPTION_TEXT("Options", "Longest text in tokens when pre-training; longer texts are cut."),
         kPretrain},
        o.maxSeqLength);
  visit({"mlm_probability", kPretraining,
         OPTION_TEXT("Options",
                     "Share of tokens the model must predict with mlm (of them 80% become "
                     "[MASK], 10% a random token, 10% stay)."),
         kPretrain},
        o.mlmProbability);
  visit({"whole_word_mask", kPretraining,
         OPTION_TEXT("Options",
                     "Mask whole words (all their pieces together) instead of single tokens, so "
                     "the model cannot fill half a word from its other half."),
         kPretrain},
        o.wholeWordMask);
  visit({"encoder_mlm_probability", kPretraining,
         OPTION_TEXT("Options", "Share of tokens masked in the encoder's input with retromae."),
         kPretrain},
        o.encoderMlmProbability);
  visit({"decoder_mlm_probability", kPretraining,
         OPTION_TEXT("Options",
                     "Share of tokens each retromae decoder position may not see (besides "
                     "itself) when it rebuilds the text from the [CLS] embedding."),
         kPretrain},
        o.decoderMlmProbability);
  visit({"sentence_pooling_method", kModel,
         OPTION_TEXT(
             "Options",
             "Pooling: cls, mean or last_token (default: the model's own sentence-transformers "
             "setting, else mean)."),
         kEmbedding, "", ",cls,mean,last_token,lasttoken"},
        o.pooling);
  visit({"normalized", kModel,
         OPTION_TEXT("Options", "L2-normalise embeddings, so that scores are cosines."), kEmbedding,
         "normlized,normalize_embeddings"},
        o.normalized);
  visit({"temperature", kModel,
         OPTION_TEXT("Options",
                     "Scores are divided by it before the softmax: lower sharpens the distribution "
                     "(0.01-0.05 is usual; the reference uses 0.02)."),
         kEmbedding},
        o.temperature);
  visit({"use_inbatch_neg", kModel,
         OPTION_TEXT("Options", "Use the other queries' passages as negatives too."), kEmbedding},
        o.inBatchNegatives);
  visit({"negatives_cross_device", kModel,
         OPTION_TEXT(
             "Options",
             "Share passages across workers as negatives: the effective batch is all workers' "
             "batches together."),
         kEmbedding},
        o.negativesCrossDevice);
  visit({"knowledge_distillation", kModel,
         OPTION_TEXT(
             "Options",
             "Distil from the lines' pos_scores and neg_scores: add the KL divergence from the "
             "teacher's softmax over each group. Off: scores in the data are ignored."),
         kFineTuning},
        o.knowledgeDistillation);
  visit(
      {"kd_loss_type", kModel,
       OPTION_TEXT("Options",
                   "The distillation loss: kl_div (the reference's m3_kd_loss is not supported)."),
       kFineTuning},
      o.kdLossType);
  visit({"teacher_temperature", kModel,
         OPTION_TEXT(
             "Options",
             "Teacher scores are divided by it before their softmax: 1 for a reranker's "
             "logits; for cosines written by Mine, the temperature that model was trained with "
             "(e.g. 0.02)."),
         kFineTuning},
        o.teacherTemperature);
  visit({"distill_weight", kModel,
         OPTION_TEXT("Options", "Weight of the distillation term (with knowledge_distillation)."),
         kFineTuning},
        o.distillationWeight);
  visit(
      {"learning_rate", kOptimisation,
       OPTION_TEXT("Options",
                   "AdamW learning rate; the reference advises 1e-5, 2e-5 and 3e-5 for large, base "
                   "and small models.")},
      o.learningRate);
  visit({"num_train_epochs", kOptimisation,
         OPTION_TEXT("Options", "Passes over the training data (may be fractional).")},
        o.numTrainEpochs);
  visit({"max_steps", kOptimisation,
         OPTION_TEXT("Options", "Optimiser steps in all; when positive it overrides the epochs.")},
        o.maxSteps);
  visit({"per_device_train_batch_size", kOptimisation,
         OPTION_TEXT(
             "Options",
             "Queries per worker and micro-batch. Larger batches give more in-batch negatives and "
             "usually better models; the gradient cache makes them fit in memory.")},
        o.perDeviceTrainBatchSize);
  visit({"gradient_accumulation_steps", kOptimisation,
         OPTION_TEXT("Options",
                     "Micro-batches of per_device_train_batch_size per optimiser step, their "
                     "gradients summed: a larger effective batch in the same memory. It does not "
                     "add in-batch negatives (each micro-batch's loss sees only its own batch); "
                     "--grad_cache does. Steps, the schedule, logging and checkpoints count "
                     "optimiser steps.")},
        o.gradientAccumulationSteps);
  visit({"dataloader_drop_last", kOptimisation,
         OPTION_TEXT("Options",
                     "Drop short batches instead of filling them with queries trained a second "
                     "time.")},
        o.dataloaderDropLast);
  visit(
      {"warmup_ratio", kOptimisation,
       OPTION_TEXT("Options",
                   "Share of the steps over which the learning rate rises linearly from 0 (0.1 is "
                   "common).")},
      o.warmupRatio);
  visit({"lr_scheduler_type", kOptimisation,
         OPTION_TEXT("Options",
                     "The learning rate's course, as Hugging Face's: linear (warm-up, then down "
                     "to 0), cosine (warm-up, then half a cosine to 0), constant (no warm-up) "
                     "or constant_with_warmup."),
         kAll, "", "linear,cosine,constant,constant_with_warmup"},
        o.lrSchedulerType);
  visit({"weight_decay", kOptimisation,
         OPTION_TEXT("Options", "AdamW weight decay (never on biases and LayerNorm weights).")},
        o.weightDecay);
  visit({"max_grad_norm", kOptimisation,
         OPTION_TEXT("Options", "Clip the global gradient norm to this (0: no clipping).")},
        o.maxGradNorm);
  visit({"adam_beta1", kOptimisation, OPTION_TEXT("Options", "AdamW beta1.")}, o.adamBeta1);
  visit({"adam_beta2", kOptimisation, OPTION_TEXT("Options", "AdamW beta2.")}, o.adamBeta2);
  visit({"adam_epsilon", kOptimisation, OPTION_TEXT("Options", "AdamW epsilon.")}, o.adamEpsilon);
  visit({"seed", kOptimisation,
         OPTION_TEXT("Options",
                     "Seed of sampling, shuffling and dropout: the same seed gives the same run.")},
        o.seed);
  visit({"eval_data", kEvaluation,
         OPTION_TEXT("Options",
                     "Dev set evaluated during training, as eval reads it: a BEIR folder "
                     "(corpus.jsonl, queries.jsonl, qrels/) or an MS MARCO queries JSONL with "
                     "--eval_corpus (default: no evaluation)."),
         kEmbedding},
        o.evalData);
  visit({"eval_corpus", kEvaluation,
         OPTION_TEXT("Options",
                     "The corpus JSONL of an MS MARCO eval_data (default: none; a BEIR folder "
                     "has its own)."),
         kEmbedding},
        o.evalCorpus);
  visit({"eval_split", kEvaluation,
         OPTION_TEXT("Options", "Which qrels/<split>.tsv of a BEIR eval_data to use."), kEmbedding},
        o.evalSplit);
  visit({"eval_strategy", kEvaluation,
         OPTION_TEXT("Options",
                     "When to evaluate: every eval_steps steps, at the end of every epoch, or "
                     "no; always once before the first step (the base model) and after the last."),
         kEmbedding, "evaluation_strategy", "steps,epoch,no"},
        o.evalStrategy);
  visit({"eval_steps", kEvaluation,
         OPTION_TEXT("Options", "Evaluate every N steps (0: every logging_steps)."), kEmbedding},
        o.evalSteps);
  visit({"per_device_eval_batch_size", kEvaluation,
         OPTION_TEXT("Options", "Texts per encoding batch when evaluating."), kEmbedding},
        o.perDeviceEvalBatchSize);
  visit({"metric_for_best_model", kEvaluation,
         OPTION_TEXT("Options",
                     "The dev metric that decides the best model and early stopping (higher is "
                     "better)."),
         kEmbedding, "",
         "MRR@1,MRR@10,MRR@100,Recall@1,Recall@10,Recall@100,R_cap@1,R_cap@10,R_cap@100,nDCG@10,"
         "MAP@100"},
        o.metricForBestModel);
  visit({"load_best_model_at_end", kEvaluation,
         OPTION_TEXT("Options",
                     "Write the best evaluated model, not the last one, at output_dir's root "
                     "(kept in output_dir/best-model as the run goes)."),
         kEmbedding},
        o.loadBestModelAtEnd);
  visit({"early_stopping_patience", kEvaluation,
         OPTION_TEXT("Options",
                     "Stop after N evaluations in a row without a better metric_for_best_model "
                     "(0: never stop early)."),
         kEmbedding},
        o.earlyStoppingPatience);
  visit({"report_to", kLogging,
         OPTION_TEXT("Options",
                     "Where the metrics also go: none, or tensorboard (event files under "
                     "output_dir/runs/, for `tensorboard --logdir output_dir/runs`)."),
         kAll, "", "none,tensorboard"},
        o.reportTo);
  visit({"logging_steps", kLogging,
         OPTION_TEXT("Options",
                     "A metrics record (loss, learning rate, similarity histograms) every N steps: "
                     "what the plots show.")},
        o.loggingSteps);
  visit({"save_steps", kLogging,
         OPTION_TEXT("Options",
                     "A checkpoint every N steps (0: only at the end). Stop always writes one.")},
        o.saveSteps);
  visit({"save_total_limit", kLogging,
         OPTION_TEXT("Options", "Keep only the last N checkpoints (0: all).")},
        o.saveTotalLimit);
  visit({"resume_from_checkpoint", kLogging,
         OPTION_TEXT("Options",
                     "Continue from a checkpoint folder, or \"latest\" in the run folder (default: "
                     "start afresh).")},
        o.resumeFromCheckpoint);
  visit(
      {"gradient_checkpointing", kMemory,
       OPTION_TEXT("Options",
                   "Recompute each layer in the backward pass: less memory, about 30% more time.")},
      o.gradientCheckpointing);
  visit({"grad_cache", kMemory,
         OPTION_TEXT(
             "Options",
             "Gradient cache: embed the batch in chunks, so that the batch size is bounded by "
             "time rather than memory, with the same gradients."),
         kEmbedding},
        o.gradCache);
  visit({"gc_chunk_size", kMemory,
         OPTION_TEXT("Options", "Texts per chunk with the gradient cache."), kEmbedding},
        o.gcChunkSize);
  visit(
      {"fp16", kMemory,
       OPTION_TEXT("Options", "Mixed precision in float16 with dynamic loss scaling (CUDA only).")},
      o.fp16);
  visit({"bf16", kMemory,
         OPTION_TEXT("Options", "Mixed precision in bfloat16 (CUDA, or CPUs that support it).")},
        o.bf16);
  visit({"nproc_per_node", kMemory,
         OPTION_TEXT(
             "Options",
             "Worker processes to start on this machine (one per GPU); under torchrun or srun "
             "leave 1.")},
        o.nprocPerNode);
  visit({"device", kMemory,
         OPTION_TEXT(
             "Options",
             "Where to train: auto (a GPU per worker when there are GPUs, else the CPU), cpu or "
             "cuda."),
         kAll, "", "auto,cpu,cuda"},
        o.device);
  visit({"ddp_backend", kMemory,
         OPTION_TEXT(
             "Options",
             "How worker processes exchange tensors: auto (NCCL on GPUs, Gloo on the CPU), nccl, "
             "or gloo (also on GPUs, e.g. two workers sharing one GPU, which NCCL refuses)."),
         kAll, "", "auto,nccl,gloo"},
        o.ddpBackend);
}

const auto kVisit = [](auto& o, auto&& visit) { visitFields(o, visit); };

}  // namespace

unsigned taskBit(const std::string& task) {
  if (task == "reranker") return kRerankerTask;
  return task == "pretrain" ? kPretrainTask : kEmbeddingTask;
}

namespace {

// "train (bi-encoders)", ... : the commands of the tasks in `tasks`, for messages.
std::string commandsOf(unsigned tasks) {
  std::vector<std::string> names;
  if ((tasks & kEmbeddingTask) != 0) names.emplace_back("train (bi-encoders)");
  if ((tasks & kRerankerTask) != 0) names.emplace_back("train-reranker");
  if ((tasks & kPretrainTask) != 0) names.emplace_back("pretrain");
  return fmt::format("{}", fmt::join(names, " and "));
}

}  // namespace

nlohmann::json TrainingOptions::toJson() const {
  return optionsToJson(*this, kVisit, taskBit(task));
}

TrainingOptions TrainingOptions::fromJson(const nlohmann::json& json, const std::string& source) {
  TrainingOptions options =
      optionsFromJson<TrainingOptions>(json, source, "training options", kVisit);
  // An option of the other task is a mistake, not something to ignore silently.
  const unsigned task = taskBit(options.task);
  for (const OptionDescription& row : table()) {
    if (row.appliesTo(task)) continue;
    for (const std::string& name : optionNames(row.info)) {
      if (json.contains(name)) {
        throw UsageError(
            fmt::format("{}: option \"{}\" does not apply to the {} task (it is "
                        "for {})",
                        source, name, options.task, commandsOf(row.info.tasks)));
      }
    }
  }
  return options;
}

TrainingOptions TrainingOptions::fromRecordedJson(nlohmann::json json, const std::string& source) {
  if (json.is_object()) {
    const unsigned task = taskBit(fieldOr(json, "task", std::string("embedding")));
    for (const OptionDescription& row : table()) {
      if (row.appliesTo(task)) continue;
      for (const std::string& name : optionNames(row.info))
        json.erase(name);
    }
  }
  return fromJson(json, source);
}

const std::vector<OptionDescription>& TrainingOptions::table() {
  static const std::vector<OptionDescription> rows = describeOptions<TrainingOptions>(kVisit);
  return rows;
}

void validate(const TrainingOptions& o) {
  requireOption(o.task == "embedding" || o.task == "reranker" || o.task == "pretrain",
                "task must be embedding, reranker or pretrain, got \"" + o.task + "\"");
  if (o.task == "pretrain") {
    requireOption(o.method == "mlm" || o.method == "retromae",
                  "pretrain: --method must be mlm or retromae, got \"" + o.method + "\"");
    requireOption(
        o.maxSeqLength >= 4,
        fmt::format("pretrain: --max_seq_length must be at least 4, got {}", o.maxSeqLength));
    for (const auto& [value, flag] :
         {std::pair(o.mlmProbability, "--mlm_probability"),
          std::pair(o.encoderMlmProbability, "--encoder_mlm_probability"),
          std::pair(o.decoderMlmProbability, "--decoder_mlm_probability")}) {
      requireOption(
          value > 0 && value < 1,
          fmt::format("pretrain: {} must be between 0 and 1 (exclusive), got {}", flag, value));
    }
    requireOption(!o.gradCache, "pretrain: --grad_cache is for bi-encoders");
  }
  if (o.task == "reranker") {
    requireOption(
        o.trainGroupSize >= 2,
        "train-reranker: --train_group_size must be at least 2 (a positive and a negative)");
    requireOption(!o.gradCache,
                  "train-reranker: --grad_cache is for bi-encoders (use "
                  "--gradient_checkpointing or a smaller batch)");
    requireOption(!o.negativesCrossDevice,
                  "train-reranker: --negatives_cross_device is for bi-encoders (a reranker scores "
                  "each query's own group)");
  }
  requireOption(!o.outputDir.empty(), "--output_dir is required");
  requireOption(!o.modelNameOrPath.empty(), "--model_name_or_path is required");
  requireOption(!o.trainData.empty(), "--train_data needs at least one file");
  requireOption(o.trainGroupSize >= 1,
                fmt::format("--train_group_size must be at least 1, got {}", o.trainGroupSize));
  requireOption(o.queryMaxLen >= 4 && o.passageMaxLen >= 4,
                "--query_max_len and --passage_max_len must be at least 4");
  requireOption(
      o.pooling.empty() || o.pooling == "cls" || o.pooling == "mean" || o.pooling == "last_token" ||
          o.pooling == "lasttoken",
      "--sentence_pooling_method must be cls, mean or last_token, got \"" + o.pooling + "\"");
  requireOption(o.temperature > 0,
                fmt::format("--temperature must be positive, got {}", o.temperature));
  requireOption(o.distillationWeight >= 0, "--distill_weight must not be negative");
  requireOption(
      o.kdLossType == "kl_div",
      "--kd_loss_type must be kl_div, got \"" + o.kdLossType +
          "\" (the reference's m3_kd_loss, which distils over the in-batch negatives too, "
          "is not supported)");
  requireOption(
      o.teacherTemperature > 0,
      fmt::format("--teacher_temperature must be positive, got {}", o.teacherTemperature));
  requireOption(o.learningRate > 0,
                fmt::format("--learning_rate must be positive, got {}", o.learningRate));
  requireOption(o.maxSteps > 0 || o.numTrainEpochs > 0,
                "--num_train_epochs must be positive (or give --max_steps)");
  parseInstructionFormat(o.queryInstructionFormat, "--query_instruction_format");
  parseInstructionFormat(o.passageInstructionFormat, "--passage_instruction_format");
  requireOption(
      o.padToMultipleOf >= 0,
      fmt::format("--pad_to_multiple_of must not be negative (0: off), got {}", o.padToMultipleOf));
  requireOption(o.gradientAccumulationSteps >= 1,
                fmt::format("--gradient_accumulation_steps must be at least 1, got {}",
                            o.gradientAccumulationSteps));
  requireOption(o.lrSchedulerType == "linear" || o.lrSchedulerType == "cosine" ||
                    o.lrSchedulerType == "constant" || o.lrSchedulerType == "constant_with_warmup",
                "--lr_scheduler_type must be linear, cosine, constant or constant_with_warmup, "
                "got \"" +
                    o.lrSchedulerType + "\"");
  requireOption(o.perDeviceTrainBatchSize >= 1,
                fmt::format("--per_device_train_batch_size must be at least 1, got {}",
                            o.perDeviceTrainBatchSize));
  requireOption(o.warmupRatio >= 0 && o.warmupRatio <= 1, "--warmup_ratio must be between 0 and 1");
  requireOption(o.weightDecay >= 0, "--weight_decay must not be negative");
  requireOption(o.maxGradNorm >= 0, "--max_grad_norm must not be negative (0 turns clipping off)");
  requireOption(o.adamBeta1 >= 0 && o.adamBeta1 < 1 && o.adamBeta2 >= 0 && o.adamBeta2 < 1,
                "--adam_beta1 and --adam_beta2 must be in [0, 1)");
  requireOption(o.adamEpsilon > 0, "--adam_epsilon must be positive");
  requireOption(o.loggingSteps >= 1, "--logging_steps must be at least 1");
  requireOption(o.evalSteps >= 0, "--eval_steps must not be negative (0: every logging_steps)");
  requireOption(o.perDeviceEvalBatchSize >= 1, "--per_device_eval_batch_size must be at least 1");
  requireOption(o.earlyStoppingPatience >= 0, "--early_stopping_patience must not be negative");
  const bool evaluates = !o.evalData.empty() && o.evalStrategy != "no";
  requireOption(!o.loadBestModelAtEnd || evaluates,
                "--load_best_model_at_end needs --eval_data (and an --eval_strategy other than "
                "no)");
  requireOption(o.earlyStoppingPatience == 0 || evaluates,
                "--early_stopping_patience needs --eval_data (and an --eval_strategy other than "
                "no)");
  if (evaluates) {
    // The dev set's texts are encoded with the instruction as a prefix.
    for (const auto& [format, instruction, flag] :
         {std::tuple(o.queryInstructionFormat, o.queryInstruction, "--query_instruction_format"),
          std::tuple(o.passageInstructionFormat, o.passageInstruction,
                     "--passage_instruction_format")}) {
      requireOption(instruction.empty() || parseInstructionFormat(format, flag).after.empty(),
                    std::string(flag) + " \"" + format +
                        "\": with --eval_data the format must end with the text's {} (the dev "
                        "set is encoded with the instruction as a prefix)");
    }
  }
  requireOption(o.saveSteps >= 0, "--save_steps must not be negative");
  requireOption(o.saveTotalLimit >= 0, "--save_total_limit must not be negative");
  requireOption(o.gcChunkSize >= 1, "--gc_chunk_size must be at least 1");
  requireOption(!(o.fp16 && o.bf16), "--fp16 and --bf16 exclude each other");
  requireOption(o.nprocPerNode >= 1, "--nproc_per_node must be at least 1");
  requireOption(o.device == "auto" || o.device == "cpu" || o.device == "cuda",
                "--device must be auto, cpu or cuda, got \"" + o.device + "\"");
  requireOption(o.ddpBackend == "auto" || o.ddpBackend == "nccl" || o.ddpBackend == "gloo",
                "--ddp_backend must be auto, nccl or gloo, got \"" + o.ddpBackend + "\"");
  requireOption(!(o.ddpBackend == "nccl" && o.device == "cpu"),
                "--ddp_backend nccl needs CUDA devices; with --device cpu use gloo (or auto)");
}

}  // namespace embedlab::train
