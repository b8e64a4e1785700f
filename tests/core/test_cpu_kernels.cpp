// The CPU inference kernels against ATen: oneDNN attention (cpu_attention.h) gives what the
// batched-matmul path gives for every mask and bias shape the encoders pass, strided q/k/v rows,
// batches that do not divide into its tasks, and stays out of the way when gradients or dropout
// are needed; the vectorised activations (activation_kernels.h) match torch::gelu, and the int8
// layer's fused activation equals the activation applied after it; stacked int8 layers and their
// epilogues (residual, layer norm, quantisation) give what the ops give one by one, and so does
// the BERT layer that uses them.
#include <torch/torch.h>
#include <QtTest/QtTest>

#include "core/common/build_features.h"
#include "core/model/activation_kernels.h"
#include "core/model/torch/bert_module.h"
#include "core/model/torch/cpu_attention.h"
#include "core/model/torch/encoder_module.h"
#include "core/model/torch/int8_linear.h"
#include "core/model/torch/linear.h"

using namespace embedlab::model;

namespace {

double largestDifference(const torch::Tensor& a, const torch::Tensor& b) {
  return (a - b).abs().max().item<double>();
}

// q, k, v [batch, length, heads * 16] as strided column blocks of one fused projection, as
// ModernBERT's Wqkv gives them.
struct Projections {
  torch::Tensor q, k, v;
};

Projections stridedProjections(std::int64_t batch, std::int64_t length, std::int64_t hidden) {
  const torch::Tensor fused = torch::randn({batch, length, 3 * hidden});
  return {fused.narrow(2, 0, hidden), fused.narrow(2, hidden, hidden),
          fused.narrow(2, 2 * hidden, hidden)};
}

// A padding mask: passage b keeps its first length - b % length tokens.
torch::Tensor paddingMask(std::int64_t batch, std::int64_t length) {
  const torch::Tensor keep = torch::ones({batch, length}, torch::kLong);
  for (std::int64_t b = 0; b < batch; ++b)
    keep[b].narrow(0, length - b % length, b % length).zero_();
  return additivePaddingMask(keep, torch::kFloat);
}

#if defined(__x86_64__)
__attribute__((target("avx512f"))) void activateRowAvx512(Activation activation, float* row,
                                                          std::int64_t n) {
  for (std::int64_t k = 0; k + 16 <= n; k += 16)
    _mm512_storeu_ps(row + k, activateAvx512(activation, _mm512_loadu_ps(row + k)));
}
#endif

}  // namespace

class TestCpuKernels : public QObject {
  Q_OBJECT

 private:
  // Compares the oneDNN path with ATen's on one case.
  void compareWithAten(const Projections& p, std::int64_t heads, const LayerInputs& inputs) {
    torch::NoGradGuard noGrad;
    Dropout noDropout(0.0);
    const torch::Tensor fused = cpuInferenceAttention(p.q, p.k, p.v, heads, inputs);
    QVERIFY(fused.defined());
    const torch::Tensor reference = batchedMatmulAttention(p.q, p.k, p.v, heads, inputs, noDropout);
    QCOMPARE(fused.sizes(), reference.sizes());
    const double difference = largestDifference(fused, reference);
    QVERIFY2(difference < 2e-5, qPrintable(QString::number(difference)));
    // multiHeadAttention takes this path when nothing needs gradients or dropout.
    QVERIFY(torch::equal(multiHeadAttention(p.q, p.k, p.v, heads, inputs, noDropout), fused));
  }

 private Q_SLOTS:
  void attentionWithPaddingMaskMatchesAten() {
    if (!EMBEDLAB_HAVE_ONEDNN) QSKIP("no oneDNN in this build: attention runs through ATen");
    torch::manual_seed(1);
    // 4 heads x 128 x 128 scores are 256 KiB: two passages a task, so 5 leaves a remainder.
    const Projections p = stridedProjections(5, 128, 64);
    LayerInputs inputs;
    inputs.mask = paddingMask(5, 128);
    compareWithAten(p, 4, inputs);
  }

