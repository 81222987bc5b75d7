// Test helper: a small authoritative SNMPv3 agent (RFC 3414 §3.2) on an
// snmpio::udp_socket, built from the library's own codec and USM cryptography. It
// answers GETs with one fixed value, and every knob a manager-side test needs is in the
// test's hands: the engine ID, boots and time (settable mid-test), whether to answer,
// which Report to send, and a hook that may replace the default answer with any reply
// (wrong user, level, context, digest, boots, padding ...). Every datagram it receives
// is recorded decoded (decrypted when it can), so a test can check what the manager sent.
#pragma once

#include <snmpio/reactor.hpp>
#include <snmpio/udp.hpp>

#include "ber/message_codec.hpp"
#include "crypto/usm_crypto.hpp"

#include <chrono>
#include <cstdint>
#include <cstring>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace snmpio::test {

/// The usmStats counters whose names a Report carries (1.3.6.1.6.3.15.1.1.N.0).
enum class usm_stat : std::uint32_t {
  unsupported_sec_levels = 1,
  not_in_time_windows = 2,
  unknown_user_names = 3,
  unknown_engine_ids = 4,
  wrong_digests = 5,
  decryption_errors = 6,
};

inline oid usm_stat_oid(usm_stat s) { return oid{1, 3, 6, 1, 6, 3, 15, 1, 1, static_cast<std::uint32_t>(s), 0}; }

/// A user of the agent, with passphrases (localized to the agent's engine ID on use).
struct v3_agent_user {
  std::string name;
  crypto::auth_algorithm auth = crypto::auth_algorithm::none;
  std::string auth_pass{};
  crypto::priv_algorithm priv = crypto::priv_algorithm::none;
  std::string priv_pass{};

  std::uint8_t level() const noexcept {
    return static_cast<std::uint8_t>((auth != crypto::auth_algorithm::none ? 1 : 0) |
                                     (priv != crypto::priv_algorithm::none ? 2 : 0));
  }
};

/// One datagram the agent received, decoded as far as it could be.
struct v3_received {
  std::vector<std::uint8_t> raw;
  endpoint from;
  bool decoded = false;          ///< header and security parameters decoded
  ber::v3_header header;
  ber::usm_security_parameters usm;
  bool has_scoped = false;       ///< the scopedPDU decoded (decrypted when encrypted)
  ber::scoped_pdu scoped;
  const v3_agent_user* user = nullptr;  ///< the user named, when the agent has it
  bool authentic = false;        ///< the digest verified with the user's key for our engine
  bool decrypted = false;
  std::uint8_t level() const noexcept { return header.flags & 3; }
};

/// How to build one reply; every field left unset follows the request.
struct v3_reply {
  pdu_type type = pdu_type::response;
  /// Response varbinds; empty: each requested name with the agent's value.
  std::vector<varbind> varbinds{};
  std::optional<std::uint8_t> level{};  ///< msgFlags & 3 (default: the request's)
  std::optional<std::string> engine_id{}, user_name{}, context_engine_id{}, context_name{};
  std::optional<std::int32_t> boots{}, time{}, request_id{}, msg_id{}, security_model{};
  bool flip_digest_bit = false;  ///< one bit of msgAuthenticationParameters inverted
  /// Zero-pad the plaintext scopedPDU to the next multiple of this (at least one octet)
  /// before encrypting, as PySNMP 4.4.12 does with AES-CFB; 0: no padding.
  std::size_t pad_plaintext_to = 0;
  const v3_agent_user* user = nullptr;  ///< whose keys sign and encrypt (default: the request's)
};

class fake_v3_agent {
 public:
  /// Runs on each received datagram before the default processing; returns true when
  /// it handled the datagram (replied, or chose silence).
  using hook = std::function<bool(fake_v3_agent& self, const v3_received& request)>;

