// The reranker training task (the reference's cross-encoder fine-tuning): each query read with
// each passage of its group ([positive, G-1 hard negatives]) as one input, only the passage
// truncated, to query_max_len + passage_max_len; the G logits of a group go through a softmax
// and cross-entropy with the positive as target. With --knowledge_distillation, the KL divergence
// from the teacher's softmax over the group is added, weighted by distill_weight, as for
// bi-encoders.
#include <fmt/format.h>
#include <torch/torch.h>

#include <cmath>
#include <optional>

#include "core/model/reranker_model.h"
#include "core/model/torch/autocast_scope.h"
#include "core/model/torch/reranker_model_impl.h"
#include "core/train/batch_padding.h"
#include "core/train/instruction_format.h"
#include "core/train/torch/reranker_loss.h"
#include "core/train/torch/training_task.h"
#include "core/train/trainer.h"

namespace embedlab::train {

namespace {

using model::RerankerModel;

class RerankerTask : public TrainingTask {
 public:
  explicit RerankerTask(const TrainingOptions& options)
      : options_(options),
        queryFormat_(parseInstructionFormat(options.queryInstructionFormat, "")),
        passageFormat_(parseInstructionFormat(options.passageInstructionFormat, "")) {}

  void load(const std::filesystem::path& folder, const torch::Device& device) override {
    device_ = device;
    model::LoadOptions load;
    load.device = device.str();
    // A folder without a classification head (a pretrained encoder, a tuned bi-encoder) gets a
    // new one, as transformers does.
    model_.emplace(RerankerModel::isReranker(folder)
                       ? RerankerModel::load(folder, load)
                       : RerankerModel::fromEncoder(folder, options_.seed, load));
    model_->impl().encoderModel.impl().config.markTrainedBy("train-reranker");
    model_->impl().network->train();
  }

  torch::nn::Module& module() override { return *model_->impl().network; }
  model::EncoderModuleImpl& encoder() override { return *model_->impl().network->encoder; }
  void save(const std::filesystem::path& folder) const override { model_->save(folder); }

  StepLoss step(std::int64_t stepIndex, const std::vector<TrainingGroup>& groups, double lossScale,
                SimilarityStatistics& similarities) override {
    const text::Tokenizer& tokenizer = model_->tokenizer();
    std::vector<text::Encoding> pairs;
    for (const TrainingGroup& group : groups) {
      const std::string query =
          queryFormat_.apply(group.prompt ? *group.prompt : options_.queryInstruction, group.query);
      for (const std::string& passage : group.passages) {
        pairs.push_back(model::encodeRerankPair(
            tokenizer, query, passageFormat_.apply(options_.passageInstruction, passage),
            static_cast<std::size_t>(options_.queryMaxLen),
            static_cast<std::size_t>(options_.passageMaxLen)));
      }
    }
    text::padEncodings(pairs, tokenizer.padId(), paddedLength(pairs, options_.padToMultipleOf),
                       tokenizer.padToken());
    const model::BatchTensors batch = model::toTensors(pairs, device_);

    const auto b = static_cast<std::int64_t>(groups.size());
    const std::int64_t g = options_.trainGroupSize;
    torch::Tensor logits;
    {
      model::AutocastScope autocast(device_, options_.fp16, options_.bf16);
      logits = model_->impl().logits(batch).view({b, g});
    }
    RerankerLossInputs inputs;
    inputs.logits = logits;
    inputs.distillationWeight = options_.distillationWeight;
    if (options_.knowledgeDistillation) {  // opt-in, as in the reference
      inputs.teacherScores =
          teacherScoreTensor(groups, g, options_.teacherTemperature, device_, inputs.teacherMask);
    }
    const RerankerLossOutput output = rerankerLoss(inputs);
    const double loss = output.loss.item<double>();
    if (!std::isfinite(loss)) {
      throw TrainingError(fmt::format(
          "step {}: the loss is {} (hint: lower --learning_rate, or check the data for empty "
          "texts)",
          stepIndex + 1, loss));
    }
    collectRerankerScores(logits.detach(), similarities);
    (output.loss * lossScale).backward();

    StepLoss result;
    result.loss = loss;
    result.primary = output.crossEntropy.item<double>();
    result.distillation = output.distillation.item<double>();
    result.realTokens = batch.attentionMask.sum().item<double>();
    return result;
  }

 private:
  TrainingOptions options_;
  InstructionFormat queryFormat_;    ///< --query_instruction_format
  InstructionFormat passageFormat_;  ///< --passage_instruction_format
  torch::Device device_ = torch::kCPU;
  std::optional<RerankerModel> model_;
};

}  // namespace

std::unique_ptr<TrainingTask> makeRerankerTask(const TrainingOptions& options) {
  return std::make_unique<RerankerTask>(options);
}

}  // namespace embedlab::train
