#include "core/model/reranker_model.h"

#include "core/model/hub_cache.h"

#include <fmt/format.h>
#include <torch/torch.h>

#include <algorithm>
#include <fstream>
#include <numeric>

#include "core/common/error.h"
#include "core/model/checkpoint.h"
#include "core/model/safetensors.h"
#include "core/model/torch/modernbert_module.h"
#include "core/model/torch/reranker_model_impl.h"

namespace embedlab::model {

RerankerHeadImpl::Kind RerankerHeadImpl::kindOf(const EncoderConfig& config) {
  if (config.isModernBert()) return Kind::ModernBert;
  return config.usesPaddingOffsetPositions() ? Kind::Roberta : Kind::Bert;  // MPNet: RoBERTa's
}

std::string RerankerHeadImpl::encoderPrefix(const EncoderConfig& config) {
  if (config.isModernBert()) return "model.";
  if (config.isMpnet()) return "mpnet.";
  return config.usesPaddingOffsetPositions() ? "roberta." : "bert.";
}

std::string RerankerHeadImpl::architectureName(const EncoderConfig& config) {
  if (config.isModernBert()) return "ModernBertForSequenceClassification";
  if (config.isMpnet()) return "MPNetForSequenceClassification";
  if (config.modelType == "roberta") return "RobertaForSequenceClassification";
  if (config.modelType == "xlm-roberta") return "XLMRobertaForSequenceClassification";
  return "BertForSequenceClassification";
}

RerankerHeadImpl::RerankerHeadImpl(const EncoderConfig& config) : kind_(kindOf(config)) {
  const std::int64_t hidden = config.hiddenSize;
  const bool dropoutGiven =
      config.raw.contains("classifier_dropout") && config.raw["classifier_dropout"].is_number();
  const double dropout = dropoutGiven ? config.raw["classifier_dropout"].get<double>()
                                      : (config.isModernBert() ? 0.0 : config.hiddenDropoutProb);
  dropout_ = register_module("dropout", Dropout(dropout));
  switch (kind_) {
    case Kind::Bert:
      classifier_ = register_module("classifier", torch::nn::Linear(hidden, 1));
      break;
    case Kind::Roberta: {
      auto group = groupModule(*this, "classifier");
      dense_ = group->register_module("dense", torch::nn::Linear(hidden, hidden));
      outProj_ = group->register_module("out_proj", torch::nn::Linear(hidden, 1));
      break;
    }
    case Kind::ModernBert: {
      activation_ = config.classifierActivation;
      meanPooling_ = config.classifierPooling == "mean";
      auto group = groupModule(*this, "head");
      dense_ = group->register_module(
          "dense",
          torch::nn::Linear(torch::nn::LinearOptions(hidden, hidden).bias(config.classifierBias)));
      norm_ = group->register_module("norm", Norm(hidden, config.layerNormEps, config.normBias));
      classifier_ = register_module("classifier", torch::nn::Linear(hidden, 1));
      break;
    }
  }
}

torch::Tensor RerankerHeadImpl::forward(const torch::Tensor& hidden,
                                        const torch::Tensor& attentionMask,
                                        const torch::Tensor& poolerWeight,
                                        const torch::Tensor& poolerBias) {
  const torch::Tensor first = hidden.select(1, 0);  // [CLS] / <s>
  switch (kind_) {
    case Kind::Roberta: {
      const torch::Tensor x = torch::tanh(dense_->forward(dropout_->forward(first)));
      return outProj_->forward(dropout_->forward(x)).squeeze(-1);
    }
    case Kind::ModernBert: {
      const torch::Tensor pooled =
          meanPooling_ ? pool(hidden, attentionMask, Pooling::Mean) : first;
      const torch::Tensor x = std::static_pointer_cast<NormImpl>(norm_)->forward(
          activate(activation_, dense_->forward(pooled)));
      return classifier_->forward(dropout_->forward(x)).squeeze(-1);
    }
    case Kind::Bert: break;
  }
  const torch::Tensor pooled =
      torch::tanh(torch::nn::functional::linear(first, poolerWeight, poolerBias));
  return classifier_->forward(dropout_->forward(pooled)).squeeze(-1);
}

RerankerNetworkImpl::RerankerNetworkImpl(EncoderModule encoderModule, RerankerHead headModule)
    : encoder(register_module("encoder", std::move(encoderModule))),
      head(register_module("head", std::move(headModule))) {}

torch::Tensor RerankerNetworkImpl::forward(const torch::Tensor& inputIds,
                                           const torch::Tensor& attentionMask,
                                           const torch::Tensor& tokenTypeIds) {
  torch::Tensor types = tokenTypeIds;
  if (types.defined() && encoder->config().typeVocabSize <= 1) types = torch::zeros_like(types);
  const torch::Tensor hidden =
      encoder->forward(inputIds, attentionMask, types, head->readsFirstTokenOnly());
  torch::Tensor poolerWeight;
  torch::Tensor poolerBias;
  if (head->kind() == RerankerHeadImpl::Kind::Bert) {
    const auto parameters = encoder->named_parameters();
    poolerWeight = parameters["pooler.dense.weight"];
    poolerBias = parameters["pooler.dense.bias"];
  }
  return head->forward(hidden, attentionMask, poolerWeight, poolerBias);
}

torch::Tensor RerankerModel::Impl::logits(const BatchTensors& batch) const {
  return network->forward(batch.inputIds, batch.attentionMask, batch.tokenTypeIds)
      .to(torch::kFloat);
}

bool RerankerModel::isReranker(const std::filesystem::path& folderOrId,
                               const std::string& revision) {
  std::filesystem::path folder = folderOrId;
  try {
    folder = resolveModelFolder(folderOrId.string(), revision);  // a hub id in the cache
  } catch (const InputError&) {
    return false;
  }
  std::ifstream in(folder / "config.json");
  if (!in) return false;
  const nlohmann::json config = nlohmann::json::parse(in, nullptr, false);
  if (config.is_discarded() || !config.contains("architectures") ||
      !config["architectures"].is_array())
    return false;
  for (const auto& name : config["architectures"]) {
    constexpr std::string_view suffix = "ForSequenceClassification";
    if (!name.is_string()) continue;
    const std::string text = name.get<std::string>();
    if (text.size() > suffix.size() &&
        text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0)
      return true;
  }
  return false;
}

RerankerModel RerankerModel::load(const std::filesystem::path& folderOrId,
                                  const LoadOptions& options) {
  const std::filesystem::path folder =
      resolveModelFolder(folderOrId.string(), options.revision);  // or a hub id
  if (!isReranker(folder)) {
    throw InputError((folder / "config.json").string(),
                     "is not a reranker's: its \"architectures\" names no "
                     "...ForSequenceClassification model (a bi-encoder is evaluated with "
                     "--model; train-reranker can start a reranker from it)");
  }
  EmbeddingModel encoder = EmbeddingModel::load(folder, options);  // ignores classifier.*
  auto impl = std::make_shared<Impl>(std::move(encoder));
  EmbeddingModel::Impl& inner = impl->encoderModel.impl();
  const EncoderConfig& config = inner.config;
  const bool bertHead = RerankerHeadImpl::kindOf(config) == RerankerHeadImpl::Kind::Bert;
  if (bertHead && !inner.module->hasPooler()) {
    throw InputError(folder.string(),
                     "has no bert.pooler.dense tensors, which BERT's classification head needs");
  }
  if (config.raw.contains("num_labels") && config.raw["num_labels"] != 1) {
    throw InputError(
        (folder / "config.json").string(),
        "has num_labels " + config.raw["num_labels"].dump() + "; a reranker has one logit");
  }
  RerankerHead head(config);
  const Checkpoint checkpoint(folder);
  {
    torch::NoGradGuard noGrad;
    for (auto& item : head->named_parameters()) {
      // The head's parameters are named as in the checkpoint ("classifier.weight",
      // "classifier.out_proj.weight", "head.dense.weight", ...).
      const std::string& name = item.key();
      const TensorInfo* tensor = checkpoint.find(name);
      if (tensor == nullptr)
        throw InputError(folder.string(), "misses the classification head tensor " + name);
      if (tensor->shape != item.value().sizes().vec()) {
        throw InputError(folder.string(),
                         fmt::format("{} has shape [{}], expected [{}] (a reranker has one logit)",
                                     name, fmt::join(tensor->shape, ", "),
                                     fmt::join(item.value().sizes().vec(), ", ")));
      }
      const torch::Tensor source =
          torch::from_blob(const_cast<std::byte*>(checkpoint.data(*tensor)), tensor->shape,
                           torch::TensorOptions().dtype(scalarTypeOf(tensor->dtype)));
      item.value().copy_(source);
      impl->headDTypes[name] = tensor->dtype;
    }
  }
  impl->encoderPrefix = RerankerHeadImpl::encoderPrefix(config);
  impl->device = inner.device;
  head->to(impl->device);
  impl->network = RerankerNetwork(inner.module, head);
  impl->network->eval();
  return RerankerModel(std::move(impl));
}

namespace {

// A new one-logit head on `impl`'s encoder, initialised as Hugging Face initialises one.
void attachNewHead(RerankerModel::Impl& impl, std::uint64_t seed) {
  EmbeddingModel::Impl& inner = impl.encoderModel.impl();
  EncoderConfig& config = inner.config;
  config.raw["architectures"] = nlohmann::json::array({RerankerHeadImpl::architectureName(config)});
  config.raw["id2label"] = {{"0", "LABEL_0"}};
  config.raw["label2id"] = {{"LABEL_0", 0}};
  RerankerHead head(config);
  {
    torch::NoGradGuard noGrad;
    torch::manual_seed(seed + 1);
    for (auto& item : head->named_parameters()) {
      const std::string& name = item.key();
      if (name.size() > 5 && name.compare(name.size() - 5, 5, ".bias") == 0) {
        item.value().zero_();
      } else if (name == "head.norm.weight") {
        item.value().fill_(1.0);
      } else {
        item.value().normal_(0.0, config.initializerRange);
      }
      impl.headDTypes[name] = DType::F32;
    }
  }
  head->to(inner.device);
  impl.encoderPrefix = RerankerHeadImpl::encoderPrefix(config);
  impl.device = inner.device;
  impl.network = RerankerNetwork(inner.module, head);
  impl.network->eval();
}

}  // namespace

RerankerModel RerankerModel::createRandom(const RandomModelOptions& options,
                                          const std::filesystem::path& tokenizerFolder) {
  RandomModelOptions withPooler = options;
  withPooler.pooler = true;
  auto impl = std::make_shared<Impl>(EmbeddingModel::createRandom(withPooler, tokenizerFolder));
  attachNewHead(*impl, options.seed);
  return RerankerModel(std::move(impl));
}

RerankerModel RerankerModel::fromEncoder(const std::filesystem::path& folder, std::uint64_t seed,
                                         const LoadOptions& options) {
  auto impl = std::make_shared<Impl>(EmbeddingModel::load(folder, options));
  EmbeddingModel::Impl& inner = impl->encoderModel.impl();
  if (RerankerHeadImpl::kindOf(inner.config) == RerankerHeadImpl::Kind::Bert &&
      !inner.module->hasPooler()) {
    // BERT's head reads the pooler: a module with one, the checkpoint's weights copied in.
    EncoderModule withPooler = makeEncoder(inner.config, true);
    withPooler->initialize(seed);
    {
      torch::NoGradGuard noGrad;
      const auto source = inner.module->named_parameters();
      for (auto& item : withPooler->named_parameters()) {
        if (const torch::Tensor* found = source.find(item.key())) item.value().copy_(*found);
      }
    }
    withPooler->to(inner.device);
    inner.module = withPooler;
    inner.assembleNetwork();  // the network runs the module it holds
  }
  attachNewHead(*impl, seed);
  return RerankerModel(std::move(impl));
}

void RerankerModel::save(const std::filesystem::path& folder) const {
  std::filesystem::create_directories(folder);
  const EmbeddingModel::Impl& inner = impl_->encoderModel.impl();
  EncoderConfig config = inner.config;
  config.raw["architectures"] = nlohmann::json::array({RerankerHeadImpl::architectureName(config)});
  if (!config.raw.contains("id2label")) config.raw["id2label"] = {{"0", "LABEL_0"}};
  if (!config.raw.contains("label2id")) config.raw["label2id"] = {{"LABEL_0", 0}};
  config.save(folder / "config.json");
  std::vector<torch::Tensor> keepAlive;
  std::vector<TensorData> tensors = inner.checkpointTensors(impl_->encoderPrefix, keepAlive);
  for (const auto& item : impl_->network->head->named_parameters()) {
    const auto found = impl_->headDTypes.find(item.key());
    const DType dtype = found == impl_->headDTypes.end() ? DType::F32 : found->second;
    tensors.push_back(checkpointTensor(item.key(), item.value(), dtype, keepAlive));
  }
  writeSafetensors(folder / "model.safetensors", std::move(tensors));
  inner.copyTokenizerFiles(folder);
}

text::Encoding encodeRerankPair(const text::Tokenizer& tokenizer, const std::string& query,
                                const std::string& passage, std::size_t queryMaxLength,
                                std::size_t passageMaxLength) {
  text::TruncationOptions truncation;
  truncation.maxLength = queryMaxLength + passageMaxLength;
  truncation.strategy = text::TruncationStrategy::OnlySecond;
  truncation.firstMaxLength = queryMaxLength;
  return tokenizer.encodePair(query, passage, truncation);
}

std::vector<float> RerankerModel::score(const std::vector<TextPair>& pairs,
                                        const RerankOptions& options) const {
  std::vector<float> scores(pairs.size());
  if (pairs.empty()) return scores;
  const text::Tokenizer& tokenizer = impl_->encoderModel.tokenizer();
  const std::size_t limit = impl_->encoderModel.maxSequenceLength();
  const std::size_t queryLength = std::min(options.queryMaxLength, limit / 2);
  const std::size_t passageLength = std::min(options.passageMaxLength, limit - queryLength);
  std::vector<text::Encoding> encodings(pairs.size());
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    encodings[i] =
        encodeRerankPair(tokenizer, pairs[i].first, pairs[i].second, queryLength, passageLength);
  }
  std::vector<std::size_t> order(pairs.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return encodings[a].size() > encodings[b].size();
  });
  const std::size_t batchSize = std::max<std::size_t>(1, options.batchSize);
  torch::InferenceMode inference;
  for (std::size_t start = 0; start < order.size(); start += batchSize) {
    throwIfCancelled(options.cancel);
    const std::size_t end = std::min(order.size(), start + batchSize);
    std::vector<text::Encoding> batch;
    for (std::size_t i = start; i < end; ++i)
      batch.push_back(encodings[order[i]]);
    text::padEncodings(batch, tokenizer.padId(), std::nullopt, tokenizer.padToken());
    torch::Tensor logits = impl_->logits(toTensors(batch, impl_->device));
    if (options.normalize) logits = torch::sigmoid(logits);
    logits = logits.to(torch::kCPU).contiguous();
    const float* values = logits.data_ptr<float>();
    for (std::size_t i = start; i < end; ++i)
      scores[order[i]] = values[i - start];
    reportProgress(options.progress, end, order.size(), "pairs");
  }
  return scores;
}

const EncoderConfig& RerankerModel::config() const {
  return impl_->encoderModel.config();
}
const text::Tokenizer& RerankerModel::tokenizer() const {
  return impl_->encoderModel.tokenizer();
}

}  // namespace embedlab::model
