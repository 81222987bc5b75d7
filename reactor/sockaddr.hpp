// Private: conversions between snmpio::endpoint and the BSD socket address structures.
#pragma once

#include <snmpio/endpoint.hpp>

#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>

namespace snmpio::detail {

/// Fills `ss` from `e`; returns the length to pass to the kernel (0 if `e` is empty).
inline socklen_t to_sockaddr(const endpoint& e, sockaddr_storage& ss) noexcept {
  std::memset(&ss, 0, sizeof(sockaddr_in6));
  if (e.is_v4()) {
    auto* sin = reinterpret_cast<sockaddr_in*>(&ss);
    sin->sin_family = AF_INET;
    sin->sin_port = htons(e.port());
    std::memcpy(&sin->sin_addr, e.address_bytes().data(), 4);
#if defined(__APPLE__) || defined(__FreeBSD__) || defined(__NetBSD__) || defined(__OpenBSD__)
    sin->sin_len = sizeof(sockaddr_in);
#endif
    return sizeof(sockaddr_in);
  }
  if (e.is_v6()) {
    auto* sin6 = reinterpret_cast<sockaddr_in6*>(&ss);
    sin6->sin6_family = AF_INET6;
    sin6->sin6_port = htons(e.port());
    std::memcpy(&sin6->sin6_addr, e.address_bytes().data(), 16);
    sin6->sin6_scope_id = e.scope_id();
#if defined(__APPLE__) || defined(__FreeBSD__) || defined(__NetBSD__) || defined(__OpenBSD__)
    sin6->sin6_len = sizeof(sockaddr_in6);
#endif
    return sizeof(sockaddr_in6);
  }
  return 0;
}

/// The endpoint held by a sockaddr_in or sockaddr_in6; empty for anything else.
inline endpoint from_sockaddr(const sockaddr* sa, socklen_t len) noexcept {
  if (sa == nullptr) return {};
  if (sa->sa_family == AF_INET && len >= static_cast<socklen_t>(sizeof(sockaddr_in))) {
    const auto* sin = reinterpret_cast<const sockaddr_in*>(sa);
    endpoint::bytes_v4 a;
    std::memcpy(a.data(), &sin->sin_addr, 4);
    return endpoint::v4(a, ntohs(sin->sin_port));
  }
  if (sa->sa_family == AF_INET6 && len >= static_cast<socklen_t>(sizeof(sockaddr_in6))) {
    const auto* sin6 = reinterpret_cast<const sockaddr_in6*>(sa);
    endpoint::bytes_v6 a;
    std::memcpy(a.data(), &sin6->sin6_addr, 16);
    return endpoint::v6(a, ntohs(sin6->sin6_port), sin6->sin6_scope_id);
  }
  return {};
}

}  // namespace snmpio::detail
