#include "core/model/torch/bert_module.h"

#include <torch/torch.h>

namespace embedlab::model {

namespace {

Norm layerNorm(std::int64_t size, double eps) {
  return Norm(size, eps, true);
}

bool endsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

BertEmbeddingsImpl::BertEmbeddingsImpl(const EncoderConfig& config)
    : paddingOffsetPositions_(config.usesPaddingOffsetPositions()),
      padTokenId_(config.positionPaddingId()) {
  wordEmbeddings =
      register_module("word_embeddings", torch::nn::Embedding(config.vocabSize, config.hiddenSize));
  positionEmbeddings = register_module(
      "position_embeddings", torch::nn::Embedding(config.maxPositionEmbeddings, config.hiddenSize));
  if (config.typeVocabSize > 0) {
    tokenTypeEmbeddings = register_module(
        "token_type_embeddings", torch::nn::Embedding(config.typeVocabSize, config.hiddenSize));
  }
  layerNorm = register_module("LayerNorm",
                              embedlab::model::layerNorm(config.hiddenSize, config.layerNormEps));
  dropout = register_module("dropout", Dropout(config.hiddenDropoutProb));
}

torch::Tensor BertEmbeddingsImpl::forward(const torch::Tensor& inputIds,
                                          const torch::Tensor& tokenTypeIds) {
  const std::int64_t length = inputIds.size(1);
  torch::Tensor positions;
  if (paddingOffsetPositions_) {
    // RoBERTa, MPNet: positions count real tokens from padding_idx + 1; padding keeps
    // padding_idx.
    const torch::Tensor notPadding = inputIds.ne(padTokenId_).to(torch::kLong);
    positions = torch::cumsum(notPadding, 1) * notPadding + padTokenId_;
  } else {
    positions = torch::arange(length, inputIds.options().dtype(torch::kLong)).unsqueeze(0);
  }
  torch::Tensor embedded = wordEmbeddings(inputIds) + positionEmbeddings(positions);
  if (tokenTypeEmbeddings) {
    const torch::Tensor types =
        tokenTypeIds.defined() ? tokenTypeIds : torch::zeros_like(inputIds, torch::kLong);
    embedded = embedded + tokenTypeEmbeddings(types);
  }
  return dropout(layerNorm(embedded));
}

torch::Tensor BertEmbeddingsImpl::forwardVectors(const torch::Tensor& vectors) {
  const std::int64_t offset = paddingOffsetPositions_ ? padTokenId_ + 1 : 0;
  const torch::Tensor positions =
      torch::arange(offset, offset + vectors.size(1),
                    torch::TensorOptions().dtype(torch::kLong).device(vectors.device()))
          .unsqueeze(0);
  torch::Tensor embedded = vectors + positionEmbeddings(positions);
  if (tokenTypeEmbeddings) embedded = embedded + tokenTypeEmbeddings->weight[0];
  return dropout(layerNorm(embedded));
}

BertLayerImpl::BertLayerImpl(const EncoderConfig& config)
    : heads_(config.numAttentionHeads), activation_(config.hiddenAct) {
  const std::int64_t hidden = config.hiddenSize;
  auto attention = groupModule(*this, "attention");
  if (config.isMpnet()) {
    // MPNet: attention.attn.{q,k,v,o}, attention.LayerNorm.
    auto attn = groupModule(*attention, "attn");
    query_ = attn->register_module("q", Linear(hidden, hidden));
    key_ = attn->register_module("k", Linear(hidden, hidden));
    value_ = attn->register_module("v", Linear(hidden, hidden));
    attentionDense_ = attn->register_module("o", Linear(hidden, hidden));
    attentionLayerNorm_ =
        attention->register_module("LayerNorm", layerNorm(hidden, config.layerNormEps));
  } else {
    // BERT: attention.self.{query,key,value}, attention.output.{dense,LayerNorm}.
    auto self = groupModule(*attention, "self");
    query_ = self->register_module("query", Linear(hidden, hidden));
    key_ = self->register_module("key", Linear(hidden, hidden));
    value_ = self->register_module("value", Linear(hidden, hidden));
    auto attentionOutput = groupModule(*attention, "output");
    attentionDense_ = attentionOutput->register_module("dense", Linear(hidden, hidden));
    attentionLayerNorm_ =
        attentionOutput->register_module("LayerNorm", layerNorm(hidden, config.layerNormEps));
  }
  auto intermediate = groupModule(*this, "intermediate");
  intermediateDense_ =
      intermediate->register_module("dense", Linear(hidden, config.intermediateSize));
  auto output = groupModule(*this, "output");
  outputDense_ = output->register_module("dense", Linear(config.intermediateSize, hidden));
  outputLayerNorm_ = output->register_module("LayerNorm", layerNorm(hidden, config.layerNormEps));
  attentionDropout_ =
      register_module("attention_dropout", Dropout(config.attentionProbsDropoutProb));
  hiddenDropout_ = register_module("hidden_dropout", Dropout(config.hiddenDropoutProb));
}

torch::Tensor BertLayerImpl::forward(const torch::Tensor& hidden, const LayerInputs& inputs) {
  return forwardCross(hidden, hidden, inputs);
}

torch::Tensor BertLayerImpl::forwardCross(const torch::Tensor& query, const torch::Tensor& keyValue,
                                          const LayerInputs& inputs) {
  if (queryKeyValueInt8_ && query.is_same(keyValue)) return forwardInt8(query, inputs);
  const torch::Tensor context = multiHeadAttention(query_(query), key_(keyValue), value_(keyValue),
                                                   heads_, inputs, attentionDropout_);
  const torch::Tensor attended =
      attentionLayerNorm_(hiddenDropout_(attentionDense_(context)) + query);
  const torch::Tensor expanded = intermediateDense_->forwardActivated(attended, activation_);
  return outputLayerNorm_(hiddenDropout_(outputDense_(expanded)) + attended);
}

torch::Tensor BertLayerImpl::forwardFirstToken(const torch::Tensor& hidden,
                                               const LayerInputs& inputs) {
  // Score terms with a row per query (MPNet's position bias, a full mask) keep the first row.
  const auto firstRow = [](const torch::Tensor& term) {
    return term.defined() && term.size(2) > 1 ? term.narrow(2, 0, 1) : term;
  };
  LayerInputs first = inputs;
  first.mask = firstRow(inputs.mask);
  first.scoreBias = firstRow(inputs.scoreBias);
  return forwardCross(hidden.narrow(1, 0, 1), hidden, first);
}

void BertLayerImpl::combineInt8Layers() {
  if (!query_->int8() || !key_->int8() || !value_->int8() || !attentionDense_->int8() ||
      !intermediateDense_->int8() || !outputDense_->int8()) {
    return;
  }
  queryKeyValueInt8_ = std::make_shared<const Int8Linear>(
      Int8Linear::stacked({query_->int8(), key_->int8(), value_->int8()}));
}

namespace {

// The int8 epilogue (int8_linear.h) that adds `residual` and normalises with `norm`.
Int8Epilogue residualAndNorm(const torch::Tensor& residual, const Norm& norm) {
  Int8Epilogue epilogue;
  epilogue.residual = residual;
  epilogue.normWeight = norm->weight.detach();
  if (norm->bias.defined()) epilogue.normBias = norm->bias.detach();
  epilogue.normEps = norm->eps();
  return epilogue;
}

}  // namespace

torch::Tensor BertLayerImpl::forwardInt8(const torch::Tensor& hidden, const LayerInputs& inputs) {
  const std::int64_t size = hidden.size(-1);
  const torch::Tensor rows = hidden.reshape({-1, size}).to(torch::kFloat).contiguous();
  const torch::Tensor queryKeyValue =
      queryKeyValueInt8_->forward(quantizedRows(rows), Int8Epilogue{})
          .rows.view({hidden.size(0), hidden.size(1), -1});
  const torch::Tensor context = multiHeadAttention(
      queryKeyValue.narrow(2, 0, size), queryKeyValue.narrow(2, size, size),
      queryKeyValue.narrow(2, 2 * size, size), heads_, inputs, attentionDropout_);
  Int8Epilogue attentionEpilogue = residualAndNorm(rows, attentionLayerNorm_);
  attentionEpilogue.quantize = true;  // the feed-forward block reads it in int8
  const Int8Output attended = attentionDense_->int8()->forward(
      quantizedRows(context.reshape({-1, size})), attentionEpilogue);
  Int8Epilogue expand;
  expand.activation = activationNamed(activation_);
  expand.quantize = true;  // only the output projection reads the expanded rows
  const Int8Output expanded = intermediateDense_->int8()->forward(attended.quantized, expand);
  return outputDense_->int8()
      ->forward(expanded.quantized, residualAndNorm(attended.rows, outputLayerNorm_))
      .rows.view(hidden.sizes());
}

BertModelImpl::BertModelImpl(const EncoderConfig& config, bool withPooler)
    : EncoderModuleImpl(config) {
  embeddings = register_module("embeddings", BertEmbeddings(config));
  auto encoder = groupModule(*this, "encoder");
  layers = encoder->register_module("layer", torch::nn::ModuleList());
  for (std::int64_t i = 0; i < config.numHiddenLayers; ++i)
    layers->push_back(BertLayer(config));
  if (withPooler) addPooler();
}

torch::Tensor BertModelImpl::forward(const torch::Tensor& inputIds,
                                     const torch::Tensor& attentionMask,
                                     const torch::Tensor& tokenTypeIds, bool firstTokenOnly) {
  const torch::Tensor hidden = embeddings(inputIds, tokenTypeIds);
  LayerInputs inputs;
  inputs.mask = additivePaddingMask(attentionMask, hidden.scalar_type());
  return runLayers(layers, hidden, inputs, firstTokenOnly);
}

void initializeBertStyle(torch::nn::Module& module, double std, std::uint64_t seed) {
  torch::NoGradGuard noGrad;
  torch::manual_seed(seed);
  for (auto& item : module.named_parameters()) {
    const std::string& name = item.key();
    torch::Tensor& parameter = item.value();
    if (name.find("LayerNorm") != std::string::npos) {
      parameter.fill_(endsWith(name, ".weight") ? 1.0 : 0.0);
    } else if (endsWith(name, ".bias")) {
      parameter.zero_();
    } else {
      parameter.normal_(0.0, std);
    }
  }
}

void BertModelImpl::initialize(std::uint64_t seed) {
  initializeBertStyle(*this, config_.initializerRange, seed);
  torch::NoGradGuard noGrad;
  // Embeddings created with a padding_idx start with that row at zero (RoBERTa's position
  // embeddings have one too).
  embeddings->wordEmbeddings->weight[config_.padTokenId].zero_();
  if (config_.usesPaddingOffsetPositions())
    embeddings->positionEmbeddings->weight[config_.positionPaddingId()].zero_();
}

}  // namespace embedlab::model
