#include "core/train/trainer.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <torch/torch.h>
#include <xxhash.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>

#include "core/common/error.h"
#include "core/common/file_fingerprint.h"
#include "core/common/version.h"
#include "core/data/atomic_file.h"
#include "core/data/eval_set.h"
#include "core/data/training_data.h"
#include "core/dist/torch/process_group.h"
#include "core/dist/worker_environment.h"
#include "core/eval/retrieval_evaluator.h"
#include "core/model/encoder_config.h"
#include "core/model/hub_cache.h"
#include "core/model/sentence_transformers_metadata.h"
#include "core/model/torch/rng_state.h"
#include "core/pretrain/pretraining_corpus.h"
#include "core/pretrain/text_sampler.h"
#include "core/runtime/cpu_features.h"
#include "core/train/chance_level_monitor.h"
#include "core/train/epoch_schedule.h"
#include "core/train/group_sampler.h"
#include "core/train/instruction_format.h"
#include "core/train/learning_rate_schedule.h"
#include "core/train/tensorboard_writer.h"
#include "core/train/torch/optimizer.h"
#include "core/train/torch/training_task.h"
#include "core/train/training_files.h"

namespace embedlab::train {

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kCheckpointFormat = 1;
constexpr const char* kCheckpointPrefix = "checkpoint-";
/// Where --load_best_model_at_end keeps the best evaluated model as the run goes: not a
/// checkpoint-N folder, so --save_total_limit never deletes it.
constexpr const char* kBestModelFolder = "best-model";

// Dynamic loss scaling for fp16 on CUDA (what torch.cuda.amp.GradScaler does): the loss is
// multiplied before backward so small gradients survive in half precision; a step whose
// gradients overflow is skipped and the scale halved; it doubles after 2000 clean steps.
class LossScaler {
 public:
  double scale() const { return scale_; }
  int goodSteps() const { return goodSteps_; }
  /// Continues from a checkpoint's state, so that a resumed fp16 run scales as it would have.
  void restore(double scale, int goodSteps) {
    scale_ = scale;
    goodSteps_ = goodSteps;
  }
  /// Unscales `gradients`; false when one is not finite (the step must be skipped).
  bool unscale(const std::vector<torch::Tensor>& gradients) {
    bool finite = true;
    for (const torch::Tensor& gradient : gradients) {
      gradient.div_(scale_);
      finite = finite && torch::isfinite(gradient).all().item<bool>();
    }
    if (finite) {
      if (++goodSteps_ == 2000) {
        scale_ *= 2;
        goodSteps_ = 0;
      }
    } else {
      scale_ /= 2;
      goodSteps_ = 0;
    }
    return finite;
  }

 private:
  double scale_ = 65536.0;
  int goodSteps_ = 0;
};

std::uint64_t hashTrainingFiles(const std::vector<std::string>& files) {
  std::vector<std::uint64_t> hashes;
  for (const std::string& file : files)
    hashes.push_back(hashFileContent(file));
  return XXH3_64bits(hashes.data(), hashes.size() * sizeof(std::uint64_t));
}

std::int64_t checkpointStep(const std::filesystem::path& folder) {
  const std::string name = folder.filename().string();
  if (name.rfind(kCheckpointPrefix, 0) != 0) return -1;
  try {
    std::size_t used = 0;
    const std::int64_t step = std::stoll(name.substr(std::strlen(kCheckpointPrefix)), &used);
    return used == name.size() - std::strlen(kCheckpointPrefix) ? step : -1;
  } catch (const std::exception&) {
    return -1;
  }
}

std::string serialize(const std::function<void(torch::serialize::OutputArchive&)>& write) {
  torch::serialize::OutputArchive archive;
  write(archive);
  std::ostringstream out;
  archive.save_to(out);
  return out.str();
}

class Trainer {
 public:
  Trainer(const TrainingOptions& options, TrainingObserver* observer, const CancellationToken* stop)
      : options_(options), observer_(observer), stop_(stop) {}

  TrainingResult run();

 private:
  void setUpProcesses();
  void loadModelAndData();
  /// The fine-tuning tasks' sampler over the training files' examples.
  std::unique_ptr<BatchSource> makeGroupSampler(std::size_t globalBatchSize);
  void restore(const std::filesystem::path& checkpoint);
  /// Refuses an output_dir that holds files (UsageError) unless --overwrite_output_dir or a
  /// resume from a checkpoint in it allows it; every worker decides as the main one does.
  void checkOutputDir();
  /// This worker's groups of the step's global batch: one list per micro-batch
  /// (--gradient_accumulation_steps).
  std::vector<std::vector<TrainingGroup>> workerGroups(std::int64_t step);
  double trainStep(std::int64_t step, const std::vector<std::vector<TrainingGroup>>& microBatches);
  void checkLengths(const std::filesystem::path& source) const;
  void noteTeacherScores(const std::vector<TrainingExample>& examples);
  void saveCheckpoint(std::int64_t step);
  /// Instructions not given become the model's sentence-transformers prompts (so training,
  /// evaluation and the saved model's prompts agree with what its users put before texts).
  void useModelPrompts(const std::filesystem::path& model);
  void saveRngStates(const std::filesystem::path& folder);
  void restoreRngStates(const std::filesystem::path& folder);
  void log(std::int64_t step, Clock::time_point now);
  /// Appends one line to the run folder's metrics.jsonl (main worker).
  void appendMetrics(const nlohmann::json& line) const {
    std::ofstream metrics(std::filesystem::path(options_.outputDir) / "metrics.jsonl",
                          std::ios::app);
    metrics << line.dump() << "\n";
  }
  bool stopRequested();
  /// Whether a dev-set evaluation is due after `stepsDone` steps (--eval_strategy).
  bool evaluationDue(std::int64_t stepsDone) const;
  /// Evaluates the current weights on the dev set (the main worker; the others wait), records
  /// it and keeps the best model; true when early stopping says to stop. Leaves training as it
  /// found it: train mode, the random generators' states.
  bool evaluate(std::int64_t stepsDone);
  void saveBestModel();
  void note(const std::string& text) {
    if (observer_ != nullptr && isMain()) observer_->onNote(text);
  }
  bool isMain() const { return environment_.rank == 0; }

