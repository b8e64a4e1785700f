#include "core/train/trainer.h"

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
#include "core/data/training_data.h"
#include "core/dist/torch/process_group.h"
#include "core/dist/worker_environment.h"
#include "core/model/encoder_config.h"
#include "core/model/torch/rng_state.h"
#include "core/train/chance_level_monitor.h"
#include "core/train/group_sampler.h"
#include "core/train/learning_rate_schedule.h"
#include "core/train/torch/optimizer.h"
#include "core/train/torch/training_task.h"

namespace embedlab::train {

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kCheckpointFormat = 1;
constexpr const char* kCheckpointPrefix = "checkpoint-";

// Dynamic loss scaling for fp16 on CUDA (what torch.cuda.amp.GradScaler does): the loss is
// multiplied before backward so small gradients survive in half precision; a step whose
// gradients overflow is skipped and the scale halved; it doubles after 2000 clean steps.
class LossScaler {
 public:
  double scale() const { return scale_; }
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
  void restore(const std::filesystem::path& checkpoint);
  /// This worker's groups of the step's global batch.
  std::vector<TrainingGroup> workerGroups(std::int64_t step);
  double trainStep(std::int64_t step, const std::vector<TrainingGroup>& groups);
  void saveCheckpoint(std::int64_t step);
  void log(std::int64_t step, Clock::time_point now);
  bool stopRequested();
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
  std::unique_ptr<GroupSampler> sampler_;
  std::optional<ChanceLevelMonitor> chanceLevel_;  ///< rerankers: a loss stuck at ln G
  std::unique_ptr<torch::optim::AdamW> optimizer_;
  LossScaler scaler_;
  std::int64_t totalSteps_ = 0;
  std::int64_t warmupSteps_ = 0;
  std::int64_t firstStep_ = 0;
  std::uint64_t dataHash_ = 0;
  std::filesystem::path lastCheckpoint_;

