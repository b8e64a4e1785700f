// The pre-training task (`pretrain`): the trainer's TrainingTask over texts alone.
// --method mlm: each text masked as BERT's recipe says (token_masking.h, --mlm_probability,
// --whole_word_mask), the encoder and its tied MLM head trained to predict the masked tokens.
// --method retromae: the encoder reads the text masked with --encoder_mlm_probability and learns
// the same MLM loss; a one-layer decoder (a BERT layer named "decoder", initialised as BERT's)
// rebuilds every token of the unmasked text from the encoder's [CLS] state under the attention
// rows of retromae_masks.h (--decoder_mlm_probability); the loss is the sum of both. The model
// saved is the encoder with its MLM head (the decoder only goes into checkpoints, for resume),
// with [CLS] pooling, the embedding RetroMAE trains.
// Masks are drawn from (seed, text index, step), so a resumed run and any number of workers
// see the masks an uninterrupted single-process run sees. With several workers, each loss is
// this worker's sum over its labelled tokens divided by the labelled tokens of all workers (one
// all-reduce of two counts a step) and multiplied by the number of workers, whose gradients the
// trainer averages: the result is the single-process loss of the whole batch, not a mean of the
// workers' means.
#include <fmt/format.h>
#include <torch/torch.h>

#include <cmath>
#include <optional>
#include <utility>

#include "core/common/error.h"
#include "core/dist/torch/process_group.h"
#include "core/model/safetensors.h"
#include "core/model/torch/autocast_scope.h"
#include "core/model/torch/embedding_model_impl.h"
#include "core/pretrain/retromae_masks.h"
#include "core/pretrain/token_masking.h"
#include "core/pretrain/torch/pretraining_losses.h"
#include "core/train/batch_padding.h"
#include "core/train/torch/training_task.h"
#include "core/train/trainer.h"

namespace embedlab::train {

namespace {

constexpr const char* kDecoderFile = "retromae_decoder.safetensors";

/// The mask token of a tokenizer: [MASK] (BERT) or <mask> (RoBERTa, XLM-R, MPNet).
std::int64_t maskTokenId(const text::Tokenizer& tokenizer, const std::filesystem::path& folder) {
  for (const char* token : {"[MASK]", "<mask>"}) {
    if (auto id = tokenizer.tokenToId(token)) return *id;
  }
  throw InputError(folder.string(),
                   "has no mask token ([MASK] or <mask>) in its tokenizer, which masked "
                   "language modelling needs");
}

/// The trained modules under one parent, so that the optimiser and the checkpoint see them all.
class PretrainingNetworkImpl : public torch::nn::Module {
 public:
  PretrainingNetworkImpl(const model::EncoderModule& encoder, const model::MaskedLmHead& head) {
    register_module("encoder", encoder);
    register_module("head", head);
  }
  void addDecoder(const model::BertLayer& decoder) { register_module("decoder", decoder); }
};
TORCH_MODULE(PretrainingNetwork);

class PretrainingTask : public TrainingTask {
 public:
  PretrainingTask(const TrainingOptions& options, dist::ProcessGroup* group, int worldSize)
      : options_(options),
        retroMae_(options.method == "retromae"),
        group_(group),
        worldSize_(worldSize) {}

  void load(const std::filesystem::path& folder, const torch::Device& device) override {
    device_ = device;
    model::LoadOptions load;
    load.device = device.str();
    if (retroMae_) load.pooling = model::Pooling::Cls;  // the embedding RetroMAE trains
    model_.emplace(model::MaskedLmModel::load(folder, options_.seed, load));
    model::EmbeddingModel::Impl& inner = model_->encoderModel.impl();
    inner.config.markTrainedBy("pretrain --method " + options_.method);
    maskId_ = maskTokenId(*inner.tokenizer, folder);
    network_ = PretrainingNetwork(inner.module, model_->head);
    if (retroMae_) {
      bert_ = dynamic_cast<model::BertModelImpl*>(inner.module.get());
      if (bert_ == nullptr || inner.config.isMpnet()) {
        throw UsageError(fmt::format(
            "pretrain --method retromae: {} is a {} model; RetroMAE's decoder is built for BERT "
            "and RoBERTa/XLM-R encoders (use --method mlm)",
            folder.string(), inner.config.modelType));
      }
      decoder_ = model::BertLayer(inner.config);
      model::initializeBertStyle(*decoder_, inner.config.initializerRange, options_.seed + 3);
      if (std::filesystem::is_regular_file(folder / kDecoderFile))
        loadDecoder(folder / kDecoderFile);
      decoder_->to(device);
      network_->addDecoder(decoder_);
    }
    network_->train();
  }

