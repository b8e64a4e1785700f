#include "core/model/torch/int8_linear.h"

#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>

#include "core/common/build_features.h"
#include "core/model/activation_kernels.h"

#if defined(__x86_64__)
#include <immintrin.h>
#define EMBEDLAB_X86_64 1
#endif

#if EMBEDLAB_HAVE_ONEDNN
#include "core/model/torch/onednn_engine.h"
#endif

namespace embedlab::model {

namespace {

// --- the per-row passes (vectorised for AVX-512, where oneDNN's int8 kernels run) ---

void quantizeRowPortable(const float* x, std::int64_t n, std::int8_t* q, float* scale) {
  float largest = 0;
  for (std::int64_t k = 0; k < n; ++k)
    largest = std::max(largest, std::fabs(x[k]));
  *scale = largest > 0 ? largest / 127.0f : 1.0f;
  const float inverse = 1.0f / *scale;
  for (std::int64_t k = 0; k < n; ++k)
    q[k] = static_cast<std::int8_t>(std::clamp(std::nearbyint(x[k] * inverse), -127.0f, 127.0f));
}

// row = activation(row * (rowScale * columnScales) + bias) (+ residual when not null), in place.
void rescaleRowPortable(float* row, std::int64_t n, float rowScale, const float* columnScales,
                        const float* bias, const float* residual, Activation activation) {
  for (std::int64_t k = 0; k < n; ++k) {
    row[k] = activateScalar(activation, row[k] * (rowScale * columnScales[k]) + bias[k]);
    if (residual) row[k] += residual[k];
  }
}

// LayerNorm of a row in place: (x - mean) / sqrt(variance + eps) * weight (+ bias), the
// variance from the centred values (two passes over the row, which is in cache).
void normRowPortable(float* row, std::int64_t n, const float* weight, const float* bias,
                     float eps) {
  float sum = 0;
  for (std::int64_t k = 0; k < n; ++k)
    sum += row[k];
  const float mean = sum / static_cast<float>(n);
  float squares = 0;
  for (std::int64_t k = 0; k < n; ++k)
    squares += (row[k] - mean) * (row[k] - mean);
  const float inverse = 1.0f / std::sqrt(squares / static_cast<float>(n) + eps);
  for (std::int64_t k = 0; k < n; ++k)
    row[k] = (row[k] - mean) * inverse * weight[k] + (bias ? bias[k] : 0.0f);
}

// A row pass with its activation fixed (compiled for AVX-512).
using RescaleRow = void (*)(float*, std::int64_t, float, const float*, const float*, const float*);

#ifdef EMBEDLAB_X86_64
// GCC 12 reports the deliberately undefined operands inside the AVX-512 intrinsics
// (_mm512_undefined_*) as uninitialised.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
__attribute__((target("avx512f,avx512bw"))) void quantizeRowAvx512(const float* x, std::int64_t n,
                                                                   std::int8_t* q, float* scale) {
  __m512 largest16 = _mm512_setzero_ps();
  std::int64_t k = 0;
  for (; k + 16 <= n; k += 16)
    largest16 = _mm512_max_ps(largest16, _mm512_abs_ps(_mm512_loadu_ps(x + k)));
  float largest = _mm512_reduce_max_ps(largest16);
  for (std::int64_t tail = k; tail < n; ++tail)
    largest = std::max(largest, std::fabs(x[tail]));
  *scale = largest > 0 ? largest / 127.0f : 1.0f;
  const float inverse = 1.0f / *scale;
  const __m512 inverse16 = _mm512_set1_ps(inverse);
  for (k = 0; k + 16 <= n; k += 16) {
    // Rounds to nearest even (the default MXCSR mode), saturates to [-128, 127].
    const __m512i rounded = _mm512_cvtps_epi32(_mm512_mul_ps(_mm512_loadu_ps(x + k), inverse16));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(q + k), _mm512_cvtsepi32_epi8(rounded));
  }
  for (; k < n; ++k)
    q[k] = static_cast<std::int8_t>(std::clamp(std::nearbyint(x[k] * inverse), -127.0f, 127.0f));
}

template <Activation kActivation, bool kResidual>
__attribute__((target("avx512f"))) void rescaleRowAvx512(float* row, std::int64_t n, float rowScale,
                                                         const float* columnScales,
                                                         const float* bias, const float* residual) {
  const __m512 rowScale16 = _mm512_set1_ps(rowScale);
  std::int64_t k = 0;
  for (; k + 16 <= n; k += 16) {
    const __m512 scale = _mm512_mul_ps(rowScale16, _mm512_loadu_ps(columnScales + k));
    const __m512 linear =
        _mm512_fmadd_ps(_mm512_loadu_ps(row + k), scale, _mm512_loadu_ps(bias + k));
    __m512 result = activateAvx512(kActivation, linear);
    if constexpr (kResidual) result = _mm512_add_ps(result, _mm512_loadu_ps(residual + k));
    _mm512_storeu_ps(row + k, result);
  }
  rescaleRowPortable(row + k, n - k, rowScale, columnScales + k, bias + k,
                     kResidual ? residual + k : nullptr, kActivation);
}

__attribute__((target("avx512f"))) void normRowAvx512(float* row, std::int64_t n,
                                                      const float* weight, const float* bias,
                                                      float eps) {
  if (n % 16 != 0) {
    normRowPortable(row, n, weight, bias, eps);
    return;
  }
  __m512 sum16 = _mm512_setzero_ps();
  for (std::int64_t k = 0; k < n; k += 16)
    sum16 = _mm512_add_ps(sum16, _mm512_loadu_ps(row + k));
  const __m512 mean16 = _mm512_set1_ps(_mm512_reduce_add_ps(sum16) / static_cast<float>(n));
  __m512 squares16 = _mm512_setzero_ps();
  for (std::int64_t k = 0; k < n; k += 16) {
    const __m512 centred = _mm512_sub_ps(_mm512_loadu_ps(row + k), mean16);
    squares16 = _mm512_fmadd_ps(centred, centred, squares16);
  }
  const float variance = _mm512_reduce_add_ps(squares16) / static_cast<float>(n);
  const __m512 inverse16 = _mm512_set1_ps(1.0f / std::sqrt(variance + eps));
  for (std::int64_t k = 0; k < n; k += 16) {
    const __m512 scaled =
        _mm512_mul_ps(_mm512_mul_ps(_mm512_sub_ps(_mm512_loadu_ps(row + k), mean16), inverse16),
                      _mm512_loadu_ps(weight + k));
    _mm512_storeu_ps(row + k, bias ? _mm512_add_ps(scaled, _mm512_loadu_ps(bias + k)) : scaled);
  }
}

template <bool kResidual>
RescaleRow rescaleRowAvx512For(Activation activation) {
  switch (activation) {
    case Activation::None: return rescaleRowAvx512<Activation::None, kResidual>;
    case Activation::Relu: return rescaleRowAvx512<Activation::Relu, kResidual>;
    case Activation::Gelu: return rescaleRowAvx512<Activation::Gelu, kResidual>;
    case Activation::GeluTanh: return rescaleRowAvx512<Activation::GeluTanh, kResidual>;
  }
  return rescaleRowAvx512<Activation::None, kResidual>;
}

// The AVX-512 pass for an activation (and a residual or not), each compiled with its activation
// inlined.
RescaleRow rescaleRowAvx512For(Activation activation, bool residual) {
  return residual ? rescaleRowAvx512For<true>(activation) : rescaleRowAvx512For<false>(activation);
}

#pragma GCC diagnostic pop

bool hasAvx512() {
  static const bool has = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw");
  return has;
}
#else
bool hasAvx512() {
  return false;
}
constexpr auto quantizeRowAvx512 = quantizeRowPortable;
constexpr auto normRowAvx512 = normRowPortable;
#endif

// Rows per parallel task: enough work per task to amortise the scheduling (about 64 KiB).
std::int64_t rowsPerTask(std::int64_t columns) {
  return std::max<std::int64_t>(1, 16384 / std::max<std::int64_t>(1, columns));
}

// What the int32 products of a layer become, row by row, in place: scaled back, plus bias,
// then the epilogue (Int8Epilogue) while the row is still in cache.
class RescalePass {
 public:
  RescalePass(const torch::Tensor& columnScales, const torch::Tensor& bias,
              const Int8Epilogue& epilogue)
      : columnScales_(columnScales.data_ptr<float>()),
        bias_(bias.data_ptr<float>()),
        epilogue_(epilogue),
        residual_(epilogue.residual.defined() ? epilogue.residual.data_ptr<float>() : nullptr),
        normWeight_(epilogue.normWeight.defined() ? epilogue.normWeight.data_ptr<float>()
                                                  : nullptr),
        normBias_(epilogue.normBias.defined() ? epilogue.normBias.data_ptr<float>() : nullptr) {
#ifdef EMBEDLAB_X86_64
    if (hasAvx512()) rowAvx512_ = rescaleRowAvx512For(epilogue.activation, residual_ != nullptr);
#endif
  }

