// snmpio — result<T>: a value or a std::error_code, a small stand-in for C++23's
// std::expected<T, std::error_code>.
#pragma once

#include <snmpio/error.hpp>

#include <cassert>
#include <system_error>
#include <type_traits>
#include <utility>
#include <variant>

namespace snmpio {

template <class T>
class result {
  static_assert(!std::is_reference_v<T>, "result<T&> is not supported");
  static_assert(!std::is_same_v<std::remove_cv_t<T>, std::error_code>,
                "result<std::error_code> is ambiguous");

 public:
  using value_type = T;

  result(const T& v) : v_(std::in_place_index<0>, v) {}
  result(T&& v) : v_(std::in_place_index<0>, std::move(v)) {}
  template <class... Args>
  explicit result(std::in_place_t, Args&&... args)
      : v_(std::in_place_index<0>, std::forward<Args>(args)...) {}
  /// An error result. `ec` must be an error (not a default-constructed code).
  result(std::error_code ec) : v_(std::in_place_index<1>, ec) { assert(ec); }
  result(errc e) : result(make_error_code(e)) {}

  bool has_value() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  /// The value; throws std::system_error holding error() when there is none.
  T& value() & { check(); return *std::get_if<0>(&v_); }
  const T& value() const& { check(); return *std::get_if<0>(&v_); }
  T&& value() && { check(); return std::move(*std::get_if<0>(&v_)); }

  /// Unchecked access; has_value() must be true.
  T& operator*() & noexcept { assert(has_value()); return *std::get_if<0>(&v_); }
  const T& operator*() const& noexcept { assert(has_value()); return *std::get_if<0>(&v_); }
  T&& operator*() && noexcept { assert(has_value()); return std::move(*std::get_if<0>(&v_)); }
  T* operator->() noexcept { assert(has_value()); return std::get_if<0>(&v_); }
  const T* operator->() const noexcept { assert(has_value()); return std::get_if<0>(&v_); }

  /// The error, or a default (success) error_code when there is a value.
  std::error_code error() const noexcept {
    const std::error_code* e = std::get_if<1>(&v_);
    return e ? *e : std::error_code{};
  }

  template <class U>
  T value_or(U&& fallback) const& {
    return has_value() ? **this : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  void check() const {
    if (!has_value()) throw std::system_error(*std::get_if<1>(&v_));
  }
  std::variant<T, std::error_code> v_;
};

}  // namespace snmpio
