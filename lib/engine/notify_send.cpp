// The engine's primitive for unconfirmed notifications (traps): encoded once and sent
// once from the manager socket. SNMPv3 traps carry this engine as the authoritative
// one (RFC 3414 §1.5.1 / RFC 3412 §7.1 step 9a for unconfirmed-class PDUs).
#include "engine/engine_impl.hpp"

#include "crypto/random.hpp"

#include <cstring>

namespace snmpio::detail {

std::error_code engine_impl::encode_unconfirmed(const credentials& auth, const pdu& p, std::vector<std::uint8_t>& out) {
  if (p.type != pdu_type::trap_v1 && p.type != pdu_type::trap_v2) return errc::invalid_argument;
  if (!ber::pdu_allowed(auth.version, p.type)) return errc::invalid_argument;
  if (auth.version == snmp_version::v1 || auth.version == snmp_version::v2c) {
    ber::community_message m{auth.version, auth.community, p};
    if (auto ec = ber::encode_community_message(writer_, m)) return ec;
    out.assign(writer_.data().begin(), writer_.data().end());
    return {};
  }
  if (auth.version != snmp_version::v3 || !auth.user) return errc::invalid_argument;
  const usm_user_state& user = *auth.user;
  if (user.keys_localized && user.localized_engine != engine_id_) return errc::unknown_engine_id;

  const std::uint8_t level = user.level_flags();  // never reportable: a trap gets no Report
  ber::v3_header h{next_msg_id(), 65507, level, ber::usm_security_model};
  ber::usm_security_parameters usm;
  usm.engine_id = engine_id_;
  usm.engine_boots = engine_boots();
  usm.engine_time = engine_time();
  usm.user_name = user.user_name;
  const usm_user_state::localized* keys = nullptr;
  if (level) {
    auto k = auth.user->keys_for(engine_id_);
    if (!k) return k.error();
    keys = *k;
  }
  ber::scoped_pdu s;
  s.context_engine_id = auth.ctx.context_engine_id.empty() ? engine_id_ : auth.ctx.context_engine_id;
  s.context_name = auth.ctx.context_name;
  s.data = p;
  return encode_protected(h, usm, s, keys, out);
}

namespace {

struct trap_send {
  std::vector<std::uint8_t> wire;
  unique_function<void(std::error_code)> on_sent;
};

}  // namespace

std::error_code engine_impl::send_unconfirmed(const credentials& auth, const target& to, pdu p,
                                              unique_function<void(std::error_code)> on_sent) {
  if (shutting_down_) return errc::shutdown;
  const bool v6 = std::holds_alternative<udp6_target>(to);
  const std::string& host = v6 ? std::get<udp6_target>(to).host : std::get<udp_target>(to).host;
  const std::uint16_t port = v6 ? std::get<udp6_target>(to).port : std::get<udp_target>(to).port;
  if (host.empty()) return errc::invalid_argument;

  auto job = std::make_shared<trap_send>();
  // Encoded now, so that a bad PDU or user is this call's error, not a callback's.
  if (auto ec = encode_unconfirmed(auth, p, job->wire)) return ec;
  job->on_sent = std::move(on_sent);

  auto transmit_to = [this](const endpoint& peer, const std::shared_ptr<trap_send>& j) -> std::error_code {
    if (auto ec = ensure_socket(peer.family())) return ec;
    auto& sock = peer.is_v6() ? sock6_ : sock4_;
    const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(j->wire.data()), j->wire.size());
    udp_socket::send_handler done;
    if (j->on_sent) done = [j](std::error_code ec) { j->on_sent(ec); };
    if (auto ec = sock->send(bytes, peer, std::move(done))) return ec;
    ++stats_.sent;
    return {};
  };

  if (auto numeric = endpoint::parse(host, port)) {
    if (numeric->is_v6() != v6) return errc::invalid_argument;
    return transmit_to(*numeric, job);
  }
  std::weak_ptr<engine_impl> self = weak_from_this();
  return loop_.resolve(
      host, port,
      [self, job, transmit_to](std::error_code rec, std::vector<endpoint> found) {
        auto e = self.lock();
        std::error_code ec = rec;
        if (!e) ec = errc::shutdown;
        else if (!ec && found.empty()) ec = errc::resolve_failed;
        if (!ec) {
          ec = transmit_to(found.front(), job);
          if (!ec) return;  // on_sent runs from the socket's completion
        }
        if (job->on_sent) job->on_sent(ec);
      },
      v6 ? resolve_family::ipv6 : resolve_family::ipv4);
}

}  // namespace snmpio::detail

