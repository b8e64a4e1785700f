#include "core/train/torch/grad_cache.h"

#include <torch/torch.h>

#include "core/model/torch/autocast_scope.h"

namespace embedlab::train {

namespace {

torch::Tensor embedRows(const model::EmbeddingModel::Impl& model, const model::BatchTensors& batch,
                        std::int64_t start, std::int64_t count, const Precision& precision) {
  model::AutocastScope autocast(model.device, precision.fp16, precision.bf16);
  return model
      .embed(batch.inputIds.narrow(0, start, count), batch.attentionMask.narrow(0, start, count),
             batch.tokenTypeIds.narrow(0, start, count))
      .to(torch::kFloat);
}

}  // namespace

CachedEmbeddings embedWithoutGraph(const model::EmbeddingModel::Impl& model,
                                   const model::BatchTensors& batch, std::int64_t chunkSize,
                                   const Precision& precision) {
  torch::NoGradGuard noGrad;
  CachedEmbeddings cached;
  std::vector<torch::Tensor> chunks;
  const std::int64_t rows = batch.inputIds.size(0);
  for (std::int64_t start = 0; start < rows; start += chunkSize) {
    cached.rng.push_back(model::captureRng(model.device));
    chunks.push_back(embedRows(model, batch, start, std::min(chunkSize, rows - start), precision));
  }
  cached.embeddings = torch::cat(chunks, 0).requires_grad_(true);
  return cached;
}

void backwardThroughChunks(const model::EmbeddingModel::Impl& model,
                           const model::BatchTensors& batch, const CachedEmbeddings& cached,
                           std::int64_t chunkSize, const Precision& precision) {
  const torch::Tensor gradient = cached.embeddings.grad();
  const std::int64_t rows = batch.inputIds.size(0);
  const model::RngState after = model::captureRng(model.device);
  std::size_t chunk = 0;
  for (std::int64_t start = 0; start < rows; start += chunkSize, ++chunk) {
    const std::int64_t count = std::min(chunkSize, rows - start);
    model::restoreRng(cached.rng[chunk], model.device);
    const torch::Tensor embedded = embedRows(model, batch, start, count, precision);
    torch::autograd::backward({embedded}, {gradient.narrow(0, start, count)});
  }
  model::restoreRng(after, model.device);  // the stream continues as after the first pass
}

}  // namespace embedlab::train
