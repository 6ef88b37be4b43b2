#pragma once
// Independent tasks on a few threads started for one call (no global pool; the calling
// thread takes part). Errors are deterministic: the exception of the lowest-numbered failing
// task is rethrown, as a serial loop would have thrown it, whatever the scheduling.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace skops::detail {

/// Below this many bytes of members, reading them on several threads costs more than it
/// saves (threads contend on shared counters and the allocator; hgb's 1 377 small arrays:
/// 5.3 ms on one thread, 8.5 ms on two), so archive checks and array reads stay on one.
constexpr std::uint64_t kParallelMinBytes = 8ull << 20;

/// `requested` threads, or std::thread::hardware_concurrency() for 0 (at least 1).
inline unsigned resolve_threads(unsigned requested) noexcept {
  if (requested != 0) return requested;
  return std::max(1u, std::thread::hardware_concurrency());
}

/// Calls fn(i) for every i in [0, n) on up to `threads` threads (0: hardware concurrency).
/// Tasks after a failed one may be skipped. If no thread can be started, runs serially.
template <class Fn>
void parallel_for(std::size_t n, unsigned threads, Fn&& fn) {
  const std::size_t workers = std::min<std::size_t>(resolve_threads(threads), n);
  if (workers <= 1) {
    for (std::size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> first_failed{n};
  std::mutex mutex;
  std::exception_ptr error;
  auto work = [&]() noexcept {
    for (;;) {
      const std::size_t i = next.fetch_add(1, std::memory_order_relaxed);
      // A task after a failed one cannot change which error is reported.
      if (i >= n || i > first_failed.load(std::memory_order_relaxed)) return;
      try {
        fn(i);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (i < first_failed.load(std::memory_order_relaxed)) {
          first_failed.store(i, std::memory_order_relaxed);
          error = std::current_exception();
        }
      }
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  for (std::size_t k = 1; k < workers; ++k) {
    try {
      pool.emplace_back(work);
    } catch (...) {
      break;  // fewer threads: the others (and this one) take the remaining tasks
    }
  }
  work();
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace skops::detail
