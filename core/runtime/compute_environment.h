// The compute environment a job runs in: which BLAS LibTorch ended up with, how many threads it
// and that BLAS use, and which devices exist. Every front end configures it once at start-up and
// shows the result (CLI: a stderr warning; GUI: the status bar).
//
// Why this exists: Debian's LibTorch calls whatever libblas.so.3 is active. The reference (netlib)
// BLAS is ~30x slower than OpenBLAS on the same cores, so we warn when it is active. LibTorch also
// defaults to one intra-op thread here, and OpenBLAS keeps its own thread pool that
// at::set_num_threads does not reach, so both are set explicitly (see chooseThreadPlan).
#pragma once

#include <optional>
#include <string>

#include "core/runtime/cpu_features.h"

namespace embedlab {

/// Which BLAS implementation serves sgemm_ in this process.
struct BlasInfo {
  enum class Kind { OpenBlas, Mkl, Blis, Reference, Unknown };
  Kind kind = Kind::Unknown;
  std::string description;  ///< e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell"
  std::string library;      ///< resolved path of the shared object providing sgemm_
};

/// Finds the BLAS that resolves sgemm_ in this process (LibTorch is loaded by then).
BlasInfo detectBlas();

/// Number of CPUs this process may use: its affinity mask, bounded by a cgroup v2 CPU quota.
int usableCpuCount();

/// How the CPU threads are split between LibTorch's intra-op pool and the BLAS pool.
struct ThreadPlan {
  int torchThreads = 1;  ///< at::set_num_threads
  int blasThreads = 1;   ///< openblas_set_num_threads (ignored by BLASes without a pool)
};

/// The default split for `threads` CPU threads. Measured with bench/bench_threads on 2 cores
/// (transformer training step, OpenBLAS pthreads, Cooperlake kernels):
///   torch 1 / BLAS 2: 272 ms; torch 2 / BLAS 2: 260 ms with OMP_WAIT_POLICY=PASSIVE but as slow
///   as one thread without it (LibTorch's OpenMP workers spin after each parallel region and
///   starve OpenBLAS's pthreads); torch 2 / BLAS 1: 396 ms (GEMMs dominate the step).
/// So with OpenBLAS the BLAS pool gets all threads, and the OpenMP pool gets them too only when
/// OpenMP waits passively. Other BLASes (MKL, BLIS, reference) thread through OpenMP or not at
/// all, so LibTorch gets all threads. Code that uses OpenMP itself (FAISS) should widen the OpenMP
/// pool to ComputeEnvironment::cpuThreads around its calls.
ThreadPlan chooseThreadPlan(int threads, BlasInfo::Kind blas, bool openMpWaitsPassively);

/// True when OMP_WAIT_POLICY is PASSIVE (libgomp reads it at load time).
bool openMpWaitsPassively();

/// Where the thread count came from, for the status line.
enum class ThreadSource { CommandLine, Environment, Cpus };

struct ComputeEnvironment {
  BlasInfo blas;
  int cpuThreads = 1;  ///< the thread budget (--threads, EMBEDLAB_THREADS or the CPU count)
  ThreadPlan threads;
  ThreadSource threadSource = ThreadSource::Cpus;
  int usableCpus = 1;
  std::string torchVersion;
  int cudaDevices = 0;  ///< 0 on the CPU-only build
  CpuFeatures cpu;      ///< whether --bf16 pays on this CPU
  /// oneDNN's int8 kernel that --int8 encodes with ("" when there is none, see int8Missing)
  std::string int8Kernel;
  std::string int8Missing;  ///< why --int8 encodes in float32 here ("" when it does not)
};

/// Detects the BLAS, chooses and applies the thread plan, and has glibc keep freed memory for
/// reuse (mmap threshold 32 MiB, trim threshold 1 GiB, unless MALLOC_* variables say otherwise).
/// `threadsOption` is --threads when given; otherwise EMBEDLAB_THREADS, otherwise the usable CPU
/// count. Throws UsageError when EMBEDLAB_THREADS is set to something that is not a positive
/// integer.
ComputeEnvironment configureComputeEnvironment(std::optional<int> threadsOption);

/// One line for status bars and logs, e.g. "BLAS: OpenBLAS 0.3.21 · threads: 2 (torch 2,
/// BLAS 2, 2 CPUs) · devices: CPU · bf16: native (AVX512_BF16) · int8: oneDNN
/// (brg:avx512_core_amx_int8) · LibTorch 1.13.0".
std::string describe(const ComputeEnvironment& environment);

/// The warning to show when the reference BLAS is active, with the command that fixes it;
/// nullopt when the BLAS is fine.
std::optional<std::string> blasWarning(const ComputeEnvironment& environment);

}  // namespace embedlab
