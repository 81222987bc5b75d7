// snmpio — a variable binding: an OID and its value.
#pragma once

#include <snmpio/oid.hpp>
#include <snmpio/value.hpp>

namespace snmpio {

/// One variable binding (RFC 3416 VarBind). In a request the value is usually NULL.
struct varbind {
  oid name{};
  snmpio::value value{};

  friend bool operator==(const varbind& a, const varbind& b) noexcept {
    return a.name == b.name && a.value == b.value;
  }
};

}  // namespace snmpio
