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

// row = activation(row * (rowScale * columnScales) + bias), in place.
void rescaleRowPortable(float* row, std::int64_t n, float rowScale, const float* columnScales,
                        const float* bias, Activation activation) {
  for (std::int64_t k = 0; k < n; ++k)
    row[k] = activateScalar(activation, row[k] * (rowScale * columnScales[k]) + bias[k]);
}

// A row pass with its activation fixed (compiled for AVX-512).
using RescaleRow = void (*)(float*, std::int64_t, float, const float*, const float*);

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

template <Activation kActivation>
__attribute__((target("avx512f"))) void rescaleRowAvx512(float* row, std::int64_t n, float rowScale,
                                                         const float* columnScales,
                                                         const float* bias) {
  const __m512 rowScale16 = _mm512_set1_ps(rowScale);
  std::int64_t k = 0;
  for (; k + 16 <= n; k += 16) {
    const __m512 scale = _mm512_mul_ps(rowScale16, _mm512_loadu_ps(columnScales + k));
    const __m512 linear =
        _mm512_fmadd_ps(_mm512_loadu_ps(row + k), scale, _mm512_loadu_ps(bias + k));
    _mm512_storeu_ps(row + k, activateAvx512(kActivation, linear));
  }
  rescaleRowPortable(row + k, n - k, rowScale, columnScales + k, bias + k, kActivation);
}

// The AVX-512 pass for an activation, each compiled with its activation inlined.
RescaleRow rescaleRowAvx512For(Activation activation) {
  switch (activation) {
    case Activation::None: return rescaleRowAvx512<Activation::None>;
    case Activation::Relu: return rescaleRowAvx512<Activation::Relu>;
    case Activation::Gelu: return rescaleRowAvx512<Activation::Gelu>;
    case Activation::GeluTanh: return rescaleRowAvx512<Activation::GeluTanh>;
  }
  return rescaleRowAvx512<Activation::None>;
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
#endif

// Rows per parallel task: enough work per task to amortise the scheduling (about 64 KiB).
std::int64_t rowsPerTask(std::int64_t columns) {
  return std::max<std::int64_t>(1, 16384 / std::max<std::int64_t>(1, columns));
}

void rescaleRows(torch::Tensor& out, const torch::Tensor& rowScales,
                 const torch::Tensor& columnScales, const torch::Tensor& bias,
                 Activation activation) {
  const std::int64_t columns = out.size(1);
  float* data = out.data_ptr<float>();
  const float* rows = rowScales.data_ptr<float>();
  const float* cols = columnScales.data_ptr<float>();
  const float* add = bias.data_ptr<float>();
#ifdef EMBEDLAB_X86_64
  const RescaleRow rescaleAvx512 = hasAvx512() ? rescaleRowAvx512For(activation) : nullptr;
#else
  const RescaleRow rescaleAvx512 = nullptr;
#endif
  at::parallel_for(0, out.size(0), rowsPerTask(columns), [&](std::int64_t begin, std::int64_t end) {
    for (std::int64_t r = begin; r < end; ++r) {
      if (rescaleAvx512) {
        rescaleAvx512(data + r * columns, columns, rows[r], cols, add);
      } else {
        rescaleRowPortable(data + r * columns, columns, rows[r], cols, add, activation);
      }
    }
  });
}

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

Int8Linear::Int8Linear(const torch::Tensor& weight, const torch::Tensor& bias) {
  torch::NoGradGuard noGrad;
  const torch::Tensor floatWeight = weight.detach().to(torch::kCPU, torch::kFloat).contiguous();
  quantizeRows(floatWeight, weight_, scales_);
  bias_ = bias.defined() ? bias.detach().to(torch::kCPU, torch::kFloat).contiguous()
                         : torch::zeros({floatWeight.size(0)});
}

torch::Tensor Int8Linear::forward(const torch::Tensor& rows, Activation activation) const {
#if EMBEDLAB_HAVE_ONEDNN
  RECORD_FUNCTION("embedlab::int8_linear", std::vector<c10::IValue>());  // for --profile traces
  const torch::Tensor input = rows.to(torch::kFloat).contiguous();
  TORCH_CHECK(input.dim() == 2 && input.size(1) == inFeatures(), "Int8Linear: wants [N, ",
              inFeatures(), "] rows");
  torch::Tensor quantized;
  torch::Tensor rowScales;
  quantizeRows(input, quantized, rowScales);
  torch::Tensor out = torch::empty({input.size(0), outFeatures()}, torch::kFloat);
  if (input.size(0) > 0) {
    const MatmulShapes shapes = shapesOf(input.size(0), inFeatures(), outFeatures());
    dnnl::stream stream(cpuEngine());
    dnnl::matmul(matmulDesc(shapes))
        .execute(stream,
                 {{DNNL_ARG_SRC, dnnl::memory(shapes.source, cpuEngine(), quantized.data_ptr())},
                  {DNNL_ARG_WEIGHTS, dnnl::memory(shapes.weights, cpuEngine(), weight_.data_ptr())},
                  {DNNL_ARG_DST, dnnl::memory(shapes.destination, cpuEngine(), out.data_ptr())}});
    stream.wait();
    rescaleRows(out, rowScales, scales_, bias_, activation);
  }
  return out;
#else
  (void)rows;
  (void)activation;
  throw std::logic_error("Int8Linear::forward: this build has no oneDNN");
#endif
}

}  // namespace embedlab::model
