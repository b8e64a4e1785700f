#include "core/model/torch/masked_lm_model.h"

#include <fmt/format.h>
#include <torch/torch.h>

#include "core/common/error.h"
#include "core/model/checkpoint.h"
#include "core/model/sentence_transformers_metadata.h"
#include "core/model/torch/embedding_model_impl.h"

namespace embedlab::model {

namespace {

bool bertLayout(const EncoderConfig& config) {
  return !config.usesPaddingOffsetPositions();
}

}  // namespace

bool MaskedLmHeadImpl::supports(const EncoderConfig& config, std::string* whyNot) {
  if (!config.isModernBert()) return true;
  if (whyNot != nullptr) {
    *whyNot =
        "ModernBERT's masked-LM head (head.dense, head.norm, decoder) is not implemented; "
        "pre-train a BERT, RoBERTa/XLM-R or MPNet model";
  }
  return false;
}

std::string MaskedLmHeadImpl::architectureName(const EncoderConfig& config) {
  if (config.isMpnet()) return "MPNetForMaskedLM";
  if (config.modelType == "roberta") return "RobertaForMaskedLM";
  if (config.modelType == "xlm-roberta") return "XLMRobertaForMaskedLM";
  return "BertForMaskedLM";
}

std::string MaskedLmHeadImpl::encoderPrefix(const EncoderConfig& config) {
  if (config.isMpnet()) return "mpnet.";
  return bertLayout(config) ? "bert." : "roberta.";
}

MaskedLmHeadImpl::MaskedLmHeadImpl(const EncoderConfig& config) {
  const std::int64_t hidden = config.hiddenSize;
  if (bertLayout(config)) {
    activation_ = config.hiddenAct;
    auto predictions = groupModule(*groupModule(*this, "cls"), "predictions");
    auto transform = groupModule(*predictions, "transform");
    dense_ = transform->register_module("dense", Linear(hidden, hidden));
    norm_ = transform->register_module("LayerNorm", Norm(hidden, config.layerNormEps, true));
    bias_ = predictions->register_parameter("bias", torch::zeros({config.vocabSize}));
  } else {
    activation_ = "gelu";  // RobertaLMHead and MPNetLMHead use gelu whatever hidden_act says
    auto head = groupModule(*this, "lm_head");
    dense_ = head->register_module("dense", Linear(hidden, hidden));
    norm_ = head->register_module("layer_norm", Norm(hidden, config.layerNormEps, true));
    bias_ = head->register_parameter("bias", torch::zeros({config.vocabSize}));
  }
}

torch::Tensor MaskedLmHeadImpl::forward(const torch::Tensor& hidden,
                                        const torch::Tensor& wordEmbeddings) {
  const torch::Tensor transformed = norm_(activate(activation_, dense_(hidden)));
  return torch::addmm(bias_.to(transformed.scalar_type()), transformed,
                      wordEmbeddings.to(transformed.scalar_type()).t());
}

void MaskedLmHeadImpl::initialize(double std, std::uint64_t seed) {
  torch::NoGradGuard noGrad;
  torch::manual_seed(seed);
  dense_->weight.normal_(0.0, std);
  dense_->bias.zero_();
  norm_->weight.fill_(1.0);
  norm_->bias.zero_();
  bias_.zero_();
}

MaskedLmModel MaskedLmModel::load(const std::filesystem::path& folder, std::uint64_t seed,
                                  const LoadOptions& options) {
  MaskedLmModel model{EmbeddingModel::load(folder, options), nullptr, false, {}};
  const EmbeddingModel::Impl& inner = model.encoderModel.impl();
  const EncoderConfig& config = inner.config;
  std::string whyNot;
  if (!MaskedLmHeadImpl::supports(config, &whyNot))
    throw UsageError((folder / "config.json").string() + ": " + whyNot);
  if (config.raw.contains("tie_word_embeddings") && config.raw["tie_word_embeddings"] == false) {
    throw InputError((folder / "config.json").string(),
                     "sets tie_word_embeddings false; EmbedLab's masked-LM head ties its output "
                     "projection to the word embeddings, as BERT's and RoBERTa's do");
  }
  model.head = MaskedLmHead(config);
  const Checkpoint checkpoint(folder);
  const auto parameters = model.head->named_parameters();
  std::size_t found = 0;
  for (const auto& item : parameters)
    found += checkpoint.find(item.key()) != nullptr ? 1 : 0;
  if (found == 0) {
    model.head->initialize(config.initializerRange, seed + 2);
    for (const auto& item : parameters)
      model.headDTypes[item.key()] = DType::F32;
  } else {
    torch::NoGradGuard noGrad;
    for (auto& item : model.head->named_parameters()) {
      const std::string& name = item.key();
      const TensorInfo* tensor = checkpoint.find(name);
      if (tensor == nullptr)
        throw InputError(folder.string(), "misses the masked-LM head tensor " + name);
      if (tensor->shape != item.value().sizes().vec()) {
        throw InputError(folder.string(), fmt::format("{} has shape [{}], expected [{}]", name,
                                                      fmt::join(tensor->shape, ", "),
                                                      fmt::join(item.value().sizes().vec(), ", ")));
      }
      const torch::Tensor source =
          torch::from_blob(const_cast<std::byte*>(checkpoint.data(*tensor)), tensor->shape,
                           torch::TensorOptions().dtype(scalarTypeOf(tensor->dtype)));
      item.value().copy_(source);
      model.headDTypes[name] = tensor->dtype;
    }
    model.headLoaded = true;
  }
  model.head->to(inner.device);
  return model;
}

torch::Tensor MaskedLmModel::wordEmbeddings() const {
  const EmbeddingModel::Impl& inner = encoderModel.impl();
  const auto parameters = inner.module->named_parameters();
  const torch::Tensor* weight = parameters.find(inner.config.wordEmbeddingName());
  if (weight == nullptr)
    throw Error("the encoder has no " + inner.config.wordEmbeddingName() + " parameter");
  return *weight;
}

torch::Tensor MaskedLmModel::logitsAt(const torch::Tensor& hidden,
                                      const torch::Tensor& positions) const {
  const torch::Tensor rows = hidden.reshape({-1, hidden.size(-1)}).index_select(0, positions);
  return head->forward(rows, wordEmbeddings());
}

void MaskedLmModel::save(const std::filesystem::path& folder) const {
  std::filesystem::create_directories(folder);
  const EmbeddingModel::Impl& inner = encoderModel.impl();
  EncoderConfig config = inner.config;
  config.raw["architectures"] = nlohmann::json::array({MaskedLmHeadImpl::architectureName(config)});
  config.save(folder / "config.json");
  std::vector<torch::Tensor> keepAlive;
  std::vector<TensorData> tensors =
      inner.checkpointTensors(MaskedLmHeadImpl::encoderPrefix(config), keepAlive);
  for (const auto& item : head->named_parameters()) {
    const auto dtype = headDTypes.find(item.key());
    tensors.push_back(checkpointTensor(item.key(), item.value(),
                                       dtype == headDTypes.end() ? DType::F32 : dtype->second,
                                       keepAlive));
  }
  writeSafetensors(folder / "model.safetensors", std::move(tensors));
  inner.copyTokenizerFiles(folder);
  // The encoder's pooling, normalisation and prompts; no Dense modules (pre-training does not
  // train them, fine-tuning adds its own).
  SentenceTransformersMetadata metadata = inner.sentenceTransformersMetadata();
  metadata.dense.clear();
  writeSentenceTransformersMetadata(folder, metadata, static_cast<std::size_t>(config.hiddenSize));
}

}  // namespace embedlab::model
