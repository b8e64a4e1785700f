// Indexing a large JSONL file against the floor of reading it.
//
// Generates a ~1 GB training-data file (or uses --file), then measures with Google Benchmark:
//   build_line_index_vs_read  per iteration, a plain single-threaded read() of the whole file
//                             (the floor) and LineIndex::build, back to back
//   load_cached_index         LineIndex::open when the cache is valid (what a reopen costs)
// and prints one JSON summary: the median build/read ratio (target < 1.5) and the index memory
// per line (target <= 16 bytes plus a constant), with the peak RSS growth of one build measured
// in a fresh child process (the constant part is the 1 MiB of read-ahead buffers).
//
// usage: bench_line_index [--size-mb N] [--profile train|pool] [--dir DIR] [--file PATH] [--keep]
//                         [Google Benchmark flags]
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "bench/bench_support.h"
#include "core/data/line_index.h"

namespace {

std::filesystem::path gFile;
std::vector<double> gReadSeconds;
std::vector<double> gBuildSeconds;
std::vector<double> gLoadSeconds;
double gIndexBytesPerLine = 0;
double gPeakRssGrowthBytes = 0;
std::uint64_t gLines = 0;

std::filesystem::path cacheFolder() {
  return gFile.parent_path() / "bench-line-index-cache";
}

// Realistic lines. "train": a query, one positive of 100-1500 characters, a few negatives
// (~1.5 KB a line); "pool": candidate-pool texts of 20-200 characters (~120 bytes a line, where
// the per-line cost of the index weighs most).
void generate(const std::filesystem::path& path, std::uint64_t targetBytes,
              const std::string& profile) {
  std::mt19937_64 random(42);
  const std::string words[] = {"library",  "package",       "provides", "the",     "development",
                               "files",    "for",           "a",        "tool",    "that",
                               "converts", "data",          "between",  "formats", "and",
                               "includes", "documentation", "examples"};
  const auto text = [&](std::size_t length) {
    std::string out;
    while (out.size() < length) {
      out += words[random() % std::size(words)];
      out += ' ';
    }
    return out;
  };
  std::ofstream out(path, std::ios::binary);
  std::uint64_t written = 0;
  std::string line;
  while (written < targetBytes) {
    if (profile == "pool") {
      line = "{\"text\":\"" + text(20 + random() % 180) + "\"}\n";
      out << line;
      written += line.size();
      continue;
    }
    line = "{\"query\":\"" + text(20 + random() % 60) + "\",\"pos\":[\"" +
           text(100 + random() % 1400) + "\"],\"neg\":[";
    const int negatives = static_cast<int>(random() % 4);
    for (int i = 0; i < negatives; ++i) {
      line += (i ? ",\"" : "\"") + text(100 + random() % 600) + "\"";
    }
    line += "]}\n";
    out << line;
    written += line.size();
  }
}

void resetPeakRss() {
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";  // resets VmHWM to the current RSS (Linux >= 4.0)
}

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// One plain single-threaded read() pass in 256 KiB chunks (the fastest size measured here).
void plainRead() {
  std::vector<char> buffer(256 << 10);
  const int fd = ::open(gFile.c_str(), O_RDONLY);
  ssize_t got = 0;
  while ((got = ::read(fd, buffer.data(), buffer.size())) > 0) {
    benchmark::DoNotOptimize(buffer[static_cast<std::size_t>(got) - 1]);
  }
  ::close(fd);
}

// Each iteration times a plain read and an index build back to back, so that both see the same
// machine state (this machine is shared and noisy); the summary uses the median of the ratios.
void buildAgainstRead(benchmark::State& state) {
  for (auto _ : state) {
    auto start = std::chrono::steady_clock::now();
    plainRead();
    gReadSeconds.push_back(secondsSince(start));
    start = std::chrono::steady_clock::now();
    embedlab::LineIndex index = embedlab::LineIndex::build(gFile);
    gBuildSeconds.push_back(secondsSince(start));
    state.SetIterationTime(gBuildSeconds.back());
    gLines = index.lineCount();
    gIndexBytesPerLine = static_cast<double>(index.memoryBytes()) / static_cast<double>(gLines);
    benchmark::DoNotOptimize(index);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(std::filesystem::file_size(gFile)));
  state.counters["lines"] = static_cast<double>(gLines);
  state.counters["index_bytes_per_line"] = gIndexBytesPerLine;
}

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

void loadCachedIndex(benchmark::State& state) {
  embedlab::LineIndexOptions options;
  options.cacheDirectory = cacheFolder();
  (void)embedlab::LineIndex::open(gFile, options);  // writes the cache
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    embedlab::LineIndex index = embedlab::LineIndex::open(gFile, options);
    gLoadSeconds.push_back(secondsSince(start));
    if (!index.loadedFromCache()) state.SkipWithError("cache not used");
    benchmark::DoNotOptimize(index);
  }
}

