#include "core/pretrain/torch/pretraining_losses.h"

#include <torch/torch.h>

#include "core/pretrain/token_masking.h"

namespace embedlab::pretrain {

torch::Tensor maskedLmLoss(const model::MaskedLmModel& model, const torch::Tensor& hidden,
                           const torch::Tensor& labels) {
  const torch::Tensor flat = labels.reshape({-1});
  const torch::Tensor positions = flat.ne(kIgnoredLabel).nonzero().reshape({-1});
  if (positions.numel() == 0) return hidden.sum().to(torch::kFloat) * 0.0;
  const torch::Tensor logits = model.logitsAt(hidden, positions).to(torch::kFloat);
  return torch::nn::functional::cross_entropy(logits, flat.index_select(0, positions));
}

torch::Tensor retroMaeDecoderStates(model::BertModelImpl& encoder, model::BertLayerImpl& decoder,
                                    const torch::Tensor& encoderHidden,
                                    const torch::Tensor& inputIds,
                                    const torch::Tensor& tokenTypeIds,
                                    const torch::Tensor& attention) {
  const torch::Tensor sentence = encoderHidden.narrow(1, 0, 1);  // [B, 1, H]
  const torch::Tensor tokens = encoder.embeddings->forward(inputIds, tokenTypeIds);
  const torch::Tensor keyValue =
      torch::cat({sentence, tokens.narrow(1, 1, tokens.size(1) - 1).to(sentence.scalar_type())}, 1);
  const torch::Tensor query = encoder.embeddings->forwardVectors(sentence.expand_as(keyValue));
  model::LayerInputs inputs;
  const auto dtype = query.scalar_type();
  inputs.mask = torch::zeros(attention.sizes(), query.options())
                    .masked_fill(attention.eq(0), model::lowestValue(dtype))
                    .unsqueeze(1);
  return decoder.forwardCross(query, keyValue.to(dtype), inputs);
}

}  // namespace embedlab::pretrain
