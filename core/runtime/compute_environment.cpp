#include "core/runtime/compute_environment.h"

#include <ATen/Parallel.h>
#include <dlfcn.h>
#include <malloc.h>
#include <sched.h>
#include <torch/cuda.h>
#include <torch/version.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/common/error.h"
#include "core/model/torch/int8_linear.h"
#include "core/runtime/process_environment.h"

namespace embedlab {

namespace {

// A handle on the shared object that provides sgemm_, so that implementation-specific symbols are
// looked up there (and in its dependencies) rather than anywhere in the process: OpenBLAS's
// libopenblas.so.0 may be loaded through LAPACK while sgemm_ still comes from the netlib BLAS.
class BlasLibrary {
 public:
  BlasLibrary() {
    void* sgemm = dlsym(RTLD_DEFAULT, "sgemm_");
    if (sgemm == nullptr) {
      sgemm = dlsym(RTLD_DEFAULT, "cblas_sgemm");
    }
    Dl_info info{};
    if (sgemm != nullptr && dladdr(sgemm, &info) != 0 && info.dli_fname != nullptr) {
      std::error_code error;
      const auto resolved = std::filesystem::canonical(info.dli_fname, error);
      path_ = error ? std::string(info.dli_fname) : resolved.string();
      handle_ = dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD);
    }
  }
  BlasLibrary(const BlasLibrary&) = delete;
  BlasLibrary& operator=(const BlasLibrary&) = delete;
  ~BlasLibrary() {
    if (handle_ != nullptr) {
      dlclose(handle_);
    }
  }

  const std::string& path() const { return path_; }
  void* symbol(const char* name) const {
    return handle_ != nullptr ? dlsym(handle_, name) : nullptr;
  }

 private:
  std::string path_;
  void* handle_ = nullptr;
};

int cgroupCpuQuota() {
  std::ifstream file("/sys/fs/cgroup/cpu.max");
  std::string quota;
  double period = 0;
  if (!(file >> quota >> period) || quota == "max" || period <= 0) {
    return 0;
  }
  try {
    return std::max(1, static_cast<int>(std::ceil(std::stod(quota) / period)));
  } catch (const std::exception&) {
    return 0;
  }
}

int parseThreadCount(const std::string& text, const char* origin) {
  std::size_t used = 0;
  int value = 0;
  try {
    value = std::stoi(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || value < 1 || value > 4096) {
    throw UsageError(std::string(origin) + " must be a positive whole number of threads, got \"" +
                     text + "\"");
  }
  return value;
}

const char* blasKindName(BlasInfo::Kind kind) {
  switch (kind) {
    case BlasInfo::Kind::OpenBlas: return "OpenBLAS";
    case BlasInfo::Kind::Mkl: return "MKL";
    case BlasInfo::Kind::Blis: return "BLIS";
    case BlasInfo::Kind::Reference: return "reference BLAS (netlib)";
    case BlasInfo::Kind::Unknown: break;
  }
  return "unknown BLAS";
}

// glibc returns blocks above its mmap threshold to the system when they are freed, and the
// threshold only grows to that of the largest block freed so far. Training frees and allocates
// the same tensors every step (the dense embedding gradient alone is 31-47 MB for MiniLM-sized
// models), so each step page-faulted them in afresh: with the threshold at its maximum (32 MiB)
// and the heap trimmed only above 1 GiB, bf16 training of the mini and small presets ran 3-6%
// faster (bench_train, alternating runs). Blocks of 32 MiB and more were still mapped afresh each
// time (glibc caps the threshold there): encoding 128 passages of 128 tokens with the tiny preset
// (FFN activations of exactly 32 MiB) spent a third of its time in page faults. So the heap
// serves every size (M_MMAP_MAX 0): 1.1-1.4x faster encoding (bench_encode). Variables the user
// set win.
void keepFreedMemoryForReuse() {
#if defined(__GLIBC__)
  if (std::getenv("MALLOC_MMAP_THRESHOLD_") == nullptr &&
      std::getenv("MALLOC_TRIM_THRESHOLD_") == nullptr &&
      std::getenv("MALLOC_MMAP_MAX_") == nullptr && std::getenv("GLIBC_TUNABLES") == nullptr) {
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_MMAP_MAX, 0);
    mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
  }
#endif
}

}  // namespace

BlasInfo detectBlas() {
  const BlasLibrary library;
  BlasInfo info;
  info.library = library.path();
  using ConfigFunction = const char* (*)();
  if (auto* config = reinterpret_cast<ConfigFunction>(library.symbol("openblas_get_config"))) {
    // openblas_get_config() reads "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH ... Haswell ...":
    // keep the name and version, and name the kernels it runs.
    info.kind = BlasInfo::Kind::OpenBlas;
    std::istringstream words(config());
    std::string name;
    std::string version;
    words >> name >> version;
    info.description = name + " " + version;
    if (const auto core = activeOpenBlasCore()) {
      info.description += " (" + *core + " kernels)";
    }
  } else if (library.symbol("mkl_get_version_string") != nullptr ||
             library.symbol("MKL_Get_Version_String") != nullptr) {
    info.kind = BlasInfo::Kind::Mkl;
    info.description = "Intel MKL";
  } else if (auto* version =
                 reinterpret_cast<ConfigFunction>(library.symbol("bli_info_get_version_str"))) {
    info.kind = BlasInfo::Kind::Blis;
    info.description = std::string("BLIS ") + version();
  } else if (std::filesystem::path(info.library).filename().string().rfind("libblas.so", 0) == 0) {
    // A plain libblas.so with none of the optimised implementations' entry points is the netlib
    // reference implementation (Debian installs it as .../blas/libblas.so.3).
    info.kind = BlasInfo::Kind::Reference;
    info.description = blasKindName(info.kind);
  } else {
    info.description = info.library.empty() ? "no BLAS found" : blasKindName(info.kind);
  }
  return info;
}

