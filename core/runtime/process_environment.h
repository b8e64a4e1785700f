// Process-level settings that libraries read from the environment when they are loaded, before
// main() runs, and that no API can change afterwards. EmbedLab chooses them in code: when a
// setting would be wrong, main() sets the variable and re-executes itself once.
//
// Today that is OpenBLAS's kernel choice. Debian 12's OpenBLAS 0.3.21 does not recognise recent
// Xeons (Sapphire Rapids shows as "Intel(R) Xeon(R) Processor") and falls back to its Prescott
// (SSE3) kernels: a 2048^2 sgemm ran at 53 GFLOP/s instead of 222 on two cores here, and a
// transformer training step took 3.3x longer (bench/bench_threads). OPENBLAS_CORETYPE selects the
// right kernels, but OpenBLAS reads it only in its load-time constructor. When we re-execute
// anyway, OMP_WAIT_POLICY=PASSIVE is set too, which lets LibTorch's OpenMP pool and OpenBLAS's
// pthreads share the cores (see chooseThreadPlan).
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
/// user set no OPENBLAS_CORETYPE, sets it (and OMP_WAIT_POLICY=PASSIVE when unset) and
/// re-executes /proc/self/exe with the same arguments; returns only when no re-exec is needed or
/// it failed. EMBEDLAB_NO_REEXEC=1 turns this off (e.g. under a debugger).
ProcessTuning tuneProcessEnvironment(char** argv);

}  // namespace embedlab
