// snmpio — unique_function<R(Args...)>: a move-only, type-erased callable.
//
// snmpio stores every asynchronous callback in one of these. Unlike std::function it
// accepts move-only callables (a lambda owning a unique_ptr or a reply token), and a
// callable of up to `inline_size` bytes lives inside the object, so posting a task or
// arming a timer with a small capture never allocates.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>

namespace snmpio {

template <class Signature>
class unique_function;

template <class R, class... Args>
class unique_function<R(Args...)> {
 public:
  /// Callables up to this size (and alignment of max_align_t) are stored inline.
  static constexpr std::size_t inline_size = 4 * sizeof(void*);

  unique_function() noexcept = default;
  unique_function(std::nullptr_t) noexcept {}

  template <class F, class D = std::decay_t<F>,
            class = std::enable_if_t<!std::is_same_v<D, unique_function> &&
                                     std::is_invocable_r_v<R, D&, Args...>>>
  unique_function(F&& f) {  // NOLINT: implicit like std::function
    if constexpr (std::is_pointer_v<D> || std::is_member_pointer_v<D> ||
                  std::is_same_v<D, std::function<R(Args...)>>) {
      if (!f) return;  // an empty function pointer or std::function stays empty
    }
    if constexpr (stored_inline<D>) {
      ::new (static_cast<void*>(&storage_)) D(std::forward<F>(f));
      ops_ = &inline_ops<D>;
    } else {
      *reinterpret_cast<D**>(&storage_) = new D(std::forward<F>(f));
      ops_ = &heap_ops<D>;
    }
  }

  unique_function(unique_function&& other) noexcept : ops_(other.ops_) {
    if (ops_) {
      ops_->relocate(&storage_, &other.storage_);
      other.ops_ = nullptr;
    }
  }

  unique_function& operator=(unique_function&& other) noexcept {
    if (this != &other) {
      reset();
      if (other.ops_) {
        other.ops_->relocate(&storage_, &other.storage_);
        ops_ = other.ops_;
        other.ops_ = nullptr;
      }
    }
    return *this;
  }

  unique_function& operator=(std::nullptr_t) noexcept {
    reset();
    return *this;
  }

  unique_function(const unique_function&) = delete;
  unique_function& operator=(const unique_function&) = delete;

  ~unique_function() { reset(); }

  explicit operator bool() const noexcept { return ops_ != nullptr; }

  /// Calls the target. Calling an empty unique_function is undefined behaviour.
  R operator()(Args... args) { return ops_->call(&storage_, std::forward<Args>(args)...); }

  void swap(unique_function& other) noexcept {
    unique_function tmp(std::move(other));
    other = std::move(*this);
    *this = std::move(tmp);
  }

  friend bool operator==(const unique_function& f, std::nullptr_t) noexcept { return !f; }

 private:
  struct storage_t {
    alignas(std::max_align_t) unsigned char bytes[inline_size];
  };
  struct ops_t {
    R (*call)(void*, Args&&...);
    void (*relocate)(void* dst, void* src) noexcept;  // move-construct into dst, destroy src
    void (*destroy)(void*) noexcept;
  };

  template <class D>
  static constexpr bool stored_inline = sizeof(D) <= inline_size &&
                                        alignof(D) <= alignof(std::max_align_t) &&
                                        std::is_nothrow_move_constructible_v<D>;

  template <class D>
  static constexpr ops_t inline_ops{
      [](void* s, Args&&... args) -> R {
        return std::invoke(*std::launder(static_cast<D*>(s)), std::forward<Args>(args)...);
      },
      [](void* dst, void* src) noexcept {
        D* from = std::launder(static_cast<D*>(src));
        ::new (dst) D(std::move(*from));
        from->~D();
      },
      [](void* s) noexcept { std::launder(static_cast<D*>(s))->~D(); },
  };

  template <class D>
  static constexpr ops_t heap_ops{
      [](void* s, Args&&... args) -> R {
        return std::invoke(**static_cast<D**>(s), std::forward<Args>(args)...);
      },
      [](void* dst, void* src) noexcept { *static_cast<D**>(dst) = *static_cast<D**>(src); },
      [](void* s) noexcept { delete *static_cast<D**>(s); },
  };

  void reset() noexcept {
    if (ops_) {
      const ops_t* ops = ops_;
      ops_ = nullptr;
      ops->destroy(&storage_);
    }
  }

  storage_t storage_;
  const ops_t* ops_ = nullptr;
};

}  // namespace snmpio
