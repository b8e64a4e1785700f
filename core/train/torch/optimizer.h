// The optimiser of a run: AdamW with decoupled weight decay on weight matrices and embeddings and
// none on biases and norm weights (the 1-D parameters, as the reference), over every parameter the
// task did not freeze (the bi-encoder task freezes BERT's pooler, which embeddings never read).
// Its CPU step is fused (fused_adamw.h).
// INTERNAL to core (LibTorch types).
#pragma once

#include <torch/optim/adamw.h>

#include <memory>
#include <vector>

#include "core/model/torch/bert_module.h"
#include "core/train/training_options.h"

namespace embedlab::train {

std::unique_ptr<torch::optim::AdamW> makeAdamW(torch::nn::Module& module,
                                               const TrainingOptions& options);

/// The parameters the optimiser updates, in a fixed order: all of `module`'s that require a
/// gradient (a reranker's pooler trains with its head; a bi-encoder's is frozen).
std::vector<torch::Tensor> trainableParameters(torch::nn::Module& module);

/// Sets the learning rate of every parameter group.
void setLearningRate(torch::optim::Optimizer& optimizer, double rate);

}  // namespace embedlab::train