  // products float32 [N, out] (the int32 products) -> the epilogue's output.
  Int8Output run(torch::Tensor products, const torch::Tensor& rowScales) const {
    const std::int64_t columns = products.size(1);
    TORCH_CHECK(!residual_ || (epilogue_.residual.sizes() == products.sizes() &&
                               epilogue_.residual.scalar_type() == torch::kFloat &&
                               epilogue_.residual.is_contiguous()),
                "Int8Linear: the residual must be contiguous float32 [N, ", columns, "]");
    for (const torch::Tensor* norm : {&epilogue_.normWeight, &epilogue_.normBias}) {
      TORCH_CHECK(!norm->defined() || (norm->numel() == columns && norm->is_contiguous() &&
                                       norm->scalar_type() == torch::kFloat),
                  "Int8Linear: the norm's weight and bias must be contiguous float32 [", columns,
                  "]");
    }
    Int8Output output;
    float* data = products.data_ptr<float>();
    const float* rows = rowScales.data_ptr<float>();
    std::int8_t* values = nullptr;
    float* scales = nullptr;
    if (epilogue_.quantize) {
      output.quantized.values = torch::empty(products.sizes(), torch::kChar);
      output.quantized.scales = torch::empty({products.size(0)}, torch::kFloat);
      values = output.quantized.values.data_ptr<std::int8_t>();
      scales = output.quantized.scales.data_ptr<float>();
    }
    const auto quantize = hasAvx512() ? quantizeRowAvx512 : quantizeRowPortable;
    const auto norm = hasAvx512() ? normRowAvx512 : normRowPortable;
    const auto eps = static_cast<float>(epilogue_.normEps);
    at::parallel_for(0, products.size(0), rowsPerTask(columns),
                     [&](std::int64_t begin, std::int64_t end) {
                       for (std::int64_t r = begin; r < end; ++r) {
                         float* row = data + r * columns;
                         const float* residual = residual_ ? residual_ + r * columns : nullptr;
                         if (rowAvx512_) {
                           rowAvx512_(row, columns, rows[r], columnScales_, bias_, residual);
                         } else {
                           rescaleRowPortable(row, columns, rows[r], columnScales_, bias_, residual,
                                              epilogue_.activation);
                         }
                         if (normWeight_) norm(row, columns, normWeight_, normBias_, eps);
                         if (values) quantize(row, columns, values + r * columns, scales + r);
                       }
                     });
    output.rows = std::move(products);
    return output;
  }

