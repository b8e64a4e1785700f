// The bi-encoder training task: queries and passages embedded apart, the contrastive loss over
// in-batch and group negatives (optionally across workers), the gradient cache, distillation.
#include <fmt/format.h>
#include <torch/torch.h>

#include <cmath>
#include <map>
#include <optional>
#include <tuple>

#include "core/dist/torch/process_group.h"
#include "core/model/embedding_model.h"
#include "core/model/torch/autocast_scope.h"
#include "core/model/torch/embedding_model_impl.h"
#include "core/train/batch_padding.h"
#include "core/train/instruction_format.h"
#include "core/train/torch/contrastive_loss.h"
#include "core/train/torch/grad_cache.h"
#include "core/train/torch/training_task.h"
#include "core/train/trainer.h"

namespace embedlab::train {

namespace {

using model::EmbeddingModel;

// The tokenized batch of one worker.
struct Batch {
  model::BatchTensors queries;
  model::BatchTensors passages;
  torch::Tensor teacherScores;  // [B, G] or undefined
  torch::Tensor teacherMask;    // [B] bool or undefined
  double realTokens = 0;
};

class BiEncoderTask : public TrainingTask {
 public:
  BiEncoderTask(const TrainingOptions& options, dist::ProcessGroup* group, int worldSize)
      : options_(options),
        group_(group),
        worldSize_(worldSize),
        queryFormat_(parseInstructionFormat(options.queryInstructionFormat, "")),
        passageFormat_(parseInstructionFormat(options.passageInstructionFormat, "")) {}

  void load(const std::filesystem::path& folder, const torch::Device& device) override {
    device_ = device;
    model::LoadOptions load;
    load.device = device.str();
    if (!options_.pooling.empty()) load.pooling = model::parsePooling(options_.pooling);
    load.normalize = options_.normalized;
    model_.emplace(EmbeddingModel::load(folder, load));
    model_->impl().config.markTrainedBy("train");
    // Embeddings never read BERT's pooler: it is kept for saving, not trained.
    if (model_->impl().module->hasPooler()) {
      for (auto& item : model_->impl().module->named_parameters()) {
        if (item.key().rfind("pooler.", 0) == 0) item.value().set_requires_grad(false);
      }
    }
    model_->impl().network->train();
    // The saved model's sentence-transformers prompts are the instructions it was trained with,
    // so its users put the same text before queries and passages.
    std::map<std::string, std::string> prompts = model_->prompts();
    for (const auto& [name, format, instruction] :
         {std::tuple{"query", &queryFormat_, &options_.queryInstruction},
          std::tuple{"passage", &passageFormat_, &options_.passageInstruction}}) {
      if (!instruction->empty() && format->after.empty())
        prompts[name] = format->apply(*instruction, "");
    }
    model_->setPrompts(std::move(prompts));
  }

  /// The encoder and the Dense layers after pooling.
  torch::nn::Module& module() override { return *model_->impl().network; }
  model::EncoderModuleImpl& encoder() override { return *model_->impl().module; }
  void save(const std::filesystem::path& folder) const override { model_->save(folder); }
  const model::EmbeddingModel* embeddingModel() const override { return &*model_; }

  StepLoss step(std::int64_t stepIndex, const std::vector<TrainingGroup>& groups, double lossScale,
                SimilarityStatistics& similarities) override {
    const Batch batch = makeBatch(groups);
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
      // slices, and averaging them over W workers would give 1/W of the large-batch gradient,
      // so the loss is scaled by W (the reference workflow forgets this factor).
      inputs.queries = group_->allGatherKeepingLocalGradient(q);
      inputs.passages = group_->allGatherKeepingLocalGradient(p);
      // Decided by the option, never by what this worker's slice holds: every worker must
      // issue the same collectives (a slice without scores gathers zeros and a false mask).
      if (options_.knowledgeDistillation) {
        inputs.teacherScores = group_->allGatherKeepingLocalGradient(batch.teacherScores);
        inputs.teacherMask =
            group_->allGatherKeepingLocalGradient(batch.teacherMask.to(torch::kFloat))
                .to(torch::kBool);
      }
      scale = static_cast<double>(worldSize_);
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
                      stepIndex + 1, loss));
    }
    collectSimilarities(inputs.queries.detach(), inputs.passages.detach(), g, 0, similarities);
    (output.loss * (scale * lossScale)).backward();
    if (options_.gradCache) {
      backwardThroughChunks(model_->impl(), batch.queries, cachedQueries, options_.gcChunkSize,
                            precision);
      backwardThroughChunks(model_->impl(), batch.passages, cachedPassages, options_.gcChunkSize,
                            precision);
    }
    StepLoss result;
    result.loss = loss;
    result.primary = output.contrastive.item<double>();
    result.distillation = output.distillation.item<double>();
    result.realTokens = batch.realTokens;
    return result;
  }

 private:
  Batch makeBatch(const std::vector<TrainingGroup>& groups) const {
    std::vector<std::string> queries;
    std::vector<std::string> passages;
    for (const TrainingGroup& group : groups) {
      queries.push_back(queryFormat_.apply(group.prompt ? *group.prompt : options_.queryInstruction,
                                           group.query));
      for (const std::string& passage : group.passages)
        passages.push_back(passageFormat_.apply(options_.passageInstruction, passage));
    }
    const text::Tokenizer& tokenizer = model_->tokenizer();
    const auto tokenize = [&](const std::vector<std::string>& texts, int maxLength) {
      text::TruncationOptions truncation;
      truncation.maxLength = static_cast<std::size_t>(maxLength);
      std::vector<text::Encoding> encodings = tokenizer.encodeBatch(texts, truncation);
      text::padEncodings(encodings, tokenizer.padId(),
                         paddedLength(encodings, options_.padToMultipleOf), tokenizer.padToken());
      return model::toTensors(encodings, device_);
    };
    Batch batch;
    batch.queries = tokenize(queries, options_.queryMaxLen);
    batch.passages = tokenize(passages, options_.passageMaxLen);
    batch.realTokens = batch.queries.attentionMask.sum().item<double>() +
                       batch.passages.attentionMask.sum().item<double>();
    if (options_.knowledgeDistillation) {  // opt-in, as in the reference
      batch.teacherScores = teacherScoreTensor(
          groups, options_.trainGroupSize, options_.teacherTemperature, device_, batch.teacherMask);
    }
    return batch;
  }

  std::pair<torch::Tensor, torch::Tensor> embed(const Batch& batch) {
    model::AutocastScope autocast(device_, options_.fp16, options_.bf16);
    const auto& impl = model_->impl();
    torch::Tensor q =
        impl.embed(batch.queries.inputIds, batch.queries.attentionMask, batch.queries.tokenTypeIds);
    torch::Tensor p = impl.embed(batch.passages.inputIds, batch.passages.attentionMask,
                                 batch.passages.tokenTypeIds);
    return {q.to(torch::kFloat), p.to(torch::kFloat)};
  }

  TrainingOptions options_;
  dist::ProcessGroup* group_;
  int worldSize_;
  InstructionFormat queryFormat_;    ///< --query_instruction_format
  InstructionFormat passageFormat_;  ///< --passage_instruction_format
  torch::Device device_ = torch::kCPU;
  std::optional<EmbeddingModel> model_;
};

}  // namespace

std::unique_ptr<TrainingTask> makeBiEncoderTask(const TrainingOptions& options,
                                                dist::ProcessGroup* group, int worldSize) {
  return std::make_unique<BiEncoderTask>(options, group, worldSize);
}

}  // namespace embedlab::train
