// Process-level settings that libraries read from the environment when they are loaded, before
// main() runs, and that no API can change afterwards. EmbedLab chooses them in code: when a
// setting would be wrong, main() sets the variable and re-executes itself once.
//
// Two such settings:
// - OpenBLAS's kernel choice. Debian 12's OpenBLAS 0.3.21 does not recognise recent Xeons
//   (Sapphire Rapids shows as "Intel(R) Xeon(R) Processor") and falls back to its Prescott (SSE3)
//   kernels: a 2048^2 sgemm ran at 53 GFLOP/s instead of 222 on two cores here, and a transformer
//   training step took 3.3x longer (bench/bench_threads). OPENBLAS_CORETYPE selects the right
//   kernels, but OpenBLAS reads it only in its load-time constructor.
// - OMP_WAIT_POLICY=PASSIVE, which libgomp reads when it is loaded. Spinning OpenMP workers starve
//   OpenBLAS's pthreads, so without it LibTorch gets one thread (chooseThreadPlan), and bf16,
//   whose matrix products run through oneDNN on LibTorch's OpenMP threads, gets one core.
#pragma once

#include <optional>
#include <string>

namespace embedlab {

/// The OpenBLAS core type the CPU supports best among those OpenBLAS 0.3.x knows ("Cooperlake",
/// "SkylakeX", "Haswell"), or nullopt when none of them applies.
std::optional<std::string> bestOpenBlasCoreForCpu();

/// The core OpenBLAS selected in this process ("Prescott", "Haswell", ...), or nullopt when
/// OpenBLAS is not the active BLAS.
std::optional<std::string> activeOpenBlasCore();

/// What tuneProcessEnvironment decided, for logs and the status line.
struct ProcessTuning {
  bool reexecuted = false;       ///< this process is the re-executed one
  std::string openBlasCoreNote;  ///< e.g. "Cooperlake (OpenBLAS detected Prescott)"
};

/// Call first thing in main(). When OpenBLAS picked weaker kernels than the CPU supports and the
/// user set no OPENBLAS_CORETYPE, sets it; when OMP_WAIT_POLICY is unset, sets it to PASSIVE;
/// after either, re-executes /proc/self/exe with the same arguments (once: the new process sees
/// EMBEDLAB_REEXECUTED). Returns only when no re-exec is needed or it failed.
/// EMBEDLAB_NO_REEXEC=1 turns this off (e.g. under a debugger).
ProcessTuning tuneProcessEnvironment(char** argv);

}  // namespace embedlab