int usableCpuCount() {
  int count = 0;
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) == 0) {
    count = CPU_COUNT(&set);
  }
  if (count <= 0) {
    count = static_cast<int>(std::max(1L, sysconf(_SC_NPROCESSORS_ONLN)));
  }
  if (const int quota = cgroupCpuQuota(); quota > 0) {
    count = std::min(count, quota);
  }
  return count;
}

ThreadPlan chooseThreadPlan(int threads, BlasInfo::Kind blas, bool openMpWaitsPassively) {
  ThreadPlan plan;
  plan.blasThreads = std::max(1, threads);
  plan.torchThreads =
      (blas == BlasInfo::Kind::OpenBlas && !openMpWaitsPassively) ? 1 : plan.blasThreads;
  return plan;
}

bool openMpWaitsPassively() {
  const char* policy = std::getenv("OMP_WAIT_POLICY");
  if (policy == nullptr) {
    return false;
  }
  std::string value(policy);
  std::transform(value.begin(), value.end(), value.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return value == "passive";
}

ComputeEnvironment configureComputeEnvironment(std::optional<int> threadsOption) {
  keepFreedMemoryForReuse();
  ComputeEnvironment environment;
  environment.blas = detectBlas();
  environment.usableCpus = usableCpuCount();
  int threads = environment.usableCpus;
  if (threadsOption) {
    if (*threadsOption < 1) {
      throw UsageError("--threads must be at least 1, got " + std::to_string(*threadsOption));
    }
    threads = *threadsOption;
    environment.threadSource = ThreadSource::CommandLine;
  } else if (const char* variable = std::getenv("EMBEDLAB_THREADS");
             variable != nullptr && variable[0] != '\0') {
    threads = parseThreadCount(variable, "EMBEDLAB_THREADS");
    environment.threadSource = ThreadSource::Environment;
  }
  environment.cpuThreads = threads;
  environment.threads = chooseThreadPlan(threads, environment.blas.kind, openMpWaitsPassively());

  at::set_num_threads(environment.threads.torchThreads);
  if (environment.blas.kind == BlasInfo::Kind::OpenBlas) {
    const BlasLibrary library;
    using SetThreads = void (*)(int);
    if (auto* set = reinterpret_cast<SetThreads>(library.symbol("openblas_set_num_threads"))) {
      set(environment.threads.blasThreads);
    }
  }
  environment.torchVersion = TORCH_VERSION;
  environment.cudaDevices = static_cast<int>(torch::cuda::device_count());
  environment.cpu = detectCpuFeatures();
  if (model::Int8Linear::available(&environment.int8Missing)) {
    environment.int8Kernel = model::Int8Linear::kernel();
  }
  return environment;
}

std::string describe(const ComputeEnvironment& environment) {
  std::ostringstream line;
  line << "BLAS: " << environment.blas.description << " · threads: " << environment.cpuThreads
       << " (torch " << environment.threads.torchThreads << ", BLAS "
       << environment.threads.blasThreads << ", " << environment.usableCpus << " CPUs";
  if (environment.threadSource == ThreadSource::CommandLine) {
    line << ", set by --threads";
  } else if (environment.threadSource == ThreadSource::Environment) {
    line << ", set by EMBEDLAB_THREADS";
  }
  line << ") · devices: CPU";
  if (environment.cudaDevices > 0) {
    line << " + " << environment.cudaDevices << " CUDA";
  }
  // What --bf16 does on the CPU (see EncodeOptions::bf16 and the trainer's check).
  if (environment.cpu.nativeBf16()) {
    line << " · CPU bf16: native (" << environment.cpu.bf16Description() << ")";
  } else {
    line << " · CPU bf16: not native (--bf16 encodes in float32 here)";
  }
  // What --int8 does (EncodeOptions::int8).
  if (environment.int8Missing.empty()) {
    line << " · int8: oneDNN (" << environment.int8Kernel << ")";
  } else {
    line << " · int8: none, --int8 encodes in "
         << (environment.cpu.nativeBf16() ? "bf16" : "float32") << " (" << environment.int8Missing
         << ")";
  }
  line << " · LibTorch " << environment.torchVersion;
  return line.str();
}

std::optional<std::string> blasWarning(const ComputeEnvironment& environment) {
  if (environment.blas.kind != BlasInfo::Kind::Reference) {
    return std::nullopt;
  }
  return "LibTorch is using the slow reference BLAS (" + environment.blas.library +
         "); matrix products run about 30x slower than with OpenBLAS. Install it with "
         "'apt-get install libopenblas0-pthread' (or select it with 'update-alternatives "
         "--config libblas.so.3-x86_64-linux-gnu').";
}

}  // namespace embedlab