 private:
  const float* columnScales_;
  const float* bias_;
  const Int8Epilogue& epilogue_;
  const float* residual_;
  const float* normWeight_;
  const float* normBias_;
  RescaleRow rowAvx512_ = nullptr;
};

#if EMBEDLAB_HAVE_ONEDNN

struct MatmulShapes {
  dnnl::memory::desc source, weights, destination;
};

// int8 rows [m, k] times int8 weights stored [n, k] (transposed: format "ba"), float32 [m, n]
// out, no scales or post-ops: the only combination oneDNN 2.6 serves with its brgemm (AMX, VNNI)
// kernels rather than its reference or gemm ones (runtime scales or row-wise post-ops fall back).
MatmulShapes shapesOf(std::int64_t m, std::int64_t k, std::int64_t n) {
  using dnnl::memory;
  return {memory::desc({m, k}, memory::data_type::s8, memory::format_tag::ab),
          memory::desc({k, n}, memory::data_type::s8, memory::format_tag::ba),
          memory::desc({m, n}, memory::data_type::f32, memory::format_tag::ab)};
}

dnnl::matmul::primitive_desc matmulDesc(const MatmulShapes& shapes) {
  return dnnl::matmul::primitive_desc(
      dnnl::matmul::desc(shapes.source, shapes.weights, shapes.destination), cpuEngine());
}

#endif

}  // namespace

std::string Int8Linear::kernel() {
#if EMBEDLAB_HAVE_ONEDNN
  // oneDNN picks its kernel by the CPU (and ONEDNN_MAX_CPU_ISA): ask it for a small product.
  static const std::string name = [] {
    try {
      return std::string(matmulDesc(shapesOf(64, 64, 64)).impl_info_str());
    } catch (const dnnl::error&) {
      return std::string();
    }
  }();
  return name;
#else
  return {};
#endif
}

bool Int8Linear::available(std::string* whyNot) {
#if EMBEDLAB_HAVE_ONEDNN
  const std::string name = kernel();
  // Only the reference kernel (slower than float32) or none at all: AVX2 and older CPUs.
  const bool fast = !name.empty() && !isReferenceKernel(name) && hasAvx512();
  if (!fast && whyNot) {
    *whyNot = "oneDNN has no int8 kernel for this CPU (it needs AVX-512 with VNNI, or AMX)";
  }
  return fast;
#else
  if (whyNot) *whyNot = "this build has no oneDNN (int8 needs Debian's LibTorch with libdnnl)";
  return false;
#endif
}

