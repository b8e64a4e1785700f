#include "core/train/training_options.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <type_traits>

#include "core/common/error.h"
#include "core/common/option_json.h"

namespace embedlab::train {

namespace {

// One table of (name, member) pairs drives both directions of the JSON mapping.
template <typename Visitor>
void visitFields(TrainingOptions& o, Visitor&& visit) {
  visit("task", o.task);
  visit("output_dir", o.outputDir);
  visit("model_name_or_path", o.modelNameOrPath);
  visit("train_data", o.trainData);
  visit("train_group_size", o.trainGroupSize);
  visit("query_max_len", o.queryMaxLen);
  visit("passage_max_len", o.passageMaxLen);
  visit("query_instruction_for_retrieval", o.queryInstruction);
  visit("passage_instruction", o.passageInstruction);
  visit("dedup_batches", o.deduplicateBatches);
  visit("sentence_pooling_method", o.pooling);
  visit("normalized", o.normalized);
  visit("temperature", o.temperature);
  visit("use_inbatch_neg", o.inBatchNegatives);
  visit("negatives_cross_device", o.negativesCrossDevice);
  visit("knowledge_distillation", o.knowledgeDistillation);
  visit("kd_loss_type", o.kdLossType);
  visit("teacher_temperature", o.teacherTemperature);
  visit("distill_weight", o.distillationWeight);
  visit("learning_rate", o.learningRate);
  visit("num_train_epochs", o.numTrainEpochs);
  visit("max_steps", o.maxSteps);
  visit("per_device_train_batch_size", o.perDeviceTrainBatchSize);
  visit("dataloader_drop_last", o.dataloaderDropLast);
  visit("warmup_ratio", o.warmupRatio);
  visit("weight_decay", o.weightDecay);
  visit("max_grad_norm", o.maxGradNorm);
  visit("adam_beta1", o.adamBeta1);
  visit("adam_beta2", o.adamBeta2);
  visit("adam_epsilon", o.adamEpsilon);
  visit("seed", o.seed);
  visit("logging_steps", o.loggingSteps);
  visit("save_steps", o.saveSteps);
  visit("save_total_limit", o.saveTotalLimit);
  visit("resume_from_checkpoint", o.resumeFromCheckpoint);
  visit("gradient_checkpointing", o.gradientCheckpointing);
  visit("grad_cache", o.gradCache);
  visit("gc_chunk_size", o.gcChunkSize);
  visit("fp16", o.fp16);
  visit("bf16", o.bf16);
  visit("nproc_per_node", o.nprocPerNode);
  visit("device", o.device);
}

}  // namespace

nlohmann::json TrainingOptions::toJson() const {
  return optionsToJson(*this, [](auto& o, auto&& visit) { visitFields(o, visit); });
}

TrainingOptions TrainingOptions::fromJson(const nlohmann::json& json, const std::string& source) {
  TrainingOptions options = optionsFromJson<TrainingOptions>(
      json, source, "training options", [](auto& o, auto&& visit) { visitFields(o, visit); },
      {"normlized"});
  // The reference spells "normalized" as "normlized"; accept both.
  if (json.contains("normlized"))
    readOptionValue(source, "normlized", json.at("normlized"), options.normalized);
  return options;
}

void validate(const TrainingOptions& o) {
  requireOption(o.task == "embedding" || o.task == "reranker",
                "task must be embedding or reranker, got \"" + o.task + "\"");
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
  requireOption(o.saveSteps >= 0, "--save_steps must not be negative");
  requireOption(o.saveTotalLimit >= 0, "--save_total_limit must not be negative");
  requireOption(o.gcChunkSize >= 1, "--gc_chunk_size must be at least 1");
  requireOption(!(o.fp16 && o.bf16), "--fp16 and --bf16 exclude each other");
  requireOption(o.nprocPerNode >= 1, "--nproc_per_node must be at least 1");
  requireOption(o.device == "auto" || o.device == "cpu" || o.device == "cuda",
                "--device must be auto, cpu or cuda, got \"" + o.device + "\"");
}

}  // namespace embedlab::train