  void attentionWithoutMaskOrWithFullMasksMatchesAten() {
    if (!EMBEDLAB_HAVE_ONEDNN) QSKIP("no oneDNN in this build: attention runs through ATen");
    torch::manual_seed(2);
    const std::int64_t batch = 3, length = 17, hidden = 48, heads = 3;
    const Projections p = {torch::randn({batch, length, hidden}),
                           torch::randn({batch, length, hidden}),
                           torch::randn({batch, length, hidden})};
    compareWithAten(p, heads, LayerInputs{});
    // ModernBERT's local layers: a [batch, 1, length, length] mask.
    LayerInputs local;
    local.mask = paddingMask(batch, length).expand({batch, 1, length, length}).clone();
    local.mask.masked_fill_(torch::rand({1, 1, length, length}) < 0.3, lowestValue(torch::kFloat));
    local.mask.select(3, 0).zero_();  // every query sees at least the first token
    compareWithAten(p, heads, local);
  }

  void attentionWithScoreBiasMatchesAten() {
    if (!EMBEDLAB_HAVE_ONEDNN) QSKIP("no oneDNN in this build: attention runs through ATen");
    // MPNet: a relative position bias [1, heads, length, length] before the padding mask.
    torch::manual_seed(3);
    const std::int64_t batch = 4, length = 20, hidden = 64, heads = 4;
    const Projections p = stridedProjections(batch, length, hidden);
    LayerInputs inputs;
    inputs.scoreBias = torch::randn({length, length, heads}).permute({2, 0, 1}).unsqueeze(0);
    inputs.mask = paddingMask(batch, length);
    compareWithAten(p, heads, inputs);
  }

  void bf16AttentionMatchesAten() {
    if (!EMBEDLAB_HAVE_ONEDNN) QSKIP("no oneDNN in this build: attention runs through ATen");
    torch::manual_seed(7);
    const std::int64_t batch = 3, length = 40, hidden = 64, heads = 4;
    const Projections p = stridedProjections(batch, length, hidden);
    LayerInputs inputs;
    inputs.mask = paddingMask(batch, length).to(torch::kBFloat16);
    torch::NoGradGuard noGrad;
    Dropout noDropout(0.0);
    const auto bf16 = [](const torch::Tensor& x) { return x.to(torch::kBFloat16); };
    const torch::Tensor fused =
        cpuInferenceAttention(bf16(p.q), bf16(p.k), bf16(p.v), heads, inputs);
    // No fast bf16 kernel on this CPU (oneDNN's reference one is left to ATen): nothing to compare.
    if (!fused.defined()) QSKIP("oneDNN has no fast bf16 matmul here");
    QCOMPARE(fused.scalar_type(), torch::kBFloat16);
    // Against float32 attention of the same bf16 inputs: ours keeps the scores in float32, so it
    // is no further from it than ATen's bf16 path, which rounds the scores to bf16.
    const torch::Tensor exact =
        batchedMatmulAttention(bf16(p.q).to(torch::kFloat), bf16(p.k).to(torch::kFloat),
                               bf16(p.v).to(torch::kFloat), heads, inputs, noDropout);
    const torch::Tensor aten =
        batchedMatmulAttention(bf16(p.q), bf16(p.k), bf16(p.v), heads, inputs, noDropout);
    const double ours = largestDifference(fused.to(torch::kFloat), exact);
    const double theirs = largestDifference(aten.to(torch::kFloat), exact);
    qInfo("bf16 attention: largest difference to float32 %.4f (ATen bf16 %.4f)", ours, theirs);
    QVERIFY2(ours < 0.03 && ours <= theirs, qPrintable(QString("%1 %2").arg(ours).arg(theirs)));
  }