  TrainingOptions options_;
  TrainingObserver* observer_;
  const CancellationToken* stop_;
  dist::WorkerEnvironment environment_;
  std::unique_ptr<dist::ProcessGroup> group_;
  torch::Device device_ = torch::kCPU;
  std::unique_ptr<TrainingTask> task_;  ///< the model and its loss (bi-encoder or reranker)
  std::optional<pretrain::PretrainingCorpus> corpus_;  ///< pretrain: the texts
  std::unique_ptr<BatchSource> sampler_;               ///< GroupSampler, or pretrain's TextSampler
  std::unique_ptr<EpochSchedule> schedule_;            ///< step -> (epoch, batch)
  std::optional<ChanceLevelMonitor> chanceLevel_;      ///< rerankers: a loss stuck at ln G
  std::unique_ptr<torch::optim::AdamW> optimizer_;
  LossScaler scaler_;
  std::int64_t totalSteps_ = 0;
  std::int64_t warmupSteps_ = 0;
  std::int64_t firstStep_ = 0;
  std::uint64_t dataHash_ = 0;
  std::vector<std::string> trainFiles_;  ///< --train_data, folders expanded
  std::filesystem::path lastCheckpoint_;

  std::unique_ptr<TensorBoardWriter> tensorBoard_;  ///< --report_to tensorboard, main worker

  // Evaluation on the dev set (--eval_data), on the main worker.
  std::optional<EvalSet> evalSet_;
  std::int64_t evalEvery_ = 0;       ///< steps between evaluations (eval_strategy steps)
  std::int64_t lastEvaluated_ = -1;  ///< steps done at the last evaluation
  std::optional<double> bestValue_;  ///< metric_for_best_model of the best evaluation
  std::int64_t bestStep_ = -1;
  int withoutImprovement_ = 0;