  // The current logging window.
  double windowLoss_ = 0;
  double windowContrastive_ = 0;
  double windowDistillation_ = 0;
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
  if (environment_.worldSize > 1) {
    group_ = std::make_unique<dist::ProcessGroup>(environment_, device_);
    note(fmt::format("worker {} of {} ({})", environment_.rank, environment_.worldSize,
                     environment_.launcher));
  } else if (options_.negativesCrossDevice) {
    note("--negatives_cross_device has no effect in a single process");
  }
  torch::manual_seed(options_.seed);
}

void Trainer::loadModelAndData() {
  std::filesystem::path source = options_.modelNameOrPath;
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
  task_ = options_.task == "reranker"
              ? makeRerankerTask(options_)
              : makeBiEncoderTask(options_, group_.get(), environment_.worldSize);
  task_->load(source, device_);
  task_->encoder().setGradientCheckpointing(options_.gradientCheckpointing);
  if (options_.task == "reranker" && resumeFrom.empty() &&
      model::EncoderConfig::load(source / "config.json").createdByInitModel()) {
    note(source.string() +
         " was made by init-model: its weights are random, not pretrained. That is enough to "
         "test the pipeline, but a reranker learns to match queries with passages very slowly "
         "from random weights; for a useful one start from a pretrained encoder or reranker");
  }

  std::vector<TrainingExample> examples;
  std::vector<Problem> warnings;
  for (const std::string& file : options_.trainData) {
    auto part = readTrainingData(file, &warnings);
    examples.insert(examples.end(), std::make_move_iterator(part.begin()),
                    std::make_move_iterator(part.end()));
  }
  if (!warnings.empty()) {
    note(
        fmt::format("{} warnings in the training data (first: line {}: {}); "
                    "'embedlab-cli validate' lists them",
                    warnings.size(), warnings.front().line, warnings.front().message));
  }
  dataHash_ = hashTrainingFiles(options_.trainData);
  SamplerOptions sampling;
  sampling.groupSize = options_.trainGroupSize;
  sampling.seed = options_.seed;
  sampling.globalBatchSize = static_cast<std::size_t>(options_.perDeviceTrainBatchSize) *
                             static_cast<std::size_t>(environment_.worldSize);
  sampling.dropLast = options_.dataloaderDropLast;
  sampling.deduplicate = options_.deduplicateBatches;
  sampler_ = std::make_unique<GroupSampler>(std::move(examples), sampling);
  const auto batches = static_cast<std::int64_t>(sampler_->batchesPerEpoch());
  totalSteps_ = options_.maxSteps > 0
                    ? options_.maxSteps
                    : static_cast<std::int64_t>(
                          std::ceil(options_.numTrainEpochs * static_cast<double>(batches)));
  warmupSteps_ =
      static_cast<std::int64_t>(std::ceil(options_.warmupRatio * static_cast<double>(totalSteps_)));
  optimizer_ = makeAdamW(task_->module(), options_);
  if (!resumeFrom.empty()) restore(resumeFrom);
}

void Trainer::restore(const std::filesystem::path& checkpoint) {
  std::ifstream in(checkpoint / "trainer_state.json");
  const nlohmann::json state = nlohmann::json::parse(in);
  if (state.value("format_version", 0) != kCheckpointFormat) {
    throw UsageError(checkpoint.string() + " was written by an incompatible EmbedLab version");
  }
  const TrainingOptions saved = TrainingOptions::fromJson(state.at("options"), checkpoint.string());
  // What decides which examples each step sees must not change on resume.
  const auto same = [&](const char* name, auto a, auto b) {
    if (a != b) {
      throw UsageError(fmt::format("cannot resume from {}: {} was {} and is now {}",
                                   checkpoint.string(), name, a, b));
    }
  };
  same("per_device_train_batch_size", saved.perDeviceTrainBatchSize,
       options_.perDeviceTrainBatchSize);
  same("train_group_size", saved.trainGroupSize, options_.trainGroupSize);
  same("seed", saved.seed, options_.seed);
  same("dedup_batches", saved.deduplicateBatches, options_.deduplicateBatches);
  same("task", saved.task, options_.task);
  same("the number of workers", state.value("world_size", 1), environment_.worldSize);
  if (state.value("train_data_hash", std::uint64_t{0}) != dataHash_) {
    throw UsageError("cannot resume from " + checkpoint.string() +
                     ": the training files changed since");
  }
  firstStep_ = state.at("step").get<std::int64_t>();
  {
    std::ifstream optimizerFile(checkpoint / "optimizer.pt", std::ios::binary);
    torch::serialize::InputArchive archive;
    archive.load_from(optimizerFile, device_);
    optimizer_->load(archive);
  }
  {
    std::ifstream rngFile(checkpoint / "rng_state.pt", std::ios::binary);
    torch::serialize::InputArchive archive;
    archive.load_from(rngFile);
    model::RngState rng;
    archive.read("cpu", rng.cpu);
    if (device_.is_cuda()) archive.read("accelerator", rng.accelerator);
    model::restoreRng(rng, device_);
  }
  note(fmt::format("resuming from {} at step {}", checkpoint.string(), firstStep_));
}

std::vector<TrainingGroup> Trainer::workerGroups(std::int64_t step) {
  const auto batches = static_cast<std::int64_t>(sampler_->batchesPerEpoch());
  const std::vector<TrainingGroup> global = sampler_->batch(
      static_cast<std::uint64_t>(step / batches), static_cast<std::size_t>(step % batches));
  const std::size_t perWorker = static_cast<std::size_t>(options_.perDeviceTrainBatchSize);
  const std::size_t first = static_cast<std::size_t>(environment_.rank) * perWorker;
  std::vector<TrainingGroup> groups;
  for (std::size_t i = first; i < first + perWorker && i < global.size(); ++i)
    groups.push_back(global[i]);
  return groups;
}

double Trainer::trainStep(std::int64_t step, const std::vector<TrainingGroup>& groups) {
  const double lossScale = options_.fp16 ? scaler_.scale() : 1.0;
  const StepLoss loss = task_->step(step, groups, lossScale, similarities_);
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
  lastLearningRate_ = linearScheduleRate(options_.learningRate, step, warmupSteps_, totalSteps_);
  setLearningRate(*optimizer_, lastLearningRate_);
  if (stepOk) optimizer_->step();
  optimizer_->zero_grad();

  windowLoss_ += loss.loss;
  windowContrastive_ += loss.primary;
  windowDistillation_ += loss.distillation;
  windowTokens_ += loss.realTokens;
  ++windowSteps_;
  return loss.loss;
}

void Trainer::log(std::int64_t step, Clock::time_point now) {
  double loss = windowLoss_ / static_cast<double>(windowSteps_);
  double tokens = windowTokens_;
  if (group_ != nullptr && !options_.negativesCrossDevice) {
    loss = group_->allReduceSum(loss) / environment_.worldSize;  // the mean over workers
  }
  if (group_ != nullptr) tokens = group_->allReduceSum(tokens);
  const double seconds = std::chrono::duration<double>(now - windowStart_).count();
  const double elapsed = std::chrono::duration<double>(now - runStart_).count();
  TrainingLogRecord record;
  record.step = step + 1;
  record.totalSteps = totalSteps_;
  record.epoch = static_cast<double>(step + 1) / static_cast<double>(sampler_->batchesPerEpoch());
  record.loss = loss;
  record.contrastiveLoss = windowContrastive_ / static_cast<double>(windowSteps_);
  record.distillationLoss = windowDistillation_ / static_cast<double>(windowSteps_);
  record.learningRate = lastLearningRate_;
  record.gradNorm = lastGradNorm_;
  const double queriesPerStep =
      static_cast<double>(options_.perDeviceTrainBatchSize) * environment_.worldSize;
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
    std::ofstream metrics(std::filesystem::path(options_.outputDir) / "metrics.jsonl",
                          std::ios::app);
    metrics << record.toJson().dump() << "\n";
    if (observer_ != nullptr) observer_->onLog(record);
  }
  windowLoss_ = windowContrastive_ = windowDistillation_ = windowTokens_ = 0;
  windowSteps_ = 0;
  similarities_.clear();
  windowStart_ = Clock::now();
}

