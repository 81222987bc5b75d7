// Private: the reactor's timers. A binary min-heap in a vector, ordered by (deadline,
// sequence number) so that equal deadlines fire in the order they were armed. Each
// timer lives in a slot whose index is stored in the heap entry and whose heap position
// is stored back in the slot, so cancel() is O(log n) without a search; a timer_id
// carries the slot and the sequence number, so a stale id never matches a reused slot.
#pragma once

#include <snmpio/reactor.hpp>
#include <snmpio/unique_function.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

namespace snmpio::detail {

class timer_heap {
 public:
  using time_point = std::chrono::steady_clock::time_point;
  using callback = unique_function<void()>;

  timer_id add(time_point deadline, callback fn);
  bool cancel(timer_id id) noexcept;

  bool empty() const noexcept { return heap_.empty(); }
  std::size_t size() const noexcept { return heap_.size(); }
  std::optional<time_point> earliest() const noexcept {
    if (heap_.empty()) return std::nullopt;
    return heap_.front().deadline;
  }
  /// The sequence number the most recently armed timer received.
  std::uint64_t last_seq() const noexcept { return next_seq_ - 1; }

  /// Removes the earliest timer if its deadline is <= now and it was armed with a
  /// sequence number <= max_seq (so timers armed by callbacks of this pass wait for the
  /// next); moves its callback to `out`. The slot is freed before the caller runs it.
  bool pop_expired(time_point now, std::uint64_t max_seq, callback& out);

  /// Drops every timer without calling it.
  void clear() noexcept;

 private:
  struct entry {
    time_point deadline;
    std::uint64_t seq;
    std::uint32_t slot;
  };
  struct slot_t {
    std::uint64_t seq = 0;  // 0: free
    std::uint32_t heap_index = 0;
    callback fn;
  };

  static bool before(const entry& a, const entry& b) noexcept {
    return a.deadline < b.deadline || (a.deadline == b.deadline && a.seq < b.seq);
  }
  void place(std::size_t i, const entry& e) noexcept {
    heap_[i] = e;
    slots_[e.slot].heap_index = static_cast<std::uint32_t>(i);
  }
  void sift_up(std::size_t i) noexcept;
  void sift_down(std::size_t i) noexcept;
  void remove_at(std::size_t i) noexcept;

  std::vector<entry> heap_;
  std::vector<slot_t> slots_;
  std::vector<std::uint32_t> free_slots_;
  std::uint64_t next_seq_ = 1;
};

}  // namespace snmpio::detail