  void attentionLeavesGradientsAndDropoutToAten() {
    torch::manual_seed(4);
    const torch::Tensor q = torch::randn({2, 8, 32}, torch::requires_grad());
    const torch::Tensor k = torch::randn({2, 8, 32});
    QVERIFY(!cpuInferenceAttention(q, k, k, 2, LayerInputs{}).defined());
    if (!EMBEDLAB_HAVE_ONEDNN) QVERIFY(!cpuInferenceAttention(k, k, k, 2, LayerInputs{}).defined());
    QVERIFY(!cpuInferenceAttention(k.to(torch::kDouble), k.to(torch::kDouble),  // not f32 or bf16
                                   k.to(torch::kDouble), 2, LayerInputs{})
                 .defined());
    // With dropout on, the probabilities are dropped: not the inference path.
    torch::NoGradGuard noGrad;
    Dropout dropout(0.5);
    dropout->train();
    torch::manual_seed(5);
    const torch::Tensor dropped = multiHeadAttention(k, k, k, 2, LayerInputs{}, dropout);
    torch::manual_seed(5);
    QVERIFY(torch::equal(dropped, batchedMatmulAttention(k, k, k, 2, LayerInputs{}, dropout)));
  }

  void vectorisedActivationsMatchTorch() {
#if defined(__x86_64__)
    if (!__builtin_cpu_supports("avx512f")) QSKIP("no AVX-512 on this CPU");
    const torch::Tensor x = torch::cat({torch::linspace(-12, 12, 24001),
                                        torch::tensor({-200.0f, -90.0f, 0.0f, 90.0f, 200.0f, 1e-30f,
                                                       -1e-30f, 3.0e38f, -3.0e38f}),
                                        torch::zeros({7})})
                                .contiguous();
    const std::int64_t n = x.size(0) / 16 * 16;
    for (const auto& [activation, name] : {std::pair{Activation::Gelu, "gelu"},
                                           std::pair{Activation::GeluTanh, "gelu_new"}, std::pair {
                                             Activation::Relu,
                                             "relu"
                                           }}) {
      torch::Tensor ours = x.narrow(0, 0, n).clone();
      activateRowAvx512(activation, ours.data_ptr<float>(), n);
      const torch::Tensor expected = activate(name, x.narrow(0, 0, n).to(torch::kDouble));
      QVERIFY(torch::isfinite(ours).all().item<bool>());
      // Absolute error near zero, relative for large |x| (gelu(x) ~ x).
      const double error = ((ours.to(torch::kDouble) - expected).abs() / (expected.abs() + 1.0))
                               .max()
                               .item<double>();
      qInfo("%s: largest error %.2e", name, error);
      QVERIFY2(error < 4e-7, qPrintable(QString("%1 %2").arg(name).arg(error)));
    }
#else
    QSKIP("AVX-512 kernels are x86-64 only");
#endif
  }

  void int8LayerFusesItsActivation() {
    std::string whyNot;
    if (!Int8Linear::available(&whyNot)) QSKIP(whyNot.c_str());
    torch::manual_seed(6);
    const Int8Linear layer(torch::randn({70, 40}), torch::randn({70}));
    const torch::Tensor rows = torch::randn({33, 40}) * 3;
    const torch::Tensor linear = layer.forward(rows);
    // Float rounding of outputs up to about 50: ATen's own vectorised GELUs differ between CPU
    // kinds by a few units in the last place (3.8e-6 for tanh-GELU on an AMD EPYC).
    const double tolerance = 2e-7 * std::max(1.0, linear.abs().max().item<double>());
    for (const auto& [activation, name] :
         {std::pair{Activation::Gelu, "gelu"}, std::pair{Activation::GeluTanh, "gelu_new"},
          std::pair{Activation::Relu, "relu"}}) {
      const double difference =
          largestDifference(layer.forward(rows, activation), activate(name, linear));
      QVERIFY2(
          difference < tolerance,
          qPrintable(QString("%1 %2 (tolerance %3)").arg(name).arg(difference).arg(tolerance)));
    }
  }