void quantizeRows(const torch::Tensor& x, torch::Tensor& q, torch::Tensor& scales) {
  TORCH_CHECK(x.dim() == 2 && x.scalar_type() == torch::kFloat && x.is_contiguous(),
              "quantizeRows wants contiguous float32 rows");
  const std::int64_t rows = x.size(0);
  const std::int64_t columns = x.size(1);
  q = torch::empty({rows, columns}, torch::kChar);
  scales = torch::empty({rows}, torch::kFloat);
  const float* in = x.data_ptr<float>();
  std::int8_t* out = q.data_ptr<std::int8_t>();
  float* scale = scales.data_ptr<float>();
  const auto quantize = hasAvx512() ? quantizeRowAvx512 : quantizeRowPortable;
  at::parallel_for(0, rows, rowsPerTask(columns), [&](std::int64_t begin, std::int64_t end) {
    for (std::int64_t r = begin; r < end; ++r)
      quantize(in + r * columns, columns, out + r * columns, scale + r);
  });
}

Int8Rows quantizedRows(const torch::Tensor& rows) {
  Int8Rows quantized;
  quantizeRows(rows.to(torch::kFloat).contiguous(), quantized.values, quantized.scales);
  return quantized;
}

Int8Linear::Int8Linear(const torch::Tensor& weight, const torch::Tensor& bias) {
  torch::NoGradGuard noGrad;
  const torch::Tensor floatWeight = weight.detach().to(torch::kCPU, torch::kFloat).contiguous();
  quantizeRows(floatWeight, weight_, scales_);
  bias_ = bias.defined() ? bias.detach().to(torch::kCPU, torch::kFloat).contiguous()
                         : torch::zeros({floatWeight.size(0)});
}

Int8Linear Int8Linear::stacked(const std::vector<const Int8Linear*>& layers) {
  TORCH_CHECK(!layers.empty(), "Int8Linear::stacked: no layers");
  std::vector<torch::Tensor> weights, scales, biases;
  for (const Int8Linear* layer : layers) {
    TORCH_CHECK(layer->inFeatures() == layers.front()->inFeatures(),
                "Int8Linear::stacked: layers read rows of different sizes");
    weights.push_back(layer->weight_);
    scales.push_back(layer->scales_);
    biases.push_back(layer->bias_);
  }
  Int8Linear stack;
  stack.weight_ = torch::cat(weights).contiguous();
  stack.scales_ = torch::cat(scales).contiguous();
  stack.bias_ = torch::cat(biases).contiguous();
  return stack;
}

torch::Tensor Int8Linear::products(const Int8Rows& rows) const {
#if EMBEDLAB_HAVE_ONEDNN
  RECORD_FUNCTION("embedlab::int8_linear", std::vector<c10::IValue>());  // for --profile traces
  TORCH_CHECK(rows.values.dim() == 2 && rows.values.size(1) == inFeatures() &&
                  rows.values.is_contiguous() && rows.values.scalar_type() == torch::kChar,
              "Int8Linear: wants int8 [N, ", inFeatures(), "] rows");
  const std::int64_t count = rows.values.size(0);
  torch::Tensor out = torch::empty({count, outFeatures()}, torch::kFloat);
  if (count > 0) {
    const MatmulShapes shapes = shapesOf(count, inFeatures(), outFeatures());
    dnnl::stream stream(cpuEngine());
    dnnl::matmul(matmulDesc(shapes))
        .execute(stream,
                 {{DNNL_ARG_SRC, dnnl::memory(shapes.source, cpuEngine(), rows.values.data_ptr())},
                  {DNNL_ARG_WEIGHTS, dnnl::memory(shapes.weights, cpuEngine(), weight_.data_ptr())},
                  {DNNL_ARG_DST, dnnl::memory(shapes.destination, cpuEngine(), out.data_ptr())}});
    stream.wait();
  }
  return out;
#else
  (void)rows;
  throw std::logic_error("Int8Linear: this build has no oneDNN");
#endif
}

torch::Tensor Int8Linear::forward(const torch::Tensor& rows, Activation activation) const {
  TORCH_CHECK(rows.dim() == 2 && rows.size(1) == inFeatures(), "Int8Linear: wants [N, ",
              inFeatures(), "] rows");
  Int8Epilogue epilogue;
  epilogue.activation = activation;
  return forward(quantizedRows(rows), epilogue).rows;
}

Int8Output Int8Linear::forward(const Int8Rows& rows, const Int8Epilogue& epilogue) const {
  return RescalePass(scales_, bias_, epilogue).run(products(rows), rows.scales);
}

}  // namespace embedlab::model