  explicit fake_v3_agent(reactor& loop, std::string engine_id = std::string("\x80\x00\x1f\x88\x04snmpio-fake", 16))
      : loop_(loop), engine_id_(std::move(engine_id)) {
    auto s = udp_socket::open(loop, endpoint::loopback_v4(0), {.receive_buffer_size = 4 << 20, .receive_batch = 64});
    if (!s) throw std::runtime_error("fake_v3_agent: " + s.error().message());
    sock_ = std::move(*s);
    set_time(100);
    sock_.on_receive([this](std::span<const std::byte> data, const endpoint& from, const endpoint&) {
      on_datagram({reinterpret_cast<const std::uint8_t*>(data.data()), data.size()}, from);
    });
  }
  fake_v3_agent(const fake_v3_agent&) = delete;
  fake_v3_agent& operator=(const fake_v3_agent&) = delete;

  // ---- knobs
  void add_user(v3_agent_user u) {
    users_[u.name] = std::move(u);
    keys_.clear();
  }
  void set_engine_id(std::string id) { engine_id_ = std::move(id); }
  void set_boots(std::int32_t b) { boots_ = b; }
  /// snmpEngineTime now; it then advances with the steady clock.
  void set_time(std::int32_t t) {
    time_base_ = t;
    time_mark_ = std::chrono::steady_clock::now();
  }
  /// A reboot: boots + 1, time back to 0.
  void reboot() {
    ++boots_;
    set_time(0);
  }
  void set_answering(bool on) { answering_ = on; }
  /// Answer every authentic request with this Report instead of a Response.
  void set_forced_report(std::optional<usm_stat> s) { forced_report_ = s; }
  void set_hook(hook h) { hook_ = std::move(h); }
  void set_value(std::string v) { value_ = std::move(v); }