  torch::nn::Module& module() override { return *network_; }
  model::EncoderModuleImpl& encoder() override { return *model_->encoderModel.impl().module; }
  void save(const std::filesystem::path& folder) const override { model_->save(folder); }
  void saveCheckpoint(const std::filesystem::path& folder) const override {
    model_->save(folder);
    if (!retroMae_) return;
    std::vector<torch::Tensor> keepAlive;
    std::vector<model::TensorData> tensors;
    for (const auto& item : decoder_->named_parameters())
      tensors.push_back(
          model::checkpointTensor(item.key(), item.value(), model::DType::F32, keepAlive));
    model::writeSafetensors(folder / kDecoderFile, std::move(tensors));
  }

  StepLoss step(std::int64_t stepIndex, const std::vector<TrainingGroup>& groups, double lossScale,
                SimilarityStatistics& /*similarities*/) override {
    const text::Tokenizer& tokenizer = model_->encoderModel.tokenizer();
    std::vector<std::string> texts;
    texts.reserve(groups.size());
    for (const TrainingGroup& group : groups)
      texts.push_back(group.query);
    text::TruncationOptions truncation;
    truncation.maxLength = static_cast<std::size_t>(options_.maxSeqLength);
    std::vector<text::Encoding> encodings = tokenizer.encodeBatch(texts, truncation, 1);
    text::padEncodings(encodings, tokenizer.padId(),
                       paddedLength(encodings, options_.padToMultipleOf), tokenizer.padToken());
    const model::BatchTensors original = model::toTensors(encodings, device_);

    // The encoder's masked input and labels, drawn from (seed, text, step).
    pretrain::MaskingOptions masking;
    masking.probability = retroMae_ ? options_.encoderMlmProbability : options_.mlmProbability;
    masking.wholeWord = options_.wholeWordMask;
    const auto b = static_cast<std::int64_t>(encodings.size());
    const auto n = static_cast<std::int64_t>(encodings.front().size());
    torch::Tensor maskedIds = torch::empty({b, n}, torch::kLong);
    torch::Tensor labels = torch::empty({b, n}, torch::kLong);
    torch::Tensor decoderLabels;
    torch::Tensor decoderAttention;
    if (retroMae_) {
      decoderLabels = torch::empty({b, n}, torch::kLong);
      decoderAttention = torch::empty({b, n, n}, torch::kUInt8);
    }
    const auto vocabulary = static_cast<std::int64_t>(model_->encoderModel.impl().config.vocabSize);
    const auto draw = static_cast<std::uint64_t>(stepIndex);
    for (std::int64_t row = 0; row < b; ++row) {
      const text::Encoding& encoding = encodings[static_cast<std::size_t>(row)];
      const std::uint64_t example = groups[static_cast<std::size_t>(row)].example;
      const pretrain::MaskedTokens masked = pretrain::maskTokens(
          encoding, masking, maskId_, vocabulary, options_.seed, example, draw);
      std::copy(masked.inputIds.begin(), masked.inputIds.end(),
                maskedIds[row].data_ptr<std::int64_t>());
      std::copy(masked.labels.begin(), masked.labels.end(), labels[row].data_ptr<std::int64_t>());
      if (retroMae_) {
        const pretrain::DecoderInputs decoder =
            pretrain::decoderInputs(encoding, options_.decoderMlmProbability,
                                    options_.wholeWordMask, options_.seed, example, draw);
        std::copy(decoder.labels.begin(), decoder.labels.end(),
                  decoderLabels[row].data_ptr<std::int64_t>());
        std::copy(decoder.attention.begin(), decoder.attention.end(),
                  decoderAttention[row].data_ptr<std::uint8_t>());
      }
    }
    // This worker's share of the batch's labelled tokens (1 for one worker).
    const auto [encoderShare, decoderShare] = workerShares(labels, decoderLabels);
    maskedIds = maskedIds.to(device_);
    labels = labels.to(device_);

    torch::Tensor encoderLoss;
    torch::Tensor decoderLoss;
    {
      model::AutocastScope autocast(device_, options_.fp16, options_.bf16);
      const torch::Tensor hidden = model_->encoderModel.impl().module->forward(
          maskedIds, original.attentionMask, original.tokenTypeIds);
      encoderLoss = pretrain::maskedLmLoss(*model_, hidden, labels) * encoderShare;
      if (retroMae_) {
        const torch::Tensor states =
            pretrain::retroMaeDecoderStates(*bert_, *decoder_, hidden, original.inputIds,
                                            original.tokenTypeIds, decoderAttention.to(device_));
        decoderLoss =
            pretrain::maskedLmLoss(*model_, states, decoderLabels.to(device_)) * decoderShare;
      }
    }
    const torch::Tensor loss = retroMae_ ? encoderLoss + decoderLoss : encoderLoss;
    const double value = loss.item<double>();
    if (!std::isfinite(value)) {
      throw TrainingError(
          fmt::format("step {}: the loss is {} (hint: lower --learning_rate, or check the data)",
                      stepIndex + 1, value));
    }
    (loss * lossScale).backward();
    StepLoss result;
    result.loss = value;
    result.primary = encoderLoss.item<double>();
    result.decoder = retroMae_ ? decoderLoss.item<double>() : 0.0;
    result.realTokens = original.attentionMask.sum().item<double>();
    return result;
  }

