#include "reactor/timer_heap.hpp"

#include <utility>

namespace snmpio::detail {

timer_id timer_heap::add(time_point deadline, callback fn) {
  std::uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
  }
  std::uint64_t seq = next_seq_++;
  slots_[slot].seq = seq;
  slots_[slot].fn = std::move(fn);
  heap_.push_back({});
  place(heap_.size() - 1, entry{deadline, seq, slot});
  sift_up(heap_.size() - 1);
  return timer_id{seq, slot};
}

bool timer_heap::cancel(timer_id id) noexcept {
  if (id.seq == 0 || id.slot >= slots_.size() || slots_[id.slot].seq != id.seq) return false;
  slot_t& s = slots_[id.slot];
  std::size_t i = s.heap_index;
  callback dead = std::move(s.fn);  // destroyed after the heap is consistent again
  s.seq = 0;
  free_slots_.push_back(id.slot);
  remove_at(i);
  return true;
}

bool timer_heap::pop_expired(time_point now, std::uint64_t max_seq, callback& out) {
  if (heap_.empty()) return false;
  const entry& top = heap_.front();
  if (top.deadline > now || top.seq > max_seq) return false;
  slot_t& s = slots_[top.slot];
  out = std::move(s.fn);
  s.seq = 0;
  free_slots_.push_back(top.slot);
  remove_at(0);
  return true;
}

void timer_heap::clear() noexcept {
  std::vector<slot_t> slots = std::move(slots_);
  heap_.clear();
  slots_.clear();
  free_slots_.clear();
  // `slots` (and the callbacks' captures) die here, after the heap is empty, so a
  // capture's destructor that touches the heap finds it consistent.
}

void timer_heap::sift_up(std::size_t i) noexcept {
  entry e = heap_[i];
  while (i > 0) {
    std::size_t parent = (i - 1) / 2;
    if (!before(e, heap_[parent])) break;
    place(i, heap_[parent]);
    i = parent;
  }
  place(i, e);
}

void timer_heap::sift_down(std::size_t i) noexcept {
  entry e = heap_[i];
  std::size_t n = heap_.size();
  for (;;) {
    std::size_t child = 2 * i + 1;
    if (child >= n) break;
    if (child + 1 < n && before(heap_[child + 1], heap_[child])) ++child;
    if (!before(heap_[child], e)) break;
    place(i, heap_[child]);
    i = child;
  }
  place(i, e);
}

void timer_heap::remove_at(std::size_t i) noexcept {
  std::size_t last = heap_.size() - 1;
  if (i != last) {
    place(i, heap_[last]);
    heap_.pop_back();
    if (i > 0 && before(heap_[i], heap_[(i - 1) / 2]))
      sift_up(i);
    else
      sift_down(i);
  } else {
    heap_.pop_back();
  }
}

}  // namespace snmpio::detail