void Trainer::saveCheckpoint(std::int64_t step) {
  const std::filesystem::path output = options_.outputDir;
  const std::filesystem::path target = output / (kCheckpointPrefix + std::to_string(step));
  if (isMain()) {
    // Written into a hidden folder and renamed when complete: a crash mid-write never damages
    // an existing checkpoint, and a partial one is never mistaken for a checkpoint.
    const std::filesystem::path partial =
        output / fmt::format(".{}.partial", target.filename().string());
    std::filesystem::remove_all(partial);
    task_->save(partial);
    nlohmann::json state = {{"format_version", kCheckpointFormat},
                            {"embedlab_version", kVersion},
                            {"step", step},
                            {"total_steps", totalSteps_},
                            {"world_size", environment_.worldSize},
                            {"train_data_hash", dataHash_},
                            {"last_logged_loss", lastLoggedLoss_},
                            {"options", options_.toJson()}};
    writeFileAtomically(partial / "trainer_state.json", state.dump(2) + "\n");
    writeFileAtomically(
        partial / "optimizer.pt",
        serialize([&](torch::serialize::OutputArchive& archive) { optimizer_->save(archive); }));
    const model::RngState rng = model::captureRng(device_);
    writeFileAtomically(partial / "rng_state.pt",
                        serialize([&](torch::serialize::OutputArchive& archive) {
                          archive.write("cpu", rng.cpu);
                          if (rng.accelerator.defined())
                            archive.write("accelerator", rng.accelerator);
                        }));
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

bool Trainer::stopRequested() {
  bool requested = stop_ != nullptr && stop_->cancelled();
  // Workers must agree, or one would wait forever in a collective the others left.
  if (group_ != nullptr) requested = group_->allReduceSum(requested ? 1.0 : 0.0) > 0;
  return requested;
}

TrainingResult Trainer::run() {
  setUpProcesses();
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
  loadModelAndData();
  if (options_.task == "reranker") chanceLevel_.emplace(options_.trainGroupSize, firstStep_);
  if (observer_ != nullptr && isMain()) observer_->onStart(totalSteps_, firstStep_);

  TrainingResult result;
  runStart_ = windowStart_ = Clock::now();
  std::int64_t step = firstStep_;
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
    if (!last && options_.saveSteps > 0 && (step + 1) % options_.saveSteps == 0)
      saveCheckpoint(step + 1);
  }
  if (result.status == TrainingStatus::Finished) {
    saveCheckpoint(totalSteps_);
    if (isMain()) task_->save(options_.outputDir);
  }
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
