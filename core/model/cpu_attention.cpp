#include "core/model/torch/cpu_attention.h"

#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/common/build_features.h"

#if EMBEDLAB_HAVE_ONEDNN
#include "core/model/torch/onednn_engine.h"
#endif

namespace embedlab::model {

#if EMBEDLAB_HAVE_ONEDNN

namespace {

using dnnl::memory;
using Dims = memory::dims;

// Scores of one task: a few passages' [passages, heads, length, length] floats, about this size,
// so that q k^T, softmax and p v find them in the core's L2 cache.
constexpr std::int64_t kScoreBytesPerTask = 512 * 1024;

// An additive term of the scores (mask or score bias) as a contiguous float tensor of shape
// [batch or 1, heads or 1, length or 1, length] (undefined for none), or nullopt when it has
// another shape.
std::optional<torch::Tensor> scoreTerm(const torch::Tensor& term, std::int64_t batch,
                                       std::int64_t heads, std::int64_t length) {
  if (!term.defined()) return torch::Tensor();
  if (term.dim() != 4 || !term.is_floating_point() || !term.device().is_cpu() ||
      term.requires_grad())
    return std::nullopt;
  const auto fits = [](std::int64_t size, std::int64_t full) { return size == 1 || size == full; };
  if (!fits(term.size(0), batch) || !fits(term.size(1), heads) || !fits(term.size(2), length) ||
      term.size(3) != length)
    return std::nullopt;
  return term.to(torch::kFloat).contiguous();
}

// The memory descriptor of the part of the mask for `passages` passages.
memory::desc termDesc(const torch::Tensor& term, std::int64_t passages) {
  const Dims dims = {term.size(0) == 1 ? 1 : passages, term.size(1), term.size(2), term.size(3)};
  return memory::desc(dims, memory::data_type::f32, memory::format_tag::abcd);
}

// The three primitives for tasks of `passages` passages.
struct AttentionPrimitives {
  dnnl::matmul scores;               // q k^T * scale + score bias + mask
  dnnl::softmax_v2_forward softmax;  // f32 scores -> probabilities in the input's type
  dnnl::matmul context;              // p v
  std::size_t scratchpadBytes = 0;
  bool fast = true;  // no reference kernel among them
};

struct Layout {
  memory::data_type type;  // of q, k, v and the result: f32 or bf16 (scores are f32)
  std::int64_t length, heads, headSize;
  std::int64_t qBatchStride, qRowStride, kBatchStride, kRowStride, vBatchStride, vRowStride;
};

// q [passages, heads, length, head size] read in place from [batch, length, hidden] rows.
memory::desc headsView(std::int64_t passages, const Layout& layout, std::int64_t batchStride,
                       std::int64_t rowStride) {
  return memory::desc({passages, layout.heads, layout.length, layout.headSize}, layout.type,
                      Dims{batchStride, layout.headSize, rowStride, 1});
}

// Scores (f32) or probabilities (the input's type) [passages, heads, length, length].
memory::desc scoresDesc(std::int64_t passages, const Layout& layout, memory::data_type type) {
  return memory::desc({passages, layout.heads, layout.length, layout.length}, type,
                      memory::format_tag::abcd);
}

// The same as rows [passages * heads * length, length], softmax's view.
memory::desc scoreRowsDesc(std::int64_t passages, const Layout& layout, memory::data_type type) {
  return memory::desc({passages * layout.heads * layout.length, layout.length}, type,
                      memory::format_tag::ab);
}

// The merged context [passages, length, hidden] written as [passages, heads, length, head size].
memory::desc contextDesc(std::int64_t passages, const Layout& layout) {
  const std::int64_t hidden = layout.heads * layout.headSize;
  return memory::desc({passages, layout.heads, layout.length, layout.headSize}, layout.type,
                      Dims{layout.length * hidden, layout.headSize, hidden, 1});
}

// k^T [passages, heads, head size, length]: the rows of k read column-wise.
memory::desc keysTransposedDesc(std::int64_t passages, const Layout& layout) {
  return memory::desc({passages, layout.heads, layout.headSize, layout.length}, layout.type,
                      Dims{layout.kBatchStride, layout.headSize, 1, layout.kRowStride});
}

AttentionPrimitives makePrimitives(std::int64_t passages, const Layout& layout,
                                   const torch::Tensor& scoreBias, const torch::Tensor& mask) {
  const memory::data_type f32 = memory::data_type::f32;
  const memory::desc q = headsView(passages, layout, layout.qBatchStride, layout.qRowStride);
  const memory::desc v = headsView(passages, layout, layout.vBatchStride, layout.vRowStride);

  dnnl::primitive_attr scoresAttributes;
  scoresAttributes.set_scratchpad_mode(dnnl::scratchpad_mode::user);
  scoresAttributes.set_output_scales(
      0, {static_cast<float>(1.0 / std::sqrt(static_cast<double>(layout.headSize)))});
  // The score bias is written into the scores beforehand and summed (oneDNN 2.6 has no fast
  // kernel for a binary post-op broadcast over passages but not heads); the mask is a binary add.
  dnnl::post_ops terms;
  if (scoreBias.defined()) terms.append_sum(1.0f);
  if (mask.defined()) terms.append_binary(dnnl::algorithm::binary_add, termDesc(mask, passages));
  scoresAttributes.set_post_ops(terms);
  const dnnl::matmul::primitive_desc scoresDescription(
      dnnl::matmul::desc(q, keysTransposedDesc(passages, layout),
                         scoresDesc(passages, layout, f32)),
      scoresAttributes, cpuEngine());

  dnnl::primitive_attr plain;
  plain.set_scratchpad_mode(dnnl::scratchpad_mode::user);
  const dnnl::softmax_v2_forward::primitive_desc softmaxDescription(
      dnnl::softmax_v2_forward::desc(
          dnnl::prop_kind::forward_inference, dnnl::algorithm::softmax_accurate,
          scoreRowsDesc(passages, layout, f32), scoreRowsDesc(passages, layout, layout.type), 1),
      plain, cpuEngine());
  const dnnl::matmul::primitive_desc contextDescription(
      dnnl::matmul::desc(scoresDesc(passages, layout, layout.type), v,
                         contextDesc(passages, layout)),
      plain, cpuEngine());

  AttentionPrimitives primitives{dnnl::matmul(scoresDescription),
                                 dnnl::softmax_v2_forward(softmaxDescription),
                                 dnnl::matmul(contextDescription)};
  primitives.scratchpadBytes = std::max({scoresDescription.scratchpad_desc().get_size(),
                                         softmaxDescription.scratchpad_desc().get_size(),
                                         contextDescription.scratchpad_desc().get_size()});
  primitives.fast = !isReferenceKernel(scoresDescription.impl_info_str()) &&
                    !isReferenceKernel(softmaxDescription.impl_info_str()) &&
                    !isReferenceKernel(contextDescription.impl_info_str());
  return primitives;
}

// Buffers a thread reuses from call to call (oneDNN scratchpad, scores, bf16 probabilities):
// allocating them per task
// would map and fault fresh pages each time.
std::vector<char>& threadBuffer(int which, std::size_t bytes) {
  thread_local std::vector<char> buffers[3];
  bytes = std::max<std::size_t>(bytes, 64);  // never a null pointer, even for no scratchpad
  if (buffers[which].size() < bytes) buffers[which].resize(bytes);
  return buffers[which];
}

}  // namespace

torch::Tensor cpuInferenceAttention(const torch::Tensor& q, const torch::Tensor& k,
                                    const torch::Tensor& v, std::int64_t heads,
                                    const LayerInputs& inputs) {
  static const bool switchedOff = [] {
    const char* value = std::getenv("EMBEDLAB_ONEDNN_ATTENTION");
    return value != nullptr && std::string(value) == "0";
  }();
  if (switchedOff) return {};
  const bool bf16 = q.scalar_type() == torch::kBFloat16;
  for (const torch::Tensor* x : {&q, &k, &v}) {
    if (x->dim() != 3 || x->scalar_type() != q.scalar_type() || !x->device().is_cpu() ||
        x->requires_grad() || x->stride(2) != 1 || x->sizes() != q.sizes() ||
        !(bf16 || x->scalar_type() == torch::kFloat))
      return {};
  }
  const std::int64_t batch = q.size(0);
  const std::int64_t length = q.size(1);
  const std::int64_t hidden = q.size(2);
  if (heads <= 0 || hidden % heads != 0 || batch == 0 || length == 0) return {};
  std::optional<torch::Tensor> scoreBias = scoreTerm(inputs.scoreBias, batch, heads, length);
  if (scoreBias && scoreBias->defined()) {  // copied per passage: every head, query and key
    scoreBias = scoreBias->expand({scoreBias->size(0), heads, length, length}).contiguous();
  }
  const std::optional<torch::Tensor> mask = scoreTerm(inputs.mask, batch, heads, length);
  if (!scoreBias || !mask) return {};

  const Layout layout{bf16 ? memory::data_type::bf16 : memory::data_type::f32,
                      length,
                      heads,
                      hidden / heads,
                      q.stride(0),
                      q.stride(1),
                      k.stride(0),
                      k.stride(1),
                      v.stride(0),
                      v.stride(1)};
  const std::int64_t scoreCount = heads * length * length;  // of one passage
  const std::int64_t perTask = std::clamp<std::int64_t>(
      kScoreBytesPerTask / (scoreCount * std::int64_t(sizeof(float))), 1, batch);
  const std::int64_t remainder = batch % perTask;
  AttentionPrimitives full = makePrimitives(perTask, layout, *scoreBias, *mask);
  std::optional<AttentionPrimitives> last;
  if (remainder > 0) last = makePrimitives(remainder, layout, *scoreBias, *mask);
  if (!full.fast || (last && !last->fast)) return {};

  RECORD_FUNCTION("embedlab::cpu_attention", std::vector<c10::IValue>());  // for --profile traces
  torch::Tensor out = torch::empty({batch, length, hidden}, q.options());
  const auto* qData = static_cast<const char*>(q.data_ptr());
  const auto* kData = static_cast<const char*>(k.data_ptr());
  const auto* vData = static_cast<const char*>(v.data_ptr());
  auto* outData = static_cast<char*>(out.data_ptr());
  const std::int64_t element = q.element_size();
  const std::int64_t tasks = (batch + perTask - 1) / perTask;
  // Each task runs its primitives on one thread: oneDNN does not nest threads inside a parallel
  // region.
  at::parallel_for(0, tasks, 1, [&](std::int64_t begin, std::int64_t end) {
    dnnl::stream stream(cpuEngine());
    for (std::int64_t task = begin; task < end; ++task) {
      const std::int64_t first = task * perTask;
      const std::int64_t passages = std::min(perTask, batch - first);
      const AttentionPrimitives& primitives = passages == perTask ? full : *last;
      const std::size_t scoreSize = std::size_t(passages * scoreCount);
      char* scratchpad = threadBuffer(0, primitives.scratchpadBytes).data();
      auto* scores = reinterpret_cast<float*>(threadBuffer(1, scoreSize * sizeof(float)).data());
      // Probabilities: in place over the scores in float32, a buffer of their own in bf16.
      void* probabilities = bf16 ? static_cast<void*>(threadBuffer(2, scoreSize * 2).data())
                                 : static_cast<void*>(scores);
      const auto view = [&](const memory::desc& desc, const void* data) {
        return memory(desc, cpuEngine(), const_cast<void*>(data));
      };
      const memory scratchpadMemory =
          view(memory::desc({std::int64_t(primitives.scratchpadBytes)}, memory::data_type::u8,
                            memory::format_tag::a),
               scratchpad);
      std::unordered_map<int, memory> scoresArguments = {
          {DNNL_ARG_SRC, view(headsView(passages, layout, layout.qBatchStride, layout.qRowStride),
                              qData + first * layout.qBatchStride * element)},
          {DNNL_ARG_WEIGHTS, view(keysTransposedDesc(passages, layout),
                                  kData + first * layout.kBatchStride * element)},
          {DNNL_ARG_DST, view(scoresDesc(passages, layout, memory::data_type::f32), scores)},
          {DNNL_ARG_SCRATCHPAD, scratchpadMemory}};
      if (scoreBias->defined()) {
        // Each passage's scores start as its bias (summed by the product's first post-op).
        for (std::int64_t p = 0; p < passages; ++p) {
          const std::int64_t offset = scoreBias->size(0) == 1 ? 0 : (first + p) * scoreCount;
          std::copy_n(scoreBias->data_ptr<float>() + offset, scoreCount, scores + p * scoreCount);
        }
      }
      if (mask->defined()) {
        const std::int64_t offset = mask->size(0) == 1 ? 0 : first * mask->stride(0);
        scoresArguments.emplace(
            DNNL_ARG_ATTR_MULTIPLE_POST_OP(scoreBias->defined() ? 1 : 0) | DNNL_ARG_SRC_1,
            view(termDesc(*mask, passages), mask->data_ptr<float>() + offset));
      }
      primitives.scores.execute(stream, scoresArguments);
      primitives.softmax.execute(
          stream,
          {{DNNL_ARG_SRC, view(scoreRowsDesc(passages, layout, memory::data_type::f32), scores)},
           {DNNL_ARG_DST, view(scoreRowsDesc(passages, layout, layout.type), probabilities)},
           {DNNL_ARG_SCRATCHPAD, scratchpadMemory}});
      primitives.context.execute(
          stream, {{DNNL_ARG_SRC, view(scoresDesc(passages, layout, layout.type), probabilities)},
                   {DNNL_ARG_WEIGHTS,
                    view(headsView(passages, layout, layout.vBatchStride, layout.vRowStride),
                         vData + first * layout.vBatchStride * element)},
                   {DNNL_ARG_DST, view(contextDesc(passages, layout),
                                       outData + first * length * hidden * element)},
                   {DNNL_ARG_SCRATCHPAD, scratchpadMemory}});
    }
    stream.wait();
  });
  return out;
}

#else

torch::Tensor cpuInferenceAttention(const torch::Tensor&, const torch::Tensor&,
                                    const torch::Tensor&, std::int64_t, const LayerInputs&) {
  return {};  // no oneDNN in this build: ATen computes attention
}

#endif

}  // namespace embedlab::model
