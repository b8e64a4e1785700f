#include "core/model/torch/encoder_module.h"

#include <torch/torch.h>

#include <cmath>
#include <limits>

#include "core/common/error.h"
#include "core/model/torch/autocast_scope.h"
#include "core/model/torch/bert_module.h"
#include "core/model/torch/cpu_attention.h"
#include "core/model/torch/modernbert_module.h"
#include "core/model/torch/mpnet_module.h"
#include "core/model/torch/rng_state.h"

namespace embedlab::model {

namespace {

torch::Tensor orEmpty(const torch::Tensor& tensor, const torch::Tensor& like) {
  return tensor.defined() ? tensor : torch::empty({0}, like.options());
}

torch::Tensor orUndefined(const torch::Tensor& tensor) {
  return tensor.numel() == 0 ? torch::Tensor() : tensor;
}

// One layer run without keeping its activations: forward saves the input, the random state and
// the autocast settings; backward recomputes the layer from them (same dropout masks, same
// bf16/fp16 casts: autograd runs backward with autocast off, so without them the recomputation
// would be a float32 layer whose gradients differ from the forward pass's) and back-propagates
// through it, into the hidden states and (MPNet) the shared position bias.
class CheckpointedLayer : public torch::autograd::Function<CheckpointedLayer> {
 public:
  /// Undefined LayerInputs travel as empty tensors: a custom function's inputs must be defined.
  static torch::Tensor forward(torch::autograd::AutogradContext* context, torch::Tensor hidden,
                               torch::Tensor mask, torch::Tensor scoreBias, torch::Tensor cos,
                               torch::Tensor sin, std::int64_t layer) {
    const RngState rng = captureRng(hidden.device());
    context->saved_data["layer"] = layer;
    context->saved_data["cpu_rng"] = rng.cpu;
    context->saved_data["device_rng"] =
        rng.accelerator.defined() ? rng.accelerator : torch::Tensor();
    context->saved_data["mask"] = mask;
    context->saved_data["cos"] = cos;
    context->saved_data["sin"] = sin;
    const AutocastState autocast = AutocastState::current();
    context->saved_data["autocast_cpu"] = autocast.cpu;
    context->saved_data["autocast_cpu_type"] = static_cast<std::int64_t>(autocast.cpuType);
    context->saved_data["autocast_cuda"] = autocast.cuda;
    context->saved_data["autocast_cuda_type"] = static_cast<std::int64_t>(autocast.cudaType);
    context->save_for_backward({hidden, scoreBias});
    LayerInputs inputs{orUndefined(mask), orUndefined(scoreBias), orUndefined(cos),
                       orUndefined(sin)};
    return reinterpret_cast<EncoderLayerImpl*>(layer)->forward(hidden, inputs);
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* context,
                                                 torch::autograd::variable_list gradients) {
    const auto saved = context->get_saved_variables();
    const torch::Tensor input = saved[0].detach().requires_grad_(true);
    torch::Tensor scoreBias = saved[1].detach();
    const bool biasGradient = scoreBias.numel() > 0 && context->needs_input_grad(2);
    if (biasGradient) scoreBias.requires_grad_(true);
    auto* layer = reinterpret_cast<EncoderLayerImpl*>(context->saved_data["layer"].toInt());
    LayerInputs inputs{orUndefined(context->saved_data["mask"].toTensor()), orUndefined(scoreBias),
                       orUndefined(context->saved_data["cos"].toTensor()),
                       orUndefined(context->saved_data["sin"].toTensor())};
    RngState savedRng;
    savedRng.cpu = context->saved_data["cpu_rng"].toTensor();
    savedRng.accelerator = context->saved_data["device_rng"].toTensor();
    const RngState now = captureRng(input.device());
    restoreRng(savedRng, input.device());
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
      output = layer->forward(input, inputs);
    }
    restoreRng(now, input.device());
    torch::autograd::backward({output}, {gradients[0]});
    return {input.grad(),    torch::Tensor(), biasGradient ? scoreBias.grad() : torch::Tensor(),
            torch::Tensor(), torch::Tensor(), torch::Tensor()};
  }
};

}  // namespace

std::shared_ptr<torch::nn::Module> groupModule(torch::nn::Module& parent, const std::string& name) {
  return parent.register_module(name, std::make_shared<torch::nn::Module>());
}

void EncoderModuleImpl::addPooler() {
  auto pooler = groupModule(*this, "pooler");
  pooler->register_module("dense", torch::nn::Linear(config_.hiddenSize, config_.hiddenSize));
  hasPooler_ = true;
}

torch::Tensor EncoderModuleImpl::runLayer(EncoderLayerImpl& layer, const torch::Tensor& hidden,
                                          const LayerInputs& inputs) {
  if (!(gradientCheckpointing_ && is_training() && torch::GradMode::is_enabled()))
    return layer.forward(hidden, inputs);
  return CheckpointedLayer::apply(hidden, orEmpty(inputs.mask, hidden),
                                  orEmpty(inputs.scoreBias, hidden), orEmpty(inputs.cos, hidden),
                                  orEmpty(inputs.sin, hidden),
                                  reinterpret_cast<std::int64_t>(&layer));
}