// Peak memory of one build, measured in a forked child before this process has allocated and
// freed large blocks (glibc keeps freed memory resident and reuses it, which would hide growth).
double measurePeakRssGrowthBytes() {
  int channel[2];
  if (::pipe(channel) != 0) return -1;
  const pid_t child = ::fork();
  if (child == 0) {
    resetPeakRss();
    const long before = embedlab::bench::statusKiB("VmRSS:");
    const embedlab::LineIndex index = embedlab::LineIndex::build(gFile);
    const double growth =
        static_cast<double>(embedlab::bench::statusKiB("VmHWM:") - before) * 1024.0;
    benchmark::DoNotOptimize(index);
    (void)!::write(channel[1], &growth, sizeof growth);
    ::_exit(0);
  }
  double growth = -1;
  (void)!::read(channel[0], &growth, sizeof growth);
  ::waitpid(child, nullptr, 0);
  ::close(channel[0]);
  ::close(channel[1]);
  return growth;
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t sizeMb = 1024;
  std::filesystem::path dir = std::filesystem::temp_directory_path();
  bool keep = false;
  std::string profile = "train";
  std::vector<char*> rest = {argv[0]};
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--size-mb") == 0 && i + 1 < argc) {
      sizeMb = std::strtoull(argv[++i], nullptr, 10);
    } else if (std::strcmp(argv[i], "--dir") == 0 && i + 1 < argc) {
      dir = argv[++i];
    } else if (std::strcmp(argv[i], "--file") == 0 && i + 1 < argc) {
      gFile = argv[++i];
      keep = true;
    } else if (std::strcmp(argv[i], "--profile") == 0 && i + 1 < argc) {
      profile = argv[++i];
    } else if (std::strcmp(argv[i], "--keep") == 0) {
      keep = true;
    } else {
      rest.push_back(argv[i]);
    }
  }
  if (gFile.empty()) {
    gFile = dir / ("embedlab-bench-line-index-" + profile + ".jsonl");
    if (!std::filesystem::exists(gFile) || std::filesystem::file_size(gFile) < (sizeMb << 20)) {
      std::cerr << "generating " << sizeMb << " MB of " << profile << " lines in " << gFile << "\n";
      generate(gFile, sizeMb << 20, profile);
    }
  }
  gPeakRssGrowthBytes = measurePeakRssGrowthBytes();
  int restCount = static_cast<int>(rest.size());
  benchmark::Initialize(&restCount, rest.data());
  // Warm the page cache once so that both passes read from memory, as the ratio intends.
  {
    std::ifstream warm(gFile, std::ios::binary);
    std::vector<char> buffer(4 << 20);
    while (warm.read(buffer.data(), static_cast<std::streamsize>(buffer.size()))) {
    }
  }
  benchmark::RegisterBenchmark("build_line_index_vs_read", buildAgainstRead)
      ->Iterations(7)
      ->UseManualTime()
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("load_cached_index", loadCachedIndex)
      ->Iterations(5)
      ->UseRealTime()
      ->Unit(benchmark::kMillisecond);
  benchmark::ConsoleReporter reporter;  // the table goes to stderr, stdout stays JSON
  reporter.SetOutputStream(&std::cerr);
  reporter.SetErrorStream(&std::cerr);
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();

  std::vector<double> ratios;
  for (std::size_t i = 0; i < gReadSeconds.size() && i < gBuildSeconds.size(); ++i) {
    ratios.push_back(gBuildSeconds[i] / gReadSeconds[i]);
  }
  const double read = median(gReadSeconds);
  const double build = median(gBuildSeconds);
  const double load = median(gLoadSeconds);
  const auto fileBytes = std::filesystem::file_size(gFile);
  std::printf(
      "{\"bench\":\"line_index\",\"profile\":\"%s\",\"file_bytes\":%llu,\"lines\":%llu,"
      "\"sequential_read_s\":%.4f,"
      "\"build_index_s\":%.4f,\"load_cached_index_s\":%.4f,\"build_over_read\":%.3f,"
      "\"target_build_over_read\":1.5,\"index_bytes_per_line\":%.2f,"
      "\"target_index_bytes_per_line\":16,\"peak_rss_growth_bytes_per_line\":%.2f,"
      "\"peak_rss_growth_MiB\":%.1f}\n",
      profile.c_str(), static_cast<unsigned long long>(fileBytes),
      static_cast<unsigned long long>(gLines), read, build, load, median(ratios),
      gIndexBytesPerLine, gLines ? gPeakRssGrowthBytes / static_cast<double>(gLines) : 0.0,
      gPeakRssGrowthBytes / (1 << 20));
  std::filesystem::remove_all(cacheFolder());
  if (!keep) std::filesystem::remove(gFile);
  return 0;
}
