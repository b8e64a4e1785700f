#include "core/train/trainer.h"

#include <fmt/format.h>
#include <torch/torch.h>
#include <xxhash.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <sstream>

#include "core/common/error.h"
#include "core/common/file_fingerprint.h"
#include "core/common/version.h"
#include "core/data/atomic_file.h"
#include "core/data/training_data.h"
#include "core/dist/torch/process_group.h"
#include "core/dist/worker_environment.h"
#include "core/model/torch/autocast_scope.h"
#include "core/model/torch/embedding_model_impl.h"
#include "core/model/torch/rng_state.h"
#include "core/train/group_sampler.h"
#include "core/train/learning_rate_schedule.h"
#include "core/train/torch/contrastive_loss.h"
#include "core/train/torch/grad_cache.h"
#include "core/train/torch/optimizer.h"

namespace embedlab::train {

namespace {

using Clock = std::chrono::steady_clock;
using model::EmbeddingModel;

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

// The tokenized batch of one worker.
struct Batch {
  model::BatchTensors queries;
  model::BatchTensors passages;
  torch::Tensor teacherScores;  // [B, G] or undefined
  torch::Tensor teacherMask;    // [B] bool or undefined
  double realTokens = 0;
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
  Batch makeBatch(std::int64_t step);
  std::pair<torch::Tensor, torch::Tensor> embed(const Batch& batch);
  double trainStep(std::int64_t step, const Batch& batch);
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
  std::optional<EmbeddingModel> model_;
  std::unique_ptr<GroupSampler> sampler_;
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
  model::LoadOptions load;
  load.device = device_.str();
  if (!options_.pooling.empty()) load.pooling = model::parsePooling(options_.pooling);
  load.normalize = options_.normalized;
  model_.emplace(EmbeddingModel::load(source, load));
  auto& impl = model_->impl();
  impl.module->train();
  impl.module->setGradientCheckpointing(options_.gradientCheckpointing);

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
  optimizer_ = makeAdamW(*impl.module, options_);
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

Batch Trainer::makeBatch(std::int64_t step) {
  const auto batches = static_cast<std::int64_t>(sampler_->batchesPerEpoch());
  const std::vector<TrainingGroup> global = sampler_->batch(
      static_cast<std::uint64_t>(step / batches), static_cast<std::size_t>(step % batches));
  const std::size_t perWorker = static_cast<std::size_t>(options_.perDeviceTrainBatchSize);
  const std::size_t first = static_cast<std::size_t>(environment_.rank) * perWorker;
  std::vector<std::string> queries;
  std::vector<std::string> passages;
  bool anyTeacher = false;
  for (std::size_t i = first; i < first + perWorker && i < global.size(); ++i) {
    const TrainingGroup& group = global[i];
    queries.push_back((group.prompt ? *group.prompt : options_.queryInstruction) + group.query);
    for (const std::string& passage : group.passages)
      passages.push_back(options_.passageInstruction + passage);
    anyTeacher = anyTeacher || !group.teacherScores.empty();
  }
  const text::Tokenizer& tokenizer = model_->tokenizer();
  const auto tokenize = [&](const std::vector<std::string>& texts, int maxLength) {
    text::TruncationOptions truncation;
    truncation.maxLength = static_cast<std::size_t>(maxLength);
    std::vector<text::Encoding> encodings = tokenizer.encodeBatch(texts, truncation);
    text::padEncodings(encodings, tokenizer.padId(), std::nullopt, tokenizer.padToken());
    return model::toTensors(encodings, device_);
  };
  Batch batch;
  batch.queries = tokenize(queries, options_.queryMaxLen);
  batch.passages = tokenize(passages, options_.passageMaxLen);
  batch.realTokens = batch.queries.attentionMask.sum().item<double>() +
                     batch.passages.attentionMask.sum().item<double>();
  if (anyTeacher) {
    const auto b = static_cast<std::int64_t>(queries.size());
    const std::int64_t g = options_.trainGroupSize;
    batch.teacherScores = torch::zeros({b, g}, torch::kDouble);
    batch.teacherMask = torch::zeros({b}, torch::kBool);
    for (std::int64_t i = 0; i < b; ++i) {
      const TrainingGroup& group = global[first + static_cast<std::size_t>(i)];
      if (static_cast<std::int64_t>(group.teacherScores.size()) != g) continue;
      batch.teacherMask[i] = true;
      for (std::int64_t k = 0; k < g; ++k)
        batch.teacherScores[i][k] = group.teacherScores[static_cast<std::size_t>(k)];
    }
    batch.teacherScores = batch.teacherScores.to(device_, torch::kFloat);
    batch.teacherMask = batch.teacherMask.to(device_);
  }
  return batch;
}

std::pair<torch::Tensor, torch::Tensor> Trainer::embed(const Batch& batch) {
  model::AutocastScope autocast(device_, options_.fp16, options_.bf16);
  const auto& impl = model_->impl();
  torch::Tensor q =
      impl.embed(batch.queries.inputIds, batch.queries.attentionMask, batch.queries.tokenTypeIds);
  torch::Tensor p = impl.embed(batch.passages.inputIds, batch.passages.attentionMask,
                               batch.passages.tokenTypeIds);
  return {q.to(torch::kFloat), p.to(torch::kFloat)};
}

double Trainer::trainStep(std::int64_t step, const Batch& batch) {
  const bool crossDevice = options_.negativesCrossDevice && group_ != nullptr;
  const std::int64_t g = options_.trainGroupSize;
  const Precision precision{options_.fp16, options_.bf16};
  torch::Tensor q;
  torch::Tensor p;
  CachedEmbeddings cachedQueries;
  CachedEmbeddings cachedPassages;
  if (options_.gradCache) {
    cachedQueries =
        embedWithoutGraph(model_->impl(), batch.queries, options_.gcChunkSize, precision);
    cachedPassages =
        embedWithoutGraph(model_->impl(), batch.passages, options_.gcChunkSize, precision);
    q = cachedQueries.embeddings;
    p = cachedPassages.embeddings;
  } else {
    std::tie(q, p) = embed(batch);
  }

  ContrastiveInputs inputs;
  inputs.groupSize = g;
  inputs.temperature = options_.temperature;
  inputs.inBatchNegatives = options_.inBatchNegatives;
  inputs.distillationWeight = options_.distillationWeight;
  double scale = 1.0;
  if (crossDevice) {
    // Every worker scores all queries against all passages; gradients reach only the local
    // slices, and averaging them over W workers would give 1/W of the large-batch gradient, so
    // the loss is scaled by W (the reference workflow forgets this factor).
    inputs.queries = group_->allGatherKeepingLocalGradient(q);
    inputs.passages = group_->allGatherKeepingLocalGradient(p);
    if (batch.teacherScores.defined()) {
      inputs.teacherScores = group_->allGatherKeepingLocalGradient(batch.teacherScores);
      inputs.teacherMask =
          group_->allGatherKeepingLocalGradient(batch.teacherMask.to(torch::kFloat))
              .to(torch::kBool);
    }
    scale = static_cast<double>(environment_.worldSize);
  } else {
    inputs.queries = q;
    inputs.passages = p;
    inputs.teacherScores = batch.teacherScores;
    inputs.teacherMask = batch.teacherMask;
  }
  const ContrastiveOutput output = contrastiveLoss(inputs);
  const double loss = output.loss.item<double>();
  if (!std::isfinite(loss)) {
    throw TrainingError(
        fmt::format("step {}: the loss is {} (hint: lower --learning_rate, raise "
                    "--temperature, or check the data for empty texts)",
                    step + 1, loss));
  }
  collectSimilarities(inputs.queries.detach(), inputs.passages.detach(), g, 0, similarities_);

  const double lossScale = options_.fp16 ? scaler_.scale() : 1.0;
  (output.loss * (scale * lossScale)).backward();
  if (options_.gradCache) {
    backwardThroughChunks(model_->impl(), batch.queries, cachedQueries, options_.gcChunkSize,
                          precision);
    backwardThroughChunks(model_->impl(), batch.passages, cachedPassages, options_.gcChunkSize,
                          precision);
  }
  const std::vector<torch::Tensor> parameters = trainableParameters(*model_->impl().module);
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

  windowLoss_ += loss;
  windowContrastive_ += output.contrastive.item<double>();
  windowDistillation_ += output.distillation.item<double>();
  windowTokens_ += batch.realTokens;
  ++windowSteps_;
  return loss;
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
    model_->save(partial);
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
    const Batch batch = makeBatch(step);
    trainStep(step, batch);
    if (observer_ != nullptr && isMain()) observer_->onStep(step + 1, totalSteps_);
    const bool last = step + 1 == totalSteps_;
    if ((step + 1) % options_.loggingSteps == 0 || last) log(step, Clock::now());
    if (!last && options_.saveSteps > 0 && (step + 1) % options_.saveSteps == 0)
      saveCheckpoint(step + 1);
  }
  if (result.status == TrainingStatus::Finished) {
    saveCheckpoint(totalSteps_);
    if (isMain()) model_->save(options_.outputDir);
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