torch::Tensor EncoderModuleImpl::runLayers(torch::nn::ModuleList& layers, torch::Tensor hidden,
                                           const LayerInputs& inputs, bool firstTokenOnly) {
  const std::size_t count = layers->size();
  for (std::size_t i = 0; i < count; ++i) {
    auto& layer = *layers[i]->as<EncoderLayerImpl>();
    hidden = firstTokenOnly && i + 1 == count ? layer.forwardFirstToken(hidden, inputs)
                                              : runLayer(layer, hidden, inputs);
  }
  if (firstTokenOnly && count == 0) hidden = hidden.narrow(1, 0, 1);
  return hidden;
}

EncoderModule makeEncoder(const EncoderConfig& config, bool withPooler) {
  if (config.isModernBert()) {
    if (withPooler) throw InputError("config.json", "ModernBERT has no pooler");
    return std::make_shared<ModernBertModelImpl>(config);
  }
  if (config.isMpnet()) return std::make_shared<MpnetModelImpl>(config, withPooler);
  return std::make_shared<BertModelImpl>(config, withPooler);
}

double lowestValue(torch::ScalarType dtype) {
  switch (dtype) {
    case torch::kFloat: return std::numeric_limits<float>::lowest();
    case torch::kHalf: return -65504.0;
    case torch::kBFloat16: return -3.3895313892515355e38;
    default: return std::numeric_limits<double>::lowest();
  }
}

torch::Tensor additivePaddingMask(const torch::Tensor& attentionMask, torch::ScalarType dtype) {
  if (!attentionMask.eq(0).any().item<bool>()) return {};
  // (1 - mask) * lowest, as transformers builds the extended attention mask.
  return ((1.0 - attentionMask.to(dtype)) * lowestValue(dtype)).unsqueeze(1).unsqueeze(2);
}

NormImpl::NormImpl(std::int64_t size, double eps, bool withBias) : size_(size), eps_(eps) {
  weight = register_parameter("weight", torch::ones({size}));
  if (withBias) bias = register_parameter("bias", torch::zeros({size}));
}

torch::Tensor NormImpl::forward(const torch::Tensor& x) {
  if (x.scalar_type() == weight.scalar_type() && x.scalar_type() != torch::kBFloat16)
    return torch::layer_norm(x, {size_}, weight, bias, eps_);
  // bfloat16 inputs (with bfloat16 weights, or float32 ones under autocast, which ATen 1.13's
  // layer_norm refuses to mix): normalised in float32, returned in the input's dtype.
  const torch::Tensor floatBias = bias.defined() ? bias.to(torch::kFloat) : torch::Tensor();
  return torch::layer_norm(x.to(torch::kFloat), {size_}, weight.to(torch::kFloat), floatBias, eps_)
      .to(x.scalar_type());
}

torch::Tensor multiHeadAttention(const torch::Tensor& q, const torch::Tensor& k,
                                 const torch::Tensor& v, std::int64_t heads,
                                 const LayerInputs& inputs, Dropout& dropout) {
  if (!dropout->is_training() || dropout->probability() == 0) {
    if (torch::Tensor fused = cpuInferenceAttention(q, k, v, heads, inputs); fused.defined())
      return fused;
  }
  return batchedMatmulAttention(q, k, v, heads, inputs, dropout);
}

torch::Tensor batchedMatmulAttention(const torch::Tensor& q, const torch::Tensor& k,
                                     const torch::Tensor& v, std::int64_t heads,
                                     const LayerInputs& inputs, Dropout& dropout) {
  const std::int64_t batch = q.size(0);
  const std::int64_t length = q.size(1);  // of the queries; keys may have another
  const std::int64_t keyLength = k.size(1);
  const std::int64_t headSize = q.size(2) / heads;
  // [batch, rows, hidden] -> [batch * heads, rows, head size].
  const auto split = [&](const torch::Tensor& x) {
    return x.reshape({batch, x.size(1), heads, headSize})
        .transpose(1, 2)
        .reshape({batch * heads, x.size(1), headSize});
  };
  // Scaling q (length x head size) is cheaper than scaling the scores (length x length).
  const torch::Tensor scaledQ = split(q * (1.0 / std::sqrt(static_cast<double>(headSize))));
  torch::Tensor scores = torch::bmm(scaledQ, split(k).transpose(1, 2));
  if (inputs.mask.defined() || inputs.scoreBias.defined()) {
    torch::Tensor grid = scores.view({batch, heads, length, keyLength});
    const bool inPlace =
        !grid.requires_grad() && !(inputs.scoreBias.defined() && inputs.scoreBias.requires_grad());
    for (const torch::Tensor* term : {&inputs.scoreBias, &inputs.mask}) {
      if (!term->defined()) continue;
      if (inPlace) {
        grid.add_(*term);  // inference: no autograd graph to keep intact
      } else {
        grid = grid + *term;
      }
    }
    scores = grid.view({batch * heads, length, keyLength});
  }
  const torch::Tensor probabilities = dropout(torch::softmax(scores, -1));
  return torch::bmm(probabilities, split(v))
      .view({batch, heads, length, headSize})
      .transpose(1, 2)
      .reshape({batch, length, heads * headSize});
}

Activation activationNamed(const std::string& name) {
  if (name == "relu") return Activation::Relu;
  if (name == "gelu") return Activation::Gelu;
  return Activation::GeluTanh;  // gelu_new, gelu_pytorch_tanh
}

torch::Tensor activate(const std::string& name, const torch::Tensor& x) {
  switch (activationNamed(name)) {
    case Activation::None: return x;
    case Activation::Relu: return torch::relu(x);
    case Activation::Gelu: return torch::gelu(x);
    case Activation::GeluTanh: return torch::gelu(x, "tanh");
  }
  return x;
}

}  // namespace embedlab::model
