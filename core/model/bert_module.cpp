#include "core/model/torch/bert_module.h"

#include <torch/torch.h>

#include <cmath>

#include <limits>
#include "core/model/torch/autocast_scope.h"
#include "core/model/torch/rng_state.h"

namespace embedlab::model {

namespace {

// One layer run without keeping its activations: forward saves the input, the random state and
// the autocast settings; backward recomputes the layer from them (same dropout masks, same
// bf16/fp16 casts: autograd runs backward with autocast off, so without them the recomputation
// would be a float32 layer whose gradients differ from the forward pass's) and back-propagates
// through it.
class CheckpointedLayer : public torch::autograd::Function<CheckpointedLayer> {
 public:
  /// `additiveMask`: an empty tensor stands for "no mask" (a batch without padding), since a
  /// custom function's tensor inputs must be defined.
  static torch::Tensor forward(torch::autograd::AutogradContext* context, torch::Tensor hidden,
                               torch::Tensor additiveMask, std::int64_t layer) {
    if (additiveMask.numel() == 0) additiveMask = torch::Tensor();
    const RngState rng = captureRng(hidden.device());
    context->saved_data["layer"] = layer;
    context->saved_data["cpu_rng"] = rng.cpu;
    context->saved_data["device_rng"] =
        rng.accelerator.defined() ? rng.accelerator : torch::Tensor();
    context->saved_data["mask"] = additiveMask;
    const AutocastState autocast = AutocastState::current();
    context->saved_data["autocast_cpu"] = autocast.cpu;
    context->saved_data["autocast_cpu_type"] = static_cast<std::int64_t>(autocast.cpuType);
    context->saved_data["autocast_cuda"] = autocast.cuda;
    context->saved_data["autocast_cuda_type"] = static_cast<std::int64_t>(autocast.cudaType);
    context->save_for_backward({hidden});
    return reinterpret_cast<BertLayerImpl*>(layer)->forward(hidden, additiveMask);
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* context,
                                                 torch::autograd::variable_list gradients) {
    const torch::Tensor input = context->get_saved_variables()[0].detach().requires_grad_(true);
    auto* layer = reinterpret_cast<BertLayerImpl*>(context->saved_data["layer"].toInt());
    const torch::Tensor mask = context->saved_data["mask"].toTensor();
    RngState saved;
    saved.cpu = context->saved_data["cpu_rng"].toTensor();
    saved.accelerator = context->saved_data["device_rng"].toTensor();
    const RngState now = captureRng(input.device());
    restoreRng(saved, input.device());
    AutocastState autocast;
    autocast.cpu = context->saved_data["autocast_cpu"].toBool();
    autocast.cpuType =
        static_cast<torch::ScalarType>(context->saved_data["autocast_cpu_type"].toInt());
    autocast.cuda = context->saved_data["autocast_cuda"].toBool();
    autocast.cudaType =
        static_cast<torch::ScalarType>(context->saved_data["autocast_cuda_type"].toInt());
    torch::Tensor output;
    {
      torch::AutoGradMode enable(true);
      const AutocastRestore restore(autocast);
      output = layer->forward(input, mask);
    }
    restoreRng(now, input.device());
    torch::autograd::backward({output}, {gradients[0]});
    return {input.grad(), torch::Tensor(), torch::Tensor()};
  }
};

// An empty module that only groups children, so that parameter names follow Hugging Face's
// nesting ("encoder.layer.0.attention.self.query.weight").
std::shared_ptr<torch::nn::Module> group(torch::nn::Module& parent, const std::string& name) {
  return parent.register_module(name, std::make_shared<torch::nn::Module>());
}

torch::nn::LayerNorm layerNorm(std::int64_t size, double eps) {
  return torch::nn::LayerNorm(torch::nn::LayerNormOptions({size}).eps(eps));
}

}  // namespace

BertEmbeddingsImpl::BertEmbeddingsImpl(const EncoderConfig& config)
    : paddingOffsetPositions_(config.usesPaddingOffsetPositions()), padTokenId_(config.padTokenId) {
  wordEmbeddings =
      register_module("word_embeddings", torch::nn::Embedding(config.vocabSize, config.hiddenSize));
  positionEmbeddings = register_module(
      "position_embeddings", torch::nn::Embedding(config.maxPositionEmbeddings, config.hiddenSize));
  tokenTypeEmbeddings = register_module(
      "token_type_embeddings",
      torch::nn::Embedding(std::max<std::int64_t>(config.typeVocabSize, 1), config.hiddenSize));
  layerNorm = register_module("LayerNorm",
                              embedlab::model::layerNorm(config.hiddenSize, config.layerNormEps));
  dropout = register_module("dropout", torch::nn::Dropout(config.hiddenDropoutProb));
}

torch::Tensor BertEmbeddingsImpl::forward(const torch::Tensor& inputIds,
                                          const torch::Tensor& tokenTypeIds) {
  const std::int64_t length = inputIds.size(1);
  torch::Tensor positions;
  if (paddingOffsetPositions_) {
    // RoBERTa: positions count real tokens from padding_idx + 1; padding keeps padding_idx.
    const torch::Tensor notPadding = inputIds.ne(padTokenId_).to(torch::kLong);
    positions = torch::cumsum(notPadding, 1) * notPadding + padTokenId_;
  } else {
    positions = torch::arange(length, inputIds.options().dtype(torch::kLong)).unsqueeze(0);
  }
  const torch::Tensor types =
      tokenTypeIds.defined() ? tokenTypeIds : torch::zeros_like(inputIds, torch::kLong);
  torch::Tensor embedded =
      wordEmbeddings(inputIds) + tokenTypeEmbeddings(types) + positionEmbeddings(positions);
  return dropout(layerNorm(embedded));
}

BertLayerImpl::BertLayerImpl(const EncoderConfig& config)
    : heads_(config.numAttentionHeads),
      headSize_(config.hiddenSize / config.numAttentionHeads),
      activation_(config.hiddenAct) {
  const std::int64_t hidden = config.hiddenSize;
  auto attention = group(*this, "attention");
  auto self = group(*attention, "self");
  query_ = self->register_module("query", torch::nn::Linear(hidden, hidden));
  key_ = self->register_module("key", torch::nn::Linear(hidden, hidden));
  value_ = self->register_module("value", torch::nn::Linear(hidden, hidden));
  auto attentionOutput = group(*attention, "output");
  attentionDense_ = attentionOutput->register_module("dense", torch::nn::Linear(hidden, hidden));
  attentionLayerNorm_ =
      attentionOutput->register_module("LayerNorm", layerNorm(hidden, config.layerNormEps));
  auto intermediate = group(*this, "intermediate");
  intermediateDense_ =
      intermediate->register_module("dense", torch::nn::Linear(hidden, config.intermediateSize));
  auto output = group(*this, "output");
  outputDense_ =
      output->register_module("dense", torch::nn::Linear(config.intermediateSize, hidden));
  outputLayerNorm_ = output->register_module("LayerNorm", layerNorm(hidden, config.layerNormEps));
  attentionDropout_ =
      register_module("attention_dropout", torch::nn::Dropout(config.attentionProbsDropoutProb));
  hiddenDropout_ = register_module("hidden_dropout", torch::nn::Dropout(config.hiddenDropoutProb));
}

torch::Tensor BertLayerImpl::activation(const torch::Tensor& x) const {
  if (activation_ == "relu") return torch::relu(x);
  if (activation_ == "gelu") return torch::gelu(x);
  return torch::gelu(x, "tanh");  // gelu_new, gelu_pytorch_tanh
}

torch::Tensor BertLayerImpl::forward(const torch::Tensor& hidden,
                                     const torch::Tensor& additiveMask) {
  const std::int64_t batch = hidden.size(0);
  const std::int64_t length = hidden.size(1);
  // [batch, length, hidden] -> [batch * heads, length, head size], so that attention is two
  // batched matrix products (faster on CPU than 4-D matmul, measured in bench_encode).
  const auto heads = [&](const torch::Tensor& x) {
    return x.view({batch, length, heads_, headSize_})
        .transpose(1, 2)
        .reshape({batch * heads_, length, headSize_});
  };
  // Scaling q (length x head size) is cheaper than scaling the scores (length x length).
  const torch::Tensor q = heads(query_(hidden) * (1.0 / std::sqrt(static_cast<double>(headSize_))));
  const torch::Tensor k = heads(key_(hidden));
  const torch::Tensor v = heads(value_(hidden));
  torch::Tensor scores = torch::bmm(q, k.transpose(1, 2));
  if (additiveMask.defined()) {
    const torch::Tensor mask =
        additiveMask.expand({batch, heads_, 1, length}).reshape({batch * heads_, 1, length});
    if (scores.requires_grad()) {
      scores = scores + mask;
    } else {
      scores.add_(mask);  // inference: no autograd graph to keep intact
    }
  }
  const torch::Tensor probabilities = attentionDropout_(torch::softmax(scores, -1));
  const torch::Tensor context = torch::bmm(probabilities, v)
                                    .view({batch, heads_, length, headSize_})
                                    .transpose(1, 2)
                                    .reshape({batch, length, heads_ * headSize_});
  const torch::Tensor attended =
      attentionLayerNorm_(hiddenDropout_(attentionDense_(context)) + hidden);
  const torch::Tensor expanded = activation(intermediateDense_(attended));
  return outputLayerNorm_(hiddenDropout_(outputDense_(expanded)) + attended);
}

BertModelImpl::BertModelImpl(const EncoderConfig& config, bool withPooler)
    : config_(config), hasPooler_(withPooler) {
  embeddings = register_module("embeddings", BertEmbeddings(config));
  auto encoder = group(*this, "encoder");
  layers = encoder->register_module("layer", torch::nn::ModuleList());
  for (std::int64_t i = 0; i < config.numHiddenLayers; ++i)
    layers->push_back(BertLayer(config));
  if (withPooler) {
    auto pooler = group(*this, "pooler");
    pooler->register_module("dense", torch::nn::Linear(config.hiddenSize, config.hiddenSize));
  }
}

torch::Tensor BertModelImpl::forward(const torch::Tensor& inputIds,
                                     const torch::Tensor& attentionMask,
                                     const torch::Tensor& tokenTypeIds) {
  torch::Tensor hidden = embeddings(inputIds, tokenTypeIds);
  // (1 - mask) * lowest finite value of the dtype, as Hugging Face builds the extended mask.
  double lowest = std::numeric_limits<double>::lowest();
  switch (hidden.scalar_type()) {
    case torch::kFloat: lowest = std::numeric_limits<float>::lowest(); break;
    case torch::kHalf: lowest = -65504.0; break;
    case torch::kBFloat16: lowest = -3.3895313892515355e38; break;
    default: break;
  }
  // Batches without padding (common once batches are sorted by length) skip the mask.
  torch::Tensor additiveMask;
  if (attentionMask.eq(0).any().item<bool>()) {
    additiveMask =
        ((1.0 - attentionMask.to(hidden.scalar_type())) * lowest).unsqueeze(1).unsqueeze(2);
  }
  const bool checkpoint = gradientCheckpointing_ && is_training() && torch::GradMode::is_enabled();
  for (const auto& layer : *layers) {
    BertLayerImpl* impl = layer->as<BertLayer>();
    hidden = checkpoint
                 ? CheckpointedLayer::apply(
                       hidden,
                       additiveMask.defined() ? additiveMask : torch::empty({0}, hidden.options()),
                       reinterpret_cast<std::int64_t>(impl))
                 : impl->forward(hidden, additiveMask);
  }
  return hidden;
}

void initializeLikeHuggingFace(BertModelImpl& model, std::uint64_t seed) {
  torch::NoGradGuard noGrad;
  torch::manual_seed(seed);
  const double std = model.config().initializerRange;
  for (auto& item : model.named_parameters()) {
    const std::string& name = item.key();
    torch::Tensor& parameter = item.value();
    const bool layerNormParameter = name.find("LayerNorm") != std::string::npos;
    if (layerNormParameter) {
      parameter.fill_(name.size() > 7 && name.compare(name.size() - 7, 7, ".weight") == 0 ? 1.0
                                                                                          : 0.0);
    } else if (name.size() > 5 && name.compare(name.size() - 5, 5, ".bias") == 0) {
      parameter.zero_();
    } else {
      parameter.normal_(0.0, std);
    }
  }
  // Embeddings created with a padding_idx start with that row at zero (RoBERTa's position
  // embeddings have one too).
  model.embeddings->wordEmbeddings->weight[model.config().padTokenId].zero_();
  if (model.config().usesPaddingOffsetPositions()) {
    model.embeddings->positionEmbeddings->weight[model.config().padTokenId].zero_();
  }
}

}  // namespace embedlab::model