  // ---- state
  reactor& loop() noexcept { return loop_; }
  const std::string& engine_id() const noexcept { return engine_id_; }
  std::int32_t boots() const noexcept { return boots_; }
  std::int32_t engine_time() const noexcept {
    const auto s = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - time_mark_);
    return static_cast<std::int32_t>(time_base_ + s.count());
  }
  const std::string& value_text() const noexcept { return value_; }
  std::uint16_t port() const noexcept { return sock_.local_endpoint().port(); }
  endpoint address() const noexcept { return sock_.local_endpoint(); }
  const std::vector<v3_received>& received() const noexcept { return received_; }
  void clear_received() { received_.clear(); }
  std::size_t responses_sent() const noexcept { return responses_sent_; }
  std::size_t reports_sent(usm_stat s) const {
    auto it = reports_sent_.find(s);
    return it == reports_sent_.end() ? 0 : it->second;
  }
  std::size_t reports_sent() const {
    std::size_t n = 0;
    for (auto& [s, c] : reports_sent_) n += c;
    return n;
  }

  // ---- replies
  /// The default processing of an authoritative engine (RFC 3414 §3.2), then a
  /// Response with the agent's value for each requested name.
  void process(const v3_received& q) {
    if (!q.decoded) return;
    if (q.usm.engine_id != engine_id_) return report(q, usm_stat::unknown_engine_ids);
    if (!q.user) return report(q, usm_stat::unknown_user_names);
    if ((q.level() & ~q.user->level()) != 0) return report(q, usm_stat::unsupported_sec_levels);
    if ((q.level() & 1) && !q.authentic) return report(q, usm_stat::wrong_digests);
    if ((q.level() & 1) && !in_time_window(q.usm.engine_boots, q.usm.engine_time))
      return report(q, usm_stat::not_in_time_windows);
    if ((q.level() & 2) && !q.decrypted) return report(q, usm_stat::decryption_errors);
    if (!q.has_scoped) return;
    if (forced_report_) return report(q, *forced_report_);
    if (!answering_) return;
    reply(q, {});
  }

  /// RFC 3414 §3.2.7 a: the same boots, and a time within 150 seconds.
  bool in_time_window(std::int32_t boots, std::int32_t time) const noexcept {
    const std::int64_t d = static_cast<std::int64_t>(time) - engine_time();
    return boots_ != 0x7FFFFFFF && boots == boots_ && d <= 150 && d >= -150;
  }

  /// A Report naming `s`: authNoPriv for notInTimeWindow (RFC 3414 §3.2.7 a),
  /// noAuthNoPriv otherwise, with the agent's engine ID, boots and time.
  void report(const v3_received& q, usm_stat s, std::uint32_t count = 1) {
    v3_reply r;
    r.type = pdu_type::report;
    r.varbinds.push_back({usm_stat_oid(s), value::counter32(count)});
    r.level = s == usm_stat::not_in_time_windows ? 1 : 0;
    r.engine_id = engine_id_;
    r.context_engine_id = engine_id_;
    r.context_name = "";
    if (!q.has_scoped) r.request_id = 0;
    ++reports_sent_[s];
    reply(q, r);
  }

  /// Encodes, signs and (at authPriv) encrypts a reply to `q` and sends it.
  void reply(const v3_received& q, const v3_reply& spec) {
    auto wire = build(q, spec);
    if (spec.type == pdu_type::response) ++responses_sent_;
    sock_.send(std::as_bytes(std::span<const std::uint8_t>(wire)), q.from);
  }
  /// The reply's bytes without sending them.
  std::vector<std::uint8_t> build(const v3_received& q, const v3_reply& spec) {
    const std::uint8_t level = spec.level.value_or(q.level());
    const v3_agent_user* user = spec.user ? spec.user : q.user;
    ber::v3_header h{spec.msg_id.value_or(q.header.msg_id), 65507, level,
                     spec.security_model.value_or(ber::usm_security_model)};
    ber::usm_security_parameters usm;
    usm.engine_id = spec.engine_id.value_or(engine_id_);
    usm.engine_boots = spec.boots.value_or(boots_);
    usm.engine_time = spec.time.value_or(engine_time());
    usm.user_name = spec.user_name.value_or(q.usm.user_name);
    if ((level & 1) && !user) throw std::runtime_error("fake_v3_agent: an authenticated reply needs a user");
    const key_pair* keys = level ? &keys_for(*user, usm.engine_id) : nullptr;
    if (level & 1) usm.auth_params.assign(crypto::auth_params_length(user->auth), '\0');

    ber::scoped_pdu s;
    s.context_engine_id = spec.context_engine_id.value_or(q.has_scoped ? q.scoped.context_engine_id : engine_id_);
    s.context_name = spec.context_name.value_or(q.has_scoped ? q.scoped.context_name : std::string());
    s.data.type = spec.type;
    s.data.request_id = spec.request_id.value_or(q.has_scoped ? q.scoped.data.request_id : 0);
    s.data.varbinds = spec.varbinds;
    if (s.data.varbinds.empty() && spec.type == pdu_type::response && q.has_scoped)
      for (const auto& vb : q.scoped.data.varbinds) s.data.varbinds.push_back({vb.name, value::octet_string(value_)});

    ber::writer w;
    ber::v3_encoding where;
    if (level & 2) {
      ber::writer sw;
      if (ber::encode_scoped_pdu(sw, s)) throw std::runtime_error("fake_v3_agent: scopedPDU encode");
      std::vector<std::uint8_t> plain(sw.data().begin(), sw.data().end());
      if (spec.pad_plaintext_to)
        plain.resize((plain.size() / spec.pad_plaintext_to + 1) * spec.pad_plaintext_to, 0);
      std::vector<std::uint8_t> cipher;
      std::uint8_t params[8];
      if (crypto::encrypt(user->priv, keys->priv.view(), usm.engine_boots, usm.engine_time, ++salt_, plain, cipher,
                          params))
        throw std::runtime_error("fake_v3_agent: encrypt");
      usm.priv_params.assign(reinterpret_cast<const char*>(params), 8);
      if (ber::encode_v3_message_encrypted(w, h, usm, cipher, &where)) throw std::runtime_error("fake_v3_agent: encode");
    } else {
      if (ber::encode_v3_message(w, h, usm, s, &where)) throw std::runtime_error("fake_v3_agent: encode");
    }
    std::vector<std::uint8_t> wire(w.data().begin(), w.data().end());
    if (level & 1) {
      std::vector<std::uint8_t> digest;
      if (crypto::hmac(user->auth, keys->auth.view(), wire, digest)) throw std::runtime_error("fake_v3_agent: hmac");
      std::memcpy(wire.data() + where.auth_params_offset, digest.data(), digest.size());
      if (spec.flip_digest_bit) wire[where.auth_params_offset + 3] ^= 0x10;
    }
    return wire;
  }

  void send_raw(std::span<const std::uint8_t> bytes, const endpoint& to) { sock_.send(std::as_bytes(bytes), to); }

 private:
  struct key_pair {
    crypto::secure_bytes auth, priv;
  };

  const key_pair& keys_for(const v3_agent_user& u, const std::string& engine) {
    const std::string id = u.name + '\0' + engine;
    if (auto it = keys_.find(id); it != keys_.end()) return it->second;
    key_pair k;
    const auto e = ber::as_bytes(engine);
    if (u.auth != crypto::auth_algorithm::none) {
      crypto::secure_bytes ku;
      if (crypto::password_to_key(u.auth, u.auth_pass, ku) || crypto::localize_key(u.auth, ku.view(), e, k.auth))
        throw std::runtime_error("fake_v3_agent: auth key");
    }
    if (u.priv != crypto::priv_algorithm::none) {
      crypto::secure_bytes ku, kul;
      if (crypto::password_to_key(u.auth, u.priv_pass, ku) || crypto::localize_key(u.auth, ku.view(), e, kul) ||
          crypto::extend_priv_key(u.auth, u.priv, kul.view(), e, k.priv))
        throw std::runtime_error("fake_v3_agent: priv key");
    }
    return keys_.emplace(id, std::move(k)).first->second;
  }

  void on_datagram(std::span<const std::uint8_t> data, const endpoint& from) {
    v3_received q;
    q.raw.assign(data.begin(), data.end());
    q.from = from;
    ber::v3_message_view v;
    ber::usm_security_parameters_view u;
    if (!ber::decode_v3_message(data, v) && !ber::decode_usm_security_parameters(v.security_parameters, u)) {
      q.decoded = true;
      q.header = v.header;
      q.usm = {std::string(ber::as_chars(u.engine_id)), u.engine_boots, u.engine_time,
               std::string(ber::as_chars(u.user_name)), std::string(ber::as_chars(u.auth_params)),
               std::string(ber::as_chars(u.priv_params))};
      if (auto it = users_.find(q.usm.user_name); it != users_.end()) q.user = &it->second;
      const bool ours = q.usm.engine_id == engine_id_;
      if (q.user && ours && (q.level() & 1) && q.user->auth != crypto::auth_algorithm::none &&
          u.auth_params.size() == crypto::auth_params_length(q.user->auth)) {
        std::vector<std::uint8_t> zeroed(q.raw);
        std::memset(zeroed.data() + (u.auth_params.data() - data.data()), 0, u.auth_params.size());
        std::vector<std::uint8_t> digest;
        q.authentic = !crypto::hmac(q.user->auth, keys_for(*q.user, engine_id_).auth.view(), zeroed, digest) &&
                      crypto::secure_equal(digest, u.auth_params);
      }
      if (!v.encrypted) {
        q.has_scoped = !ber::decode_scoped_pdu(v.scoped_pdu_data, q.scoped);
      } else if (q.authentic && q.user->priv != crypto::priv_algorithm::none) {
        std::vector<std::uint8_t> plain;
        q.decrypted = !crypto::decrypt(q.user->priv, keys_for(*q.user, engine_id_).priv.view(), u.engine_boots,
                                       u.engine_time, u.priv_params, v.scoped_pdu_data, plain) &&
                      !ber::decode_scoped_pdu(plain, q.scoped, true);
        q.has_scoped = q.decrypted;
      }
    }
    received_.push_back(q);
    if (hook_ && hook_(*this, received_.back())) return;
    process(received_.back());
  }

  reactor& loop_;
  udp_socket sock_;
  std::string engine_id_;
  std::int32_t boots_ = 1;
  std::int32_t time_base_ = 0;
  std::chrono::steady_clock::time_point time_mark_;
  bool answering_ = true;
  std::optional<usm_stat> forced_report_;
  hook hook_;
  std::string value_ = "snmpio fake SNMPv3 agent";
  std::map<std::string, v3_agent_user> users_;
  std::map<std::string, key_pair> keys_;
  std::vector<v3_received> received_;
  std::map<usm_stat, std::size_t> reports_sent_;
  std::size_t responses_sent_ = 0;
  std::uint64_t salt_ = 0x1000;
};

}  // namespace snmpio::test