  // The current logging window.
  double windowLoss_ = 0;
  double windowPrimary_ = 0;
  double windowDistillation_ = 0;
  double windowDecoder_ = 0;
  double windowTokens_ = 0;
  std::int64_t windowSteps_ = 0;
  double lastGradNorm_ = 0;
  double lastLearningRate_ = 0;
  double lastLoggedLoss_ = 0;
  SimilarityStatistics similarities_;
  Clock::time_point windowStart_;
  Clock::time_point runStart_;
};

void Trainer::setUpProcesses() {
  environment_ = dist::workerEnvironment();
  const bool cudaAvailable = torch::cuda::is_available();
  if (options_.device == "cuda" && !cudaAvailable) {
    throw UsageError("--device cuda: LibTorch sees no CUDA device (CPU-only build or machine)");
  }
  if ((options_.device == "cuda" || options_.device == "auto") && cudaAvailable) {
    device_ = torch::Device(
        torch::kCUDA, static_cast<c10::DeviceIndex>(environment_.localRank %
                                                    static_cast<int>(torch::cuda::device_count())));
  }
  if (options_.fp16 && !device_.is_cuda()) {
    throw UsageError(
        "--fp16 needs a CUDA device; on the CPU train in full precision, or with "
        "--bf16 on CPUs that support bfloat16");
  }
  if (options_.bf16 && !device_.is_cuda() && !detectCpuFeatures().nativeBf16()) {
    note(
        "--bf16: this CPU has no native bfloat16 (AVX512_BF16 or AMX), so LibTorch emulates it, "
        "which is slower than float32 here");
  }
  if (environment_.worldSize > 1) {
    group_ = std::make_unique<dist::ProcessGroup>(environment_, device_, options_.ddpBackend);
    note(fmt::format("worker {} of {} ({})", environment_.rank, environment_.worldSize,
                     environment_.launcher));
  } else if (options_.negativesCrossDevice) {
    note("--negatives_cross_device has no effect in a single process");
  }
  torch::manual_seed(options_.seed);
}

void Trainer::useModelPrompts(const std::filesystem::path& model) {
  const model::SentenceTransformersMetadata metadata =
      model::readSentenceTransformersMetadata(model);
  for (auto [instruction, role, flag] :
       {std::tuple{&options_.queryInstruction, model::PromptRole::Query,
                   "query_instruction_for_retrieval"},
        std::tuple{&options_.passageInstruction, model::PromptRole::Passage,
                   "passage_instruction"}}) {
    if (!instruction->empty()) continue;
    *instruction = model::promptFor(metadata.prompts, metadata.defaultPromptName, role);
    if (!instruction->empty())
      note(fmt::format("--{} is the model's sentence-transformers prompt \"{}\"", flag,
                       *instruction));
  }
}

void Trainer::loadModelAndData() {
  // A folder, or a hub id looked up in --cache_dir's hub cache (or the environment's).
  std::filesystem::path source = model::resolveModelFolder(
      options_.modelNameOrPath, options_.revision,
      options_.cacheDir.empty() ? model::hubCacheDirectory()
                                : std::filesystem::path(options_.cacheDir));
  std::filesystem::path resumeFrom;
  if (!options_.resumeFromCheckpoint.empty()) {
    if (options_.resumeFromCheckpoint == "latest") {
      const auto checkpoints = listCheckpoints(options_.outputDir);
      if (checkpoints.empty()) {
        throw UsageError("--resume_from_checkpoint latest: " + options_.outputDir +
                         " has no checkpoint-N folder");
      }
      resumeFrom = checkpoints.back();
    } else {
      resumeFrom = options_.resumeFromCheckpoint;
    }
    if (!std::filesystem::is_regular_file(resumeFrom / "trainer_state.json")) {
      throw UsageError(resumeFrom.string() +
                       " is not a training checkpoint (no trainer_state.json)");
    }
    source = resumeFrom;
  }
  if (!options_.cachePath.empty())
    note(
        "--cache_path has no effect: EmbedLab reads the training files directly and keeps no "
        "dataset cache");
  if (options_.task == "embedding") useModelPrompts(source);
  if (options_.task == "reranker") {
    task_ = makeRerankerTask(options_);
  } else if (options_.task == "pretrain") {
    task_ = makePretrainingTask(options_, group_.get(), environment_.worldSize);
  } else {
    task_ = makeBiEncoderTask(options_, group_.get(), environment_.worldSize);
  }
  checkLengths(source);
  task_->load(source, device_);
  task_->encoder().setGradientCheckpointing(options_.gradientCheckpointing);
  if (options_.task == "reranker" && resumeFrom.empty() &&
      model::EncoderConfig::load(source / "config.json").createdByInitModel()) {
    note(source.string() +
         " was made by init-model: its weights are random, not pretrained. That is enough to "
         "test the pipeline, but a reranker learns to match queries with passages very slowly "
         "from random weights; for a useful one start from a pretrained encoder or reranker");
  }

  dataHash_ = hashTrainingFiles(trainFiles_);
  // One global batch per optimiser step: every worker's micro-batches of it.
  const std::size_t globalBatchSize = static_cast<std::size_t>(options_.perDeviceTrainBatchSize) *
                                      static_cast<std::size_t>(environment_.worldSize) *
                                      static_cast<std::size_t>(options_.gradientAccumulationSteps);
  if (options_.task == "pretrain") {
    corpus_ = pretrain::PretrainingCorpus::open(
        std::vector<std::filesystem::path>(trainFiles_.begin(), trainFiles_.end()), nullptr, stop_);
    note(corpus_->describe());
    sampler_ = std::make_unique<pretrain::TextSampler>(*corpus_, globalBatchSize, options_.seed,
                                                       options_.dataloaderDropLast);
  } else {
    sampler_ = makeGroupSampler(globalBatchSize);
  }
  schedule_ = std::make_unique<EpochSchedule>(
      [sampler = sampler_.get()](std::uint64_t epoch) { return sampler->batchCount(epoch); });
  totalSteps_ =
      options_.maxSteps > 0 ? options_.maxSteps : schedule_->stepsFor(options_.numTrainEpochs);
  warmupSteps_ =
      static_cast<std::int64_t>(std::ceil(options_.warmupRatio * static_cast<double>(totalSteps_)));
  optimizer_ = makeAdamW(task_->module(), options_);
  if (!options_.evalData.empty() && options_.evalStrategy != "no") {
    evalEvery_ = options_.evalSteps > 0 ? options_.evalSteps : options_.loggingSteps;
    if (isMain()) {  // only the main worker evaluates
      if (!std::filesystem::is_directory(options_.evalData) && options_.evalCorpus.empty()) {
        throw UsageError("--eval_data " + options_.evalData +
                         " is not a BEIR folder; an MS MARCO queries file needs --eval_corpus");
      }
      std::vector<Problem> evalWarnings;
      evalSet_ = std::filesystem::is_directory(options_.evalData)
                     ? loadBeirEvalSet(options_.evalData, options_.evalSplit, &evalWarnings)
                     : loadMsMarcoEvalSet(options_.evalCorpus, options_.evalData, &evalWarnings);
      if (task_->embeddingModel() == nullptr)
        throw UsageError("--eval_data: evaluation during training is for bi-encoders");
    }
  }
  if (!resumeFrom.empty()) restore(resumeFrom);
}

std::unique_ptr<BatchSource> Trainer::makeGroupSampler(std::size_t globalBatchSize) {
  std::vector<TrainingExample> examples;
  std::vector<std::size_t> datasets;  // each example's file, for --same_dataset_within_batch
  std::vector<Problem> warnings;
  for (std::size_t file = 0; file < trainFiles_.size(); ++file) {
    auto part = readTrainingData(trainFiles_[file], &warnings);
    datasets.insert(datasets.end(), part.size(), file);
    examples.insert(examples.end(), std::make_move_iterator(part.begin()),
                    std::make_move_iterator(part.end()));
  }
  if (!warnings.empty()) {
    note(
        fmt::format("{} warnings in the training data (first: line {}: {}); "
                    "'embedlab-cli validate' lists them",
                    warnings.size(), warnings.front().line, warnings.front().message));
  }
  noteTeacherScores(examples);
  SamplerOptions sampling;
  sampling.groupSize = options_.trainGroupSize;
  sampling.seed = options_.seed;
  sampling.globalBatchSize = globalBatchSize;
  sampling.dropLast = options_.dataloaderDropLast;
  sampling.deduplicate = options_.deduplicateBatches;
  sampling.groupByLength = options_.groupByLength;
  sampling.sameDataset = options_.sameDatasetWithinBatch;
  return std::make_unique<GroupSampler>(std::move(examples), sampling, std::move(datasets));
}

void Trainer::restore(const std::filesystem::path& checkpoint) {
  const std::filesystem::path stateFile = checkpoint / "trainer_state.json";
  nlohmann::json state;
  {
    std::ifstream in(stateFile);
    state = nlohmann::json::parse(in, nullptr, false);
  }
  // A damaged file is the user's to fix (or to resume from an earlier checkpoint): say which
  // file and which field.
  const auto damaged = [&](const std::string& what) {
    return UsageError(fmt::format("cannot resume from {}: {} {}; resume from another checkpoint",
                                  checkpoint.string(), stateFile.string(), what));
  };
  if (state.is_discarded()) throw damaged("is not valid JSON (damaged or cut short)");
  if (!state.is_object()) throw damaged("does not hold a JSON object");
  const auto field = [&](const char* name, auto fallback) {
    using T = decltype(fallback);
    if (!state.contains(name)) throw damaged(fmt::format("has no field \"{}\"", name));
    const nlohmann::json& value = state.at(name);
    const bool fits = std::is_integral_v<T> ? value.is_number_integer() : value.is_number();
    if (!fits) {
      throw damaged(fmt::format("has field \"{}\" = {}, expected a number", name, value.dump()));
    }
    return value.get<T>();
  };
  if (field("format_version", 0) != kCheckpointFormat) {
    throw UsageError(checkpoint.string() + " was written by an incompatible EmbedLab version");
  }
  if (!state.contains("options")) throw damaged("has no field \"options\"");
  const TrainingOptions saved = TrainingOptions::fromRecordedJson(
      state.at("options"), stateFile.string() + " (field \"options\")");
  // What decides which examples each step sees must not change on resume.
  const auto same = [&](const char* name, auto a, auto b) {
    if (a != b) {
      throw UsageError(fmt::format("cannot resume from {}: {} was {} and is now {}",
                                   checkpoint.string(), name, a, b));
    }
  };
  same("per_device_train_batch_size", saved.perDeviceTrainBatchSize,
       options_.perDeviceTrainBatchSize);
  same("gradient_accumulation_steps", saved.gradientAccumulationSteps,
       options_.gradientAccumulationSteps);
  same("same_dataset_within_batch", saved.sameDatasetWithinBatch, options_.sameDatasetWithinBatch);
  same("train_group_size", saved.trainGroupSize, options_.trainGroupSize);
  same("seed", saved.seed, options_.seed);
  same("dedup_batches", saved.deduplicateBatches, options_.deduplicateBatches);
  same("group_by_length", saved.groupByLength, options_.groupByLength);
  same("dataloader_drop_last", saved.dataloaderDropLast, options_.dataloaderDropLast);
  same("task", saved.task, options_.task);
  same("method", saved.method, options_.method);
  if (const auto best = state.find("best_step"); best != state.end() && best->is_number()) {
    bestStep_ = best->get<std::int64_t>();
    if (state.contains("best_value") && state.at("best_value").is_number())
      bestValue_ = state.at("best_value").get<double>();
    withoutImprovement_ = field("evaluations_without_improvement", 0);
  }
  same("the number of workers", field("world_size", 0), environment_.worldSize);
  if (field("train_data_hash", std::uint64_t{0}) != dataHash_) {
    throw UsageError("cannot resume from " + checkpoint.string() +
                     ": the training files changed since");
  }
  firstStep_ = field("step", std::int64_t{0});
  if (firstStep_ < 0) throw damaged("has a negative \"step\"");
  if (state.contains("loss_scale"))  // written since fp16 resumes with its scale
    scaler_.restore(field("loss_scale", 0.0), field("loss_scale_good_steps", 0));
  {
    std::ifstream optimizerFile(checkpoint / "optimizer.pt", std::ios::binary);
    torch::serialize::InputArchive archive;
    archive.load_from(optimizerFile, device_);
    optimizer_->load(archive);
  }
  restoreRngStates(checkpoint);
  note(fmt::format("resuming from {} at step {}", checkpoint.string(), firstStep_));
}

void Trainer::checkLengths(const std::filesystem::path& source) const {
  const std::filesystem::path configFile = source / "config.json";
  const model::EncoderConfig config = model::EncoderConfig::load(configFile);
  const std::int64_t limit = config.maxInputTokens();
  const auto tooLong = [&](const std::string& what, std::int64_t length) {
    return UsageError(fmt::format(
        "{} is {} tokens, longer than the model takes: {} has max_position_embeddings {}, so "
        "inputs of at most {} tokens; lower it to {} or less",
        what, length, configFile.string(), config.maxPositionEmbeddings, limit, limit));
  };
  if (options_.task == "pretrain") {
    if (options_.maxSeqLength > limit)
      throw tooLong(fmt::format("--max_seq_length {}", options_.maxSeqLength),
                    options_.maxSeqLength);
    return;
  }
  if (options_.task == "reranker") {
    // A reranker reads query and passage as one input.
    const std::int64_t pair = options_.queryMaxLen + options_.passageMaxLen;
    if (pair > limit) {
      throw tooLong(fmt::format("--query_max_len {} + --passage_max_len {} (train-reranker reads "
                                "query and passage as one input)",
                                options_.queryMaxLen, options_.passageMaxLen),
                    pair);
    }
    return;
  }
  if (options_.queryMaxLen > limit)
    throw tooLong(fmt::format("--query_max_len {}", options_.queryMaxLen), options_.queryMaxLen);
  if (options_.passageMaxLen > limit) {
    throw tooLong(fmt::format("--passage_max_len {}", options_.passageMaxLen),
                  options_.passageMaxLen);
  }
}

void Trainer::noteTeacherScores(const std::vector<TrainingExample>& examples) {
  std::size_t scored = 0;
  for (const TrainingExample& example : examples)
    scored += example.positiveScores.empty() || example.negativeScores.empty() ? 0 : 1;
  if (!options_.knowledgeDistillation) {
    if (scored > 0) {
      note(fmt::format(
          "{} of {} training lines carry pos_scores/neg_scores; they are ignored without "
          "--knowledge_distillation",
          scored, examples.size()));
    }
    return;
  }
  if (scored == 0) {
    note(
        "--knowledge_distillation: no training line carries both pos_scores and neg_scores, so "
        "there is nothing to distil from");
  } else if (scored < examples.size()) {
    note(
        fmt::format("--knowledge_distillation: {} of {} lines carry teacher scores; the others "
                    "train with the contrastive loss alone",
                    scored, examples.size()));
  }
}

std::vector<std::vector<TrainingGroup>> Trainer::workerGroups(std::int64_t step) {
  const EpochSchedule::Position at = schedule_->position(step);
  if (at.batch == 0 || step == firstStep_) note(sampler_->summary(at.epoch).describe(at.epoch));
  const std::vector<TrainingGroup> global = sampler_->batch(at.epoch, at.batch);
  const std::size_t perWorker = static_cast<std::size_t>(options_.perDeviceTrainBatchSize);
  const auto workers = static_cast<std::size_t>(environment_.worldSize);
  const auto micro = static_cast<std::size_t>(options_.gradientAccumulationSteps);
  // The sampler fills every batch, so that the workers' slices are equal and never empty: the
  // collectives that follow need the same shapes on every worker.
  if (global.size() != perWorker * workers * micro) {
    throw Error(fmt::format("batch {} of epoch {} holds {} groups, not {} x {} workers x {}",
                            at.batch, at.epoch + 1, global.size(), perWorker, workers, micro));
  }
  // Micro-batch m is the m-th part of the global batch, and this worker takes its slice of it.
  std::vector<std::vector<TrainingGroup>> slices;
  for (std::size_t m = 0; m < micro; ++m) {
    const std::size_t first =
        (m * workers + static_cast<std::size_t>(environment_.rank)) * perWorker;
    slices.emplace_back(global.begin() + static_cast<std::ptrdiff_t>(first),
                        global.begin() + static_cast<std::ptrdiff_t>(first + perWorker));
  }
  return slices;
}

double Trainer::trainStep(std::int64_t step,
                          const std::vector<std::vector<TrainingGroup>>& microBatches) {
  // Each micro-batch's loss counts 1/N, so that the summed gradients are those of the mean loss
  // (as Hugging Face's Trainer divides by gradient_accumulation_steps); the gradients are
  // averaged over workers once, after the last micro-batch.
  const auto n = static_cast<double>(microBatches.size());
  const double lossScale = (options_.fp16 ? scaler_.scale() : 1.0) / n;
  StepLoss loss;
  for (const std::vector<TrainingGroup>& groups : microBatches) {
    const StepLoss part = task_->step(step, groups, lossScale, similarities_);
    loss.loss += part.loss / n;
    loss.primary += part.primary / n;
    loss.distillation += part.distillation / n;
    loss.decoder += part.decoder / n;
    loss.realTokens += part.realTokens;
  }
  const std::vector<torch::Tensor> parameters = trainableParameters(task_->module());
  std::vector<torch::Tensor> gradients;
  for (const torch::Tensor& parameter : parameters) {
    if (!parameter.grad().defined()) parameter.mutable_grad() = torch::zeros_like(parameter);
    gradients.push_back(parameter.grad());
  }
  if (group_ != nullptr) group_->allReduceMean(gradients);
  bool stepOk = true;
  if (options_.fp16) stepOk = scaler_.unscale(gradients);
  const double maxNorm =
      options_.maxGradNorm > 0 ? options_.maxGradNorm : std::numeric_limits<double>::infinity();
  lastGradNorm_ = torch::nn::utils::clip_grad_norm_(parameters, maxNorm);
  if (stepOk && !std::isfinite(lastGradNorm_)) {
    throw TrainingError(
        fmt::format("step {}: the gradient norm is {} (hint: lower --learning_rate "
                    "or set --max_grad_norm)",
                    step + 1, lastGradNorm_));
  }
  lastLearningRate_ = scheduleRate(options_.lrSchedulerType, options_.learningRate, step,
                                   warmupSteps_, totalSteps_);
  setLearningRate(*optimizer_, lastLearningRate_);
  if (stepOk) optimizer_->step();
  optimizer_->zero_grad();

  windowLoss_ += loss.loss;
  windowPrimary_ += loss.primary;
  windowDistillation_ += loss.distillation;
  windowDecoder_ += loss.decoder;
  windowTokens_ += loss.realTokens;
  ++windowSteps_;
  return loss.loss;
}

void Trainer::log(std::int64_t step, Clock::time_point now) {
  const auto steps = static_cast<double>(windowSteps_);
  double loss = windowLoss_ / steps;
  double primary = windowPrimary_ / steps;
  double distillation = windowDistillation_ / steps;
  double decoder = windowDecoder_ / steps;
  double tokens = windowTokens_;
  if (group_ != nullptr) {
    // With cross-device negatives every worker computes the loss of the whole global batch;
    // otherwise each its own slice's, and the record holds their mean, partial losses too.
    const bool local = !options_.negativesCrossDevice || options_.task == "reranker";
    const std::vector<double> sums =
        group_->allReduceSum({loss, primary, distillation, tokens, decoder});
    const double workers = environment_.worldSize;
    if (local) {
      loss = sums[0] / workers;
      primary = sums[1] / workers;
      distillation = sums[2] / workers;
      decoder = sums[4] / workers;
    }
    tokens = sums[3];
  }
  const double seconds = std::chrono::duration<double>(now - windowStart_).count();
  const double elapsed = std::chrono::duration<double>(now - runStart_).count();
  TrainingLogRecord record;
  record.step = step + 1;
  record.totalSteps = totalSteps_;
  record.epoch = schedule_->epochsAfter(step);
  record.loss = loss;
  record.contrastiveLoss = primary;
  if (options_.knowledgeDistillation) record.distillationLoss = distillation;
  if (options_.task == "pretrain" && options_.method == "retromae") record.decoderLoss = decoder;
  record.learningRate = lastLearningRate_;
  record.gradNorm = lastGradNorm_;
  const double queriesPerStep = static_cast<double>(options_.perDeviceTrainBatchSize) *
                                environment_.worldSize * options_.gradientAccumulationSteps;
  record.samplesPerSecond =
      seconds > 0 ? queriesPerStep * static_cast<double>(windowSteps_) / seconds : 0;
  record.tokensPerSecond = seconds > 0 ? tokens / seconds : 0;
  const double doneSinceStart = static_cast<double>(step + 1 - firstStep_);
  record.etaSeconds = doneSinceStart > 0
                          ? elapsed / doneSinceStart * static_cast<double>(totalSteps_ - step - 1)
                          : 0;
  record.elapsedSeconds = elapsed;
  record.similarities = similarities_;
  lastLoggedLoss_ = loss;
  if (chanceLevel_) {
    if (auto message = chanceLevel_->observe(record.step, record.contrastiveLoss)) note(*message);
  }
  if (isMain()) {
    appendMetrics(record.toJson());
    if (tensorBoard_) {
      std::vector<std::pair<std::string, float>> scalars = {
          {"train/loss", static_cast<float>(record.loss)},
          {"train/learning_rate", static_cast<float>(record.learningRate)},
          {"train/grad_norm", static_cast<float>(record.gradNorm)},
          {"train/epoch", static_cast<float>(record.epoch)},
          {"train/samples_per_second", static_cast<float>(record.samplesPerSecond)},
          {"train/positive_similarity", static_cast<float>(record.similarities.positives.mean())},
          {"train/hard_negative_similarity",
           static_cast<float>(record.similarities.hardNegatives.mean())}};
      if (record.distillationLoss)
        scalars.emplace_back("train/distillation_loss",
                             static_cast<float>(*record.distillationLoss));
      tensorBoard_->write(record.step, scalars);
    }
    if (observer_ != nullptr) observer_->onLog(record);
  }
  windowLoss_ = windowPrimary_ = windowDistillation_ = windowDecoder_ = windowTokens_ = 0;
  windowSteps_ = 0;
  similarities_.clear();
  windowStart_ = Clock::now();
}

void Trainer::saveCheckpoint(std::int64_t step) {
  const std::filesystem::path output = options_.outputDir;
  const std::filesystem::path target = output / (kCheckpointPrefix + std::to_string(step));
  const std::filesystem::path partial =
      output / fmt::format(".{}.partial", target.filename().string());
  saveRngStates(partial);  // every worker's, gathered to the main one
  if (isMain()) {
    // Written into a hidden folder and renamed when complete: a crash mid-write never damages
    // an existing checkpoint, and a partial one is never mistaken for a checkpoint.
    task_->saveCheckpoint(partial);
    nlohmann::json state = {{"format_version", kCheckpointFormat},
                            {"embedlab_version", kVersion},
                            {"step", step},
                            {"total_steps", totalSteps_},
                            {"world_size", environment_.worldSize},
                            {"train_data_hash", dataHash_},
                            {"last_logged_loss", lastLoggedLoss_},
                            {"loss_scale", scaler_.scale()},
                            {"loss_scale_good_steps", scaler_.goodSteps()},
                            {"options", options_.toJson()}};
    if (bestValue_) {  // a resumed run goes on comparing with the best so far
      state["best_step"] = bestStep_;
      state["best_value"] = *bestValue_;
      state["evaluations_without_improvement"] = withoutImprovement_;
    }
    writeFileAtomically(partial / "trainer_state.json", state.dump(2) + "\n");
    writeFileAtomically(
        partial / "optimizer.pt",
        serialize([&](torch::serialize::OutputArchive& archive) { optimizer_->save(archive); }));
    if (std::filesystem::exists(target)) {
      const std::filesystem::path old = output / fmt::format(".{}.old", target.filename().string());
      std::filesystem::remove_all(old);
      std::filesystem::rename(target, old);
      std::filesystem::rename(partial, target);
      std::filesystem::remove_all(old);
    } else {
      std::filesystem::rename(partial, target);
    }
    lastCheckpoint_ = target;
    if (options_.saveTotalLimit > 0) {
      auto checkpoints = listCheckpoints(output);
      while (checkpoints.size() > static_cast<std::size_t>(options_.saveTotalLimit)) {
        std::filesystem::remove_all(checkpoints.front());
        checkpoints.erase(checkpoints.begin());
      }
    }
    if (observer_ != nullptr) observer_->onCheckpoint(target, step);
  }
  if (group_ != nullptr) group_->barrier();
}

void Trainer::saveRngStates(const std::filesystem::path& partial) {
  // Each worker's random stream has advanced by its own batches (dropout over tensors of its
  // own padded shapes), so a resumed run restores each worker's state, as Hugging Face's
  // rng_state_{rank}.pth files do; "cpu" is rank 0's, so one-worker checkpoints read as before.
  const model::RngState rng = model::captureRng(device_);
  std::vector<torch::Tensor> cpu{rng.cpu};
  std::vector<torch::Tensor> accelerator{rng.accelerator};
  if (group_ != nullptr) {
    cpu = group_->allGather(rng.cpu);
    accelerator = rng.accelerator.defined() ? group_->allGather(rng.accelerator)
                                            : std::vector<torch::Tensor>(cpu.size());
  }
  if (!isMain()) return;
  std::filesystem::remove_all(partial);
  std::filesystem::create_directories(partial);
  writeFileAtomically(
      partial / "rng_state.pt", serialize([&](torch::serialize::OutputArchive& archive) {
        for (std::size_t rank = 0; rank < cpu.size(); ++rank) {
          const std::string suffix = rank == 0 ? "" : fmt::format("_rank_{}", rank);
          archive.write("cpu" + suffix, cpu[rank].to(torch::kCPU));
          if (accelerator[rank].defined())
            archive.write("accelerator" + suffix, accelerator[rank].to(torch::kCPU));
        }
      }));
}

void Trainer::restoreRngStates(const std::filesystem::path& checkpoint) {
  std::ifstream rngFile(checkpoint / "rng_state.pt", std::ios::binary);
  torch::serialize::InputArchive archive;
  archive.load_from(rngFile);
  const std::string suffix =
      environment_.rank == 0 ? "" : fmt::format("_rank_{}", environment_.rank);
  model::RngState rng;
  if (!archive.try_read("cpu" + suffix, rng.cpu)) {
    throw UsageError(
        fmt::format("cannot resume from {}: its rng_state.pt has no state for worker "
                    "{} (written by an EmbedLab that saved only worker 0's)",
                    checkpoint.string(), environment_.rank));
  }
  if (device_.is_cuda()) archive.read("accelerator" + suffix, rng.accelerator);
  model::restoreRng(rng, device_);
}

bool Trainer::evaluationDue(std::int64_t stepsDone) const {
  if (evalEvery_ == 0 || stepsDone == lastEvaluated_) return false;
  if (stepsDone == 0 || stepsDone == totalSteps_) return true;  // the base model; the last step
  if (options_.evalStrategy == "epoch") {
    const EpochSchedule::Position position = schedule_->position(stepsDone - 1);
    return position.batch + 1 == position.batches;
  }
  return stepsDone % evalEvery_ == 0;
}

bool Trainer::evaluate(std::int64_t stepsDone) {
  lastEvaluated_ = stepsDone;
  const auto began = Clock::now();
  bool stop = false;
  if (isMain()) {
    const auto start = Clock::now();
    torch::nn::Module& module = task_->module();
    // Encoding runs without a graph and in eval mode (no dropout); the generators are put back
    // all the same, so that a run with evaluation trains exactly as one without.
    const model::RngState rng = model::captureRng(device_);
    module.eval();
    eval::RetrievalEvalOptions evaluation;
    evaluation.batchSize = static_cast<std::size_t>(options_.perDeviceEvalBatchSize);
    evaluation.passageMaxLength = static_cast<std::size_t>(options_.passageMaxLen);
    evaluation.queryMaxLength = static_cast<std::size_t>(options_.queryMaxLen);
    // The instructions as the training batches join them (validate() allows only formats that
    // end with the text when there is a dev set, so that each is a prefix).
    const auto prefix = [](const std::string& format, const std::string& instruction) {
      return parseInstructionFormat(format, "").apply(instruction, "");
    };
    evaluation.passagePrefix =
        prefix(options_.passageInstructionFormat, options_.passageInstruction);
    evaluation.fp16 = options_.fp16;
    evaluation.bf16 = options_.bf16;
    eval::RetrievalEvalResult result;
    try {
      const eval::RetrievalEvaluator evaluator(*task_->embeddingModel(), *evalSet_, evaluation);
      result = evaluator.run(prefix(options_.queryInstructionFormat, options_.queryInstruction));
    } catch (...) {
      module.train();
      throw;
    }
    module.train();
    model::restoreRng(rng, device_);

    EvaluationRecord record;
    record.step = stepsDone;
    record.epoch = stepsDone == 0 ? 0.0 : schedule_->epochsAfter(stepsDone - 1);
    for (std::size_t i = 0; i < result.metrics.names.size(); ++i)
      record.metrics.emplace_back(result.metrics.names[i], result.metrics.means[i]);
    record.queries = result.metrics.queriesEvaluated;
    const double value = result.metrics.value(options_.metricForBestModel);
    if (!bestValue_ || value > *bestValue_) {
      bestValue_ = value;
      bestStep_ = stepsDone;
      withoutImprovement_ = 0;
      if (options_.loadBestModelAtEnd) saveBestModel();
    } else {
      ++withoutImprovement_;
    }
    record.bestMetric = options_.metricForBestModel;
    record.bestStep = bestStep_;
    record.bestValue = *bestValue_;
    record.withoutImprovement = withoutImprovement_;
    record.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    appendMetrics(record.toJson());
    if (tensorBoard_) {
      std::vector<std::pair<std::string, float>> scalars;
      for (const auto& [name, number] : record.metrics)
        scalars.emplace_back("eval/" + name, static_cast<float>(number));
      tensorBoard_->write(stepsDone, scalars);
    }
    if (observer_ != nullptr) observer_->onEvaluation(record);
    stop =
        options_.earlyStoppingPatience > 0 && withoutImprovement_ >= options_.earlyStoppingPatience;
  }
  // The others wait here for the main worker's evaluation and learn whether to stop.
  if (group_ != nullptr) stop = group_->allReduceSum(stop ? 1.0 : 0.0) > 0;
  windowStart_ += Clock::now() - began;  // samples/s counts training time only
  return stop;
}

void Trainer::saveBestModel() {
  const std::filesystem::path output = options_.outputDir;
  const std::filesystem::path target = output / kBestModelFolder;
  const std::filesystem::path partial = output / ".best-model.partial";
  std::filesystem::remove_all(partial);
  task_->save(partial);
  writeFileAtomically(
      partial / "best_step.json",
      nlohmann::json{
          {"step", bestStep_}, {"metric", options_.metricForBestModel}, {"value", *bestValue_}}
              .dump(2) +
          "\n");
  std::filesystem::remove_all(target);
  std::filesystem::rename(partial, target);
}

bool Trainer::stopRequested() {
  bool requested = stop_ != nullptr && stop_->cancelled();
  // Workers must agree, or one would wait forever in a collective the others left.
  if (group_ != nullptr) requested = group_->allReduceSum(requested ? 1.0 : 0.0) > 0;
  return requested;
}

void Trainer::checkOutputDir() {
  const std::filesystem::path output = options_.outputDir;
  bool taken = false;
  if (isMain() && !options_.overwriteOutputDir) {
    std::error_code error;
    taken =
        std::filesystem::is_directory(output, error) &&
        std::filesystem::directory_iterator(output, error) != std::filesystem::directory_iterator();
    if (taken && !options_.resumeFromCheckpoint.empty()) {
      // Resuming from a checkpoint of this run folder goes on writing into it.
      const std::filesystem::path checkpoint = options_.resumeFromCheckpoint;
      taken = options_.resumeFromCheckpoint != "latest" &&
              std::filesystem::weakly_canonical(checkpoint).parent_path() !=
                  std::filesystem::weakly_canonical(output);
    }
  }
  // Before anything is written: the other workers learn the main one's answer.
  if (group_ != nullptr) taken = group_->allReduceSum(taken ? 1.0 : 0.0) > 0;
  if (taken) {
    throw UsageError(fmt::format(
        "--output_dir {} already holds files; pass --overwrite_output_dir to train into it "
        "anyway (writing over them), resume with --resume_from_checkpoint latest, or choose "
        "another folder",
        output.string()));
  }
}

TrainingResult Trainer::run() {
  setUpProcesses();
  trainFiles_ = trainingDataFiles(options_.trainData);
  checkOutputDir();
  // Model, data and checkpoint first: a run that cannot start leaves output_dir as it was.
  loadModelAndData();
  if (isMain()) {
    std::filesystem::create_directories(options_.outputDir);
    for (const auto& entry : std::filesystem::directory_iterator(options_.outputDir)) {
      const std::string name = entry.path().filename().string();
      if (name.size() > 8 && name.front() == '.' && name.find(".partial") != std::string::npos) {
        std::filesystem::remove_all(entry.path());  // left by a run that died mid-checkpoint
      }
    }
    writeFileAtomically(std::filesystem::path(options_.outputDir) / "training_options.json",
                        options_.toJson().dump(2) + "\n");
  }
  if (group_ != nullptr) group_->barrier();
  if (isMain() && options_.reportTo == "tensorboard") {
    // One folder per launch (a resumed run adds one); TensorBoard orders the points by step.
    const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    tensorBoard_ =
        std::make_unique<TensorBoardWriter>(std::filesystem::path(options_.outputDir) / "runs" /
                                            fmt::format("{:%Y%m%d-%H%M%S}", fmt::localtime(now)));
  }
  if (options_.task == "reranker") chanceLevel_.emplace(options_.trainGroupSize, firstStep_);
  if (observer_ != nullptr && isMain()) observer_->onStart(totalSteps_, firstStep_);

  TrainingResult result;
  runStart_ = windowStart_ = Clock::now();
  std::int64_t step = firstStep_;
  if (firstStep_ == 0 && evaluationDue(0)) evaluate(0);  // the base model's row
  for (; step < totalSteps_; ++step) {
    if (stopRequested()) {
      saveCheckpoint(step);
      result.status = TrainingStatus::Interrupted;
      note(fmt::format("stopped at step {}; resume with --resume_from_checkpoint {}", step,
                       lastCheckpoint_.string()));
      break;
    }
    trainStep(step, workerGroups(step));
    if (observer_ != nullptr && isMain()) observer_->onStep(step + 1, totalSteps_);
    const bool last = step + 1 == totalSteps_;
    if ((step + 1) % options_.loggingSteps == 0 || last) log(step, Clock::now());
    if (evaluationDue(step + 1) && evaluate(step + 1) && !last) {
      result.stoppedEarly =
          fmt::format("{} did not improve on {:.4f} (step {}) for {} evaluations in a row",
                      options_.metricForBestModel, bestValue_.value_or(0.0), bestStep_,
                      options_.earlyStoppingPatience);
      note("stopped early at step " + std::to_string(step + 1) + ": " + result.stoppedEarly);
      ++step;
      break;
    }
    if (!last && options_.saveSteps > 0 && (step + 1) % options_.saveSteps == 0)
      saveCheckpoint(step + 1);
  }
  if (result.status == TrainingStatus::Finished) {
    saveCheckpoint(step);
    if (isMain()) {
      const std::filesystem::path best =
          std::filesystem::path(options_.outputDir) / kBestModelFolder;
      if (options_.loadBestModelAtEnd && std::filesystem::is_directory(best)) {
        // The model at the root is the best evaluated one, not the last.
        for (const auto& entry : std::filesystem::recursive_directory_iterator(best)) {
          const std::filesystem::path to =
              std::filesystem::path(options_.outputDir) / entry.path().lexically_relative(best);
          if (entry.is_directory()) {
            std::filesystem::create_directories(to);
          } else if (entry.path().filename() != "best_step.json") {
            std::filesystem::copy_file(entry.path(), to,
                                       std::filesystem::copy_options::overwrite_existing);
          }
        }
        result.finalModelIsBest = true;
        note(fmt::format("the model at {} is the best evaluated one: step {}, {} {:.4f}",
                         options_.outputDir, bestStep_, options_.metricForBestModel,
                         bestValue_.value_or(0.0)));
      } else {
        task_->save(options_.outputDir);
      }
    }
  }
  result.bestStep = bestStep_;
  result.bestValue = bestValue_.value_or(0.0);
  if (group_ != nullptr) group_->barrier();
  result.steps = step;
  result.lastCheckpoint = lastCheckpoint_;
  result.finalLoss = lastLoggedLoss_;
  return result;
}

}  // namespace

std::vector<std::filesystem::path> listCheckpoints(const std::filesystem::path& outputDir) {
  std::vector<std::pair<std::int64_t, std::filesystem::path>> found;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(outputDir, error)) {
    const std::int64_t step = checkpointStep(entry.path());
    if (step >= 0 && entry.is_directory()) found.emplace_back(step, entry.path());
  }
  std::sort(found.begin(), found.end());
  std::vector<std::filesystem::path> folders;
  for (auto& [step, folder] : found)
    folders.push_back(std::move(folder));
  return folders;
}

TrainingResult runTraining(const TrainingOptions& options, TrainingObserver* observer,
                           const CancellationToken* stop) {
  validate(options);
  Trainer trainer(options, observer, stop);
  return trainer.run();
}

}  // namespace embedlab::train
