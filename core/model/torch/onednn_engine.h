// The oneDNN CPU engine the model's own kernels share (int8 linear layers, inference attention),
// and how to tell oneDNN's slow reference kernels from its fast ones. Included only where the
// build has oneDNN (EMBEDLAB_HAVE_ONEDNN). INTERNAL to core (oneDNN types).
#pragma once

#include <oneapi/dnnl/dnnl.hpp>

#include <string>

namespace embedlab::model {

inline dnnl::engine& cpuEngine() {
  static dnnl::engine engine(dnnl::engine::kind::cpu, 0);
  return engine;
}

/// Whether oneDNN's implementation name ("ref:any", "brg:avx512_core", ...) is a reference kernel,
/// slower than ATen's own path.
inline bool isReferenceKernel(const std::string& implementation) {
  return implementation.rfind("ref", 0) == 0;
}

}  // namespace embedlab::model
