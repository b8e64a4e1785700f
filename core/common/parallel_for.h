// Running fn(i) for i in [0, count) on several threads, in contiguous chunks; the first exception
// a worker throws is rethrown on the calling thread after all workers stopped.
#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace embedlab {

/// `threads` 0 means the hardware's thread count; work below `minimumPerThread` items per thread
/// runs on fewer threads (thread start-up costs more than tiny chunks save).
template <typename Fn>
void parallelFor(std::size_t count, unsigned threads, Fn fn, std::size_t minimumPerThread = 64) {
  if (threads == 0) threads = std::max(1U, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(
      std::max<std::size_t>(1, std::min<std::size_t>(threads, count / minimumPerThread)));
  if (threads <= 1) {
    for (std::size_t i = 0; i < count; ++i)
      fn(i);
    return;
  }
  std::vector<std::thread> workers;
  std::vector<std::exception_ptr> errors(threads);
  const std::size_t chunk = (count + threads - 1) / threads;
  for (unsigned t = 0; t < threads; ++t) {
    const std::size_t begin = std::min(count, t * chunk);
    const std::size_t end = std::min(count, begin + chunk);
    workers.emplace_back([&fn, &errors, t, begin, end] {
      try {
        for (std::size_t i = begin; i < end; ++i)
          fn(i);
      } catch (...) {
        errors[t] = std::current_exception();
      }
    });
  }
  for (std::thread& worker : workers)
    worker.join();
  for (const std::exception_ptr& error : errors) {
    if (error) std::rethrow_exception(error);
  }
}

}  // namespace embedlab