 private:
  // For each loss, local labelled tokens x workers / all workers' labelled tokens, so that the
  // workers' mean of (local mean x share) is the mean over the whole batch. One collective a
  // step on every worker, whatever its slice holds. `decoderLabels` is undefined without RetroMAE.
  std::pair<double, double> workerShares(const torch::Tensor& labels,
                                         const torch::Tensor& decoderLabels) {
    if (group_ == nullptr) return {1.0, 1.0};
    const auto count = [](const torch::Tensor& tensor) {
      return tensor.defined() ? tensor.ne(pretrain::kIgnoredLabel).sum().item<double>() : 0.0;
    };
    const std::vector<double> local{count(labels), count(decoderLabels)};
    const std::vector<double> total = group_->allReduceSum(local);
    const auto share = [this](double mine, double all) {
      return all > 0 ? mine * static_cast<double>(worldSize_) / all : 0.0;
    };
    return {share(local[0], total[0]), share(local[1], total[1])};
  }

  void loadDecoder(const std::filesystem::path& file) {
    const model::SafetensorsFile tensors(file);
    torch::NoGradGuard noGrad;
    for (auto& item : decoder_->named_parameters()) {
      const model::TensorInfo* tensor = tensors.find(item.key());
      if (tensor == nullptr || tensor->shape != item.value().sizes().vec() ||
          tensor->dtype != model::DType::F32) {
        throw InputError(file.string(), "misses the float32 decoder tensor " + item.key() +
                                            " of the right shape; resume from another checkpoint");
      }
      item.value().copy_(torch::from_blob(const_cast<std::byte*>(tensors.data(*tensor)),
                                          tensor->shape, torch::kFloat));
    }
  }

  TrainingOptions options_;
  bool retroMae_;
  dist::ProcessGroup* group_;
  int worldSize_;
  torch::Device device_ = torch::kCPU;
  std::optional<model::MaskedLmModel> model_;
  PretrainingNetwork network_{nullptr};
  model::BertLayer decoder_{nullptr};
  model::BertModelImpl* bert_ = nullptr;
  std::int64_t maskId_ = 0;
};

}  // namespace

std::unique_ptr<TrainingTask> makePretrainingTask(const TrainingOptions& options,
                                                  dist::ProcessGroup* group, int worldSize) {
  return std::make_unique<PretrainingTask>(options, group, worldSize);
}

}  // namespace embedlab::train
