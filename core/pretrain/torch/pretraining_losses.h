// The two pre-training losses as tensor functions, apart from the task that batches texts for
// them (pretraining_task.cpp), so that tests can compute them on given inputs.
// - maskedLmLoss: BERT's masked language modelling, the mean cross-entropy of the MLM head's
//   vocabulary logits at the labelled positions (as transformers' ...ForMaskedLM computes it with
//   labels; the logits only where they count, the vocabulary projection being the costly part).
// - retroMaeDecoderStates: RetroMAE's one-layer decoder (retromae_masks.h): queries are the
//   encoder's [CLS] state placed at every position through the embeddings' position and norm
//   layers, keys and values that [CLS] state followed by the text's own token embeddings, each
//   row reading only the positions its attention row allows.
// INTERNAL to core (LibTorch types).
#pragma once

#include <torch/types.h>

#include "core/model/torch/bert_module.h"
#include "core/model/torch/masked_lm_model.h"

namespace embedlab::pretrain {

/// Mean cross-entropy (float32) over the positions of `labels` [batch, length] that are not
/// kIgnoredLabel, from the last hidden states [batch, length, hidden]; a zero that keeps the
/// graph when no position is labelled.
torch::Tensor maskedLmLoss(const model::MaskedLmModel& model, const torch::Tensor& hidden,
                           const torch::Tensor& labels);

/// The decoder's output states [batch, length, hidden]. `encoderHidden` is the encoder's last
/// hidden state of the masked input, `inputIds`/`tokenTypeIds` the unmasked text, `attention`
/// [batch, length, length] (nonzero: row may read column).
torch::Tensor retroMaeDecoderStates(model::BertModelImpl& encoder, model::BertLayerImpl& decoder,
                                    const torch::Tensor& encoderHidden,
                                    const torch::Tensor& inputIds,
                                    const torch::Tensor& tokenTypeIds,
                                    const torch::Tensor& attention);

}  // namespace embedlab::pretrain