  // One quantisation of the rows for several layers, their products as one, and the epilogue
  // (activation, residual, layer norm, quantisation) in the rescale pass: the same numbers as
  // the layers and ATen's ops one by one.
  void int8LayersStackAndRunTheirEpilogue() {
    std::string whyNot;
    if (!Int8Linear::available(&whyNot)) QSKIP(whyNot.c_str());
    torch::manual_seed(7);
    const Int8Linear first(torch::randn({48, 40}), torch::randn({48}));
    const Int8Linear second(torch::randn({56, 40}), {});
    const torch::Tensor rows = torch::randn({37, 40}) * 2;
    const Int8Rows quantized = quantizedRows(rows);

    const torch::Tensor both = Int8Linear::stacked({&first, &second}).forward(quantized, {}).rows;
    QCOMPARE(both.sizes(), (std::vector<std::int64_t>{37, 104}));
    QVERIFY(torch::equal(both.narrow(1, 0, 48), first.forward(rows)));
    QVERIFY(torch::equal(both.narrow(1, 48, 56), second.forward(rows)));

    Int8Epilogue withResidual;
    withResidual.residual = torch::randn({37, 48});
    QVERIFY(torch::equal(first.forward(quantized, withResidual).rows,
                         first.forward(rows) + withResidual.residual));
    withResidual.residual = torch::randn({37, 47});
    QVERIFY_EXCEPTION_THROWN(first.forward(quantized, withResidual), c10::Error);

    Int8Epilogue expand;
    expand.activation = Activation::Gelu;
    expand.quantize = true;
    const Int8Output chained = first.forward(quantized, expand);
    QVERIFY(torch::equal(chained.rows, first.forward(rows, Activation::Gelu)));
    const Int8Rows alone = quantizedRows(chained.rows);
    QVERIFY(torch::equal(chained.quantized.values, alone.values));
    QVERIFY(torch::equal(chained.quantized.scales, alone.scales));

    // Residual and layer norm, with and without a bias, on rows of 48 (the AVX-512 loop) and 56
    // (the portable one).
    for (const Int8Linear* layer : {&first, &second}) {
      const std::int64_t out = layer->outFeatures();
      for (const bool withBias : {true, false}) {
        Int8Epilogue norm;
        norm.residual = torch::randn({37, out});
        norm.normWeight = torch::rand({out}) + 0.5;
        if (withBias) norm.normBias = torch::randn({out});
        norm.normEps = 1e-5;
        const torch::Tensor expected = torch::layer_norm(
            layer->forward(rows) + norm.residual, {out}, norm.normWeight, norm.normBias, 1e-5);
        const double difference = largestDifference(layer->forward(quantized, norm).rows, expected);
        QVERIFY2(difference < 2e-5, qPrintable(QString::number(difference)));
      }
    }
  }

  // The BERT layer of an int8 inference copy (one query/key/value product, int8 feed-forward
  // rows, residuals in the rescale passes) against the same int8 layers called one by one.
  void bertLayerInt8PathMatchesItsLayersOneByOne() {
    std::string whyNot;
    if (!Int8Linear::available(&whyNot)) QSKIP(whyNot.c_str());
    torch::NoGradGuard noGrad;
    torch::manual_seed(8);
    for (const std::string modelType : {"bert", "mpnet"}) {
      EncoderConfig config;
      config.modelType = modelType;
      config.hiddenSize = 64;
      config.numAttentionHeads = 4;
      config.intermediateSize = 256;
      BertLayer layer(config);
      for (auto& parameter : layer->parameters())
        parameter.normal_(0, 0.2);
      layer->eval();
      std::size_t quantized = 0;
      for (const auto& child : layer->modules()) {
        if (auto* linear = dynamic_cast<LinearImpl*>(child.get())) {
          linear->quantizeToInt8();
          ++quantized;
        }
      }
      QCOMPARE(quantized, std::size_t{6});
      const torch::Tensor hidden = torch::randn({5, 19, 64});
      LayerInputs inputs;
      inputs.mask = paddingMask(5, 19);
      const torch::Tensor oneByOne = layer->forward(hidden, inputs);
      layer->combineInt8Layers();
      const torch::Tensor combined = layer->forward(hidden, inputs);
      QCOMPARE(combined.sizes(), hidden.sizes());
      const double difference = largestDifference(combined, oneByOne);
      QVERIFY2(difference < 1e-4, (modelType + " " + std::to_string(difference)).c_str());
      // Layer by layer through quantizeLinearLayersToInt8 the same.
      QVERIFY(quantizeLinearLayersToInt8(*layer) == 6);
      QVERIFY(torch::allclose(layer->forward(hidden, inputs), combined, 0, 1e-4));
    }
  }
};

QTEST_GUILESS_MAIN(TestCpuKernels)
#include "test_cpu_kernels.moc"
