// SNMPv3 on the manager side (RFC 3412 message processing, RFC 3414 §3 and §4 as the
// non-authoritative engine): users and their keys, engine discovery shared by all
// requests to an agent, the timeline, authentication, privacy, and Reports.
#include "engine/engine_impl.hpp"

#include "crypto/random.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

namespace snmpio::detail {
namespace {

constexpr std::int32_t int32_max = std::numeric_limits<std::int32_t>::max();
constexpr std::size_t max_cached_users = 1024;
constexpr std::size_t max_engines_per_user = 4096;

crypto::auth_algorithm to_algorithm(auth_protocol p) noexcept {
  switch (p) {
    case auth_protocol::none: return crypto::auth_algorithm::none;
    case auth_protocol::hmac_md5: return crypto::auth_algorithm::md5;
    case auth_protocol::hmac_sha: return crypto::auth_algorithm::sha1;
    case auth_protocol::hmac_sha224: return crypto::auth_algorithm::sha224;
    case auth_protocol::hmac_sha256: return crypto::auth_algorithm::sha256;
    case auth_protocol::hmac_sha384: return crypto::auth_algorithm::sha384;
    case auth_protocol::hmac_sha512: return crypto::auth_algorithm::sha512;
  }
  return crypto::auth_algorithm::none;
}

crypto::priv_algorithm to_algorithm(priv_protocol p) noexcept {
  switch (p) {
    case priv_protocol::none: return crypto::priv_algorithm::none;
    case priv_protocol::des: return crypto::priv_algorithm::des;
    case priv_protocol::tdes: return crypto::priv_algorithm::tdes;
    case priv_protocol::aes128: return crypto::priv_algorithm::aes128;
    case priv_protocol::aes192_blumenthal: return crypto::priv_algorithm::aes192;
    case priv_protocol::aes256_blumenthal: return crypto::priv_algorithm::aes256;
    case priv_protocol::aes192_reeder: return crypto::priv_algorithm::aes192_reeder;
    case priv_protocol::aes256_reeder: return crypto::priv_algorithm::aes256_reeder;
  }
  return crypto::priv_algorithm::none;
}

std::span<const std::uint8_t> bytes_of(std::string_view s) noexcept {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

// usmStats (1.3.6.1.6.3.15.1.1.N.0) Reports, RFC 3414 §5.
std::error_code report_error(const pdu& report) {
  if (report.varbinds.empty()) return errc::report;
  const oid& name = report.varbinds.front().name;
  static const oid usm_stats{1, 3, 6, 1, 6, 3, 15, 1, 1};
  if (name.size() == 11 && name.starts_with(usm_stats) && name[10] == 0) {
    switch (name[9]) {
      case 1: return errc::unsupported_security_level;
      case 2: return errc::not_in_time_window;
      case 3: return errc::unknown_user_name;
      case 4: return errc::unknown_engine_id;
      case 5: return errc::authentication_failure;
      case 6: return errc::decryption_error;
      default: break;
    }
  }
  return errc::report;
}

bool confirmed_class(pdu_type t) noexcept {
  return t == pdu_type::get_request || t == pdu_type::get_next_request || t == pdu_type::get_bulk_request ||
         t == pdu_type::set_request || t == pdu_type::inform_request;
}

}  // namespace

// ---------------------------------------------------------------- users and keys

std::error_code usm_user_state::localized::prepare(crypto::auth_algorithm a, crypto::priv_algorithm p) {
  if (a != crypto::auth_algorithm::none) {
    if (auto ec = mac.init(a, auth.view())) return ec;
  }
  if (p != crypto::priv_algorithm::none) {
    if (auto ec = cipher.init(p, priv.view())) return ec;
  }
  return {};
}

result<const usm_user_state::localized*> usm_user_state::keys_for(const std::string& engine_id) {
  if (auto it = by_engine.find(engine_id); it != by_engine.end()) return &it->second;
  if (keys_localized) return errc::unknown_engine_id;  // localized keys fit one engine only
  localized l;
  const auto engine = bytes_of(engine_id);
  if (auth != crypto::auth_algorithm::none) {
    if (auto ec = crypto::localize_key(auth, auth_ku.view(), engine, l.auth)) return ec;
  }
  if (priv != crypto::priv_algorithm::none) {
    crypto::secure_bytes kul;
    if (auto ec = crypto::localize_key(auth, priv_ku.view(), engine, kul)) return ec;
    if (auto ec = crypto::extend_priv_key(auth, priv, kul.view(), engine, l.priv)) return ec;
  }
  if (auto ec = l.prepare(auth, priv)) return ec;
  if (by_engine.size() >= max_engines_per_user) by_engine.clear();  // bounded: a flood of engines
  return &by_engine.emplace(engine_id, std::move(l)).first->second;
}

result<credentials> engine_impl::make_credentials(const usm_user_data& u, const context_data& ctx) {
  if (u.user_name.size() > 32) return errc::invalid_argument;
  const auto auth = to_algorithm(u.auth);
  const auto priv = to_algorithm(u.priv);
  if (auth == crypto::auth_algorithm::none && priv != crypto::priv_algorithm::none) return errc::invalid_argument;
  if (!crypto::priv_available(priv)) return errc::unsupported_protocol;
  auto key_ok = [&](const std::string& key, key_type type) {
    if (type == key_type::passphrase) return key.size() >= 8;
    return key.size() == crypto::digest_length(auth);  // Ku or Kul: the hash length
  };
  if (auth != crypto::auth_algorithm::none && !key_ok(u.auth_key, u.auth_key_type)) return errc::invalid_argument;
  if (priv != crypto::priv_algorithm::none && !key_ok(u.priv_key, u.priv_key_type)) return errc::invalid_argument;
  if ((u.auth_key_type == key_type::localized || u.priv_key_type == key_type::localized) &&
      (u.security_engine_id.empty() || u.auth_key_type != u.priv_key_type))
    return errc::invalid_argument;

  // Users are found again by a hash of everything that makes them, each hit confirmed
  // field by field (keys in constant time): a changed key is never a stale hit, and no
  // hashing of secrets happens per request.
  std::uint64_t h = 0xcbf29ce484222325ull;
  auto mix = [&h](std::string_view part) {
    for (unsigned char c : part) h = (h ^ c) * 0x100000001b3ull;
    h = (h ^ part.size()) * 0x100000001b3ull;
  };
  mix(u.user_name);
  mix(u.auth_key);
  mix(u.priv_key);
  mix(u.security_engine_id);
  h = (h ^ (static_cast<unsigned>(u.auth) | static_cast<unsigned>(u.priv) << 8 |
            static_cast<unsigned>(u.auth_key_type) << 16 | static_cast<unsigned>(u.priv_key_type) << 24)) *
      0x100000001b3ull;

  credentials c;
  c.version = snmp_version::v3;
  c.ctx = ctx;
  auto& bucket = users_[h];
  for (const auto& cand : bucket) {
    if (cand->user_name == u.user_name && cand->auth == auth && cand->priv == priv &&
        cand->auth_key_type == static_cast<std::uint8_t>(u.auth_key_type) &&
        cand->priv_key_type == static_cast<std::uint8_t>(u.priv_key_type) &&
        cand->localized_engine == u.security_engine_id &&
        crypto::secure_equal(cand->given_auth_key.view(), bytes_of(u.auth_key)) &&
        crypto::secure_equal(cand->given_priv_key.view(), bytes_of(u.priv_key))) {
      c.user = cand;
      return c;
    }
  }
  auto st = std::make_shared<usm_user_state>();
  st->user_name = u.user_name;
  st->auth = auth;
  st->priv = priv;
  st->auth_key_type = static_cast<std::uint8_t>(u.auth_key_type);
  st->priv_key_type = static_cast<std::uint8_t>(u.priv_key_type);
  st->given_auth_key = crypto::secure_bytes(bytes_of(u.auth_key));
  st->given_priv_key = crypto::secure_bytes(bytes_of(u.priv_key));
  if (u.auth_key_type == key_type::localized) {
    st->keys_localized = true;
    st->localized_engine = u.security_engine_id;
    usm_user_state::localized l;
    l.auth = crypto::secure_bytes(bytes_of(u.auth_key));
    if (priv != crypto::priv_algorithm::none) {
      if (auto ec = crypto::extend_priv_key(auth, priv, bytes_of(u.priv_key), bytes_of(u.security_engine_id), l.priv))
        return ec;
    }
    if (auto ec = l.prepare(auth, priv)) return ec;
    st->by_engine.emplace(u.security_engine_id, std::move(l));
  } else {
    auto derive = [&](const std::string& k, key_type type, crypto::secure_bytes& ku) -> std::error_code {
      if (type == key_type::master) {
        ku = crypto::secure_bytes(bytes_of(k));
        return {};
      }
      return crypto::password_to_key(auth, k, ku);
    };
    if (auth != crypto::auth_algorithm::none) {
      if (auto ec = derive(u.auth_key, u.auth_key_type, st->auth_ku)) return ec;
    }
    if (priv != crypto::priv_algorithm::none) {
      if (auto ec = derive(u.priv_key, u.priv_key_type, st->priv_ku)) return ec;
    }
    st->localized_engine = u.security_engine_id;  // a known engine: no discovery needed
  }
  if (user_count_ >= max_cached_users) {  // bounded; requests in flight keep their users
    users_.clear();
    user_count_ = 0;
  }
  users_[h].push_back(st);
  ++user_count_;
  c.user = std::move(st);
  return c;
}

// ---------------------------------------------------------------- sending

std::int32_t engine_impl::next_msg_id() {
  while (true) {
    const auto id = static_cast<std::int32_t>(next_msg_id_++ & 0x7FFFFFFFu);
    if (id != 0 && !by_msg_id_.count(id)) return id;
  }
}

std::int32_t engine_impl::estimated_time(const remote_engine& e) const noexcept {
  const auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(loop_.now() - e.synced_at).count();
  return static_cast<std::int32_t>(std::min<long long>(int32_max, static_cast<long long>(e.time) + elapsed));
}

void engine_impl::start_v3_record(pending_request& r) {
  remote_engine& e = engines_[r.peer];
  if (!e.known && r.v3->user && !r.v3->user->localized_engine.empty()) {
    // The caller named the engine: no discovery. Boots and time start at 0; an
    // authenticated notInTimeWindow Report then sets them (one resend).
    e.known = true;
    e.engine_id = r.v3->user->localized_engine;
    e.synced_at = loop_.now();
  }
  if (!e.known) {
    r.awaiting_engine = true;
    e.waiting.push_back(r.serial);
    if (!e.probe_serial) send_probe(r.peer, target_options{r.timeout, r.retries_left});
    return;
  }
  if (auto ec = encode_v3(r)) {
    complete_later(&r, ec);
    return;
  }
  if ((waiting_ == 0 || options_.max_in_flight_per_target) && may_send(r)) {
    transmit(r);
  } else {
    r.waiting = true;
    ++waiting_;
    wait_queue_.push_back(r.serial);
  }
}

std::error_code engine_impl::encode_v3(pending_request& r) {
  const remote_engine* e = nullptr;
  if (!r.v3->is_probe) {
    auto it = engines_.find(r.peer);
    if (it == engines_.end() || !it->second.known) return errc::unknown_engine_id;
    e = &it->second;
  }
  if (r.msg_id) by_msg_id_.erase(r.msg_id);
  r.msg_id = next_msg_id();
  by_msg_id_[r.msg_id] = &r;

  const std::uint8_t level = r.v3->user ? r.v3->user->level_flags() : 0;
  ber::v3_header h{r.msg_id, 65507,
                   static_cast<std::uint8_t>(level | (confirmed_class(r.v3->request.type) ? ber::msg_flags::reportable : 0)),
                   ber::usm_security_model};
  ber::usm_security_parameters usm;
  if (e) {
    usm.engine_id = e->engine_id;
    usm.engine_boots = e->boots;
    usm.engine_time = estimated_time(*e);
  }
  const usm_user_state::localized* keys = nullptr;
  if (r.v3->user) {
    usm.user_name = r.v3->user->user_name;
    if (level) {
      auto k = r.v3->user->keys_for(usm.engine_id);
      if (!k) return k.error();
      keys = *k;
    }
  }
  ber::scoped_pdu s;
  s.context_engine_id = r.v3->ctx.context_engine_id.empty() ? usm.engine_id : r.v3->ctx.context_engine_id;
  s.context_name = r.v3->ctx.context_name;
  s.data = r.v3->request;
  return encode_protected(h, usm, s, keys, r.wire);
}

std::error_code engine_impl::encode_protected(const ber::v3_header& h, ber::usm_security_parameters& usm,
                                              const ber::scoped_pdu& s, const usm_user_state::localized* keys,
                                              std::vector<std::uint8_t>& out) {
  const bool auth = (h.flags & ber::msg_flags::auth) != 0;
  const bool priv = (h.flags & ber::msg_flags::priv) != 0;
  if ((auth || priv) && !keys) return errc::invalid_argument;
  // Zeros where the digest goes: they are what the digest covers (RFC 3414 §6.3.1).
  usm.auth_params.assign(auth ? keys->mac.length() : 0, '\0');
  usm.priv_params.clear();
  ber::v3_encoding where;
  if (priv) {
    scoped_writer_.clear();
    if (auto ec = ber::encode_scoped_pdu(scoped_writer_, s)) return ec;
    std::uint8_t params[8];
    if (!salt_) crypto::random_bytes(&salt_, sizeof salt_);
    if (auto ec = keys->cipher.encrypt(usm.engine_boots, usm.engine_time, salt_++, scoped_writer_.data(), ciphertext_,
                                       params))
      return ec;
    usm.priv_params.assign(reinterpret_cast<const char*>(params), 8);
    if (auto ec = ber::encode_v3_message_encrypted(writer_, h, usm, ciphertext_, &where)) return ec;
  } else {
    if (auto ec = ber::encode_v3_message(writer_, h, usm, s, &where)) return ec;
  }
  out.assign(writer_.data().begin(), writer_.data().end());
  if (auth) {
    // The digest goes straight into its place.
    std::uint8_t digest[64];
    if (auto ec = keys->mac.compute(out, digest)) return ec;
    std::memcpy(out.data() + where.auth_params_offset, digest, keys->mac.length());
  }
  return {};
}

void engine_impl::resend_now(pending_request& r) {
  disarm(r);
  transmit(r);
}

void engine_impl::send_probe(const endpoint& peer, const target_options& opt) {
  pending_request p;
  const std::uint64_t serial = next_serial_++;
  p.serial = serial;
  p.request_id = next_request_id();
  p.version = snmp_version::v3;
  p.type = pdu_type::get_request;
  p.peer = peer;
  p.timeout = opt.timeout;
  p.retries_left = opt.retries;
  p.v3 = std::make_unique<v3_request>();
  p.v3->is_probe = true;
  p.v3->request.type = pdu_type::get_request;
  p.v3->request.request_id = p.request_id;
  std::weak_ptr<engine_impl> self = weak_from_this();
  p.handler = [self, peer](std::error_code ec, response) {
    if (auto e = self.lock()) e->discovery_done(peer, ec);
  };
  pending_request* raw = &by_request_id_.emplace(p.request_id, std::move(p)).first->second;
  by_serial_.emplace(serial, raw);
  auto [tit, inserted] = targets_.try_emplace(peer);
  if (inserted) tit->second.peer = peer;
  raw->target = &tit->second;
  ++tit->second.refs;
  engines_[peer].probe_serial = serial;
  ++stats_.discoveries;
  if (auto ec = encode_v3(*raw)) {
    complete_later(raw, ec);
    return;
  }
  transmit(*raw);  // discovery goes ahead of the window: everything else waits for it
}

void engine_impl::discovery_done(const endpoint& peer, std::error_code ec) {
  auto it = engines_.find(peer);
  if (it == engines_.end()) return;
  it->second.probe_serial = 0;
  const bool ok = !ec && it->second.known;
  if (!ok && !ec) ec = errc::unknown_engine_id;
  std::vector<std::uint64_t> waiting = std::move(it->second.waiting);
  it->second.waiting.clear();
  // Handlers run below may add engines (rehash): look nothing up through `it` again.
  for (std::uint64_t serial : waiting) {
    auto f = by_serial_.find(serial);
    if (f == by_serial_.end()) continue;
    pending_request* r = f->second;
    if (!r->awaiting_engine) continue;
    r->awaiting_engine = false;
    if (!ok) {
      complete(r, ec, {});
      continue;
    }
    start_v3_record(*r);
  }
}

// ---------------------------------------------------------------- receiving

void engine_impl::on_v3_datagram(std::span<const std::uint8_t> data, const endpoint& from) {
  ber::v3_message_view v;
  ber::decode_tally tally;
  if (ber::decode_v3_message(data, v, &tally)) {
    ++stats_.parse_errors;
    return;
  }
  if (v.header.security_model != ber::usm_security_model) {
    ++stats_.unknown_security_models;
    return;
  }
  ber::usm_security_parameters_view u;
  if (ber::decode_usm_security_parameters(v.security_parameters, u, &tally)) {
    ++stats_.parse_errors;
    return;
  }
  // The envelope and the security parameters decoded: what they tolerated counts.
  count_tolerated(tally);
  auto found = by_msg_id_.find(v.header.msg_id);
  if (found == by_msg_id_.end() || !found->second->in_flight) {
    ++stats_.unknown_request_id;
    return;
  }
  pending_request* r = found->second;
  if (!options_.accept_any_source && from != r->peer) {
    ++stats_.wrong_source;
    return;
  }
  remote_engine& e = engines_[r->peer];
  const std::string msg_engine(ber::as_chars(u.engine_id));
  const bool authenticated = (v.header.flags & ber::msg_flags::auth) != 0;
  const usm_user_state::localized* keys = nullptr;

  if (authenticated) {
    // RFC 3414 §3.2: the user and engine must be ours, the digest must verify.
    if (!r->v3->user || !(r->v3->user->level_flags() & ber::msg_flags::auth) ||
        ber::as_chars(u.user_name) != r->v3->user->user_name || !e.known || msg_engine != e.engine_id ||
        u.auth_params.size() != crypto::auth_params_length(r->v3->user->auth)) {
      ++stats_.wrong_digests;
      return;
    }
    auto k = r->v3->user->keys_for(msg_engine);
    if (!k) {
      ++stats_.wrong_digests;
      return;
    }
    keys = *k;
    scratch_.assign(data.begin(), data.end());
    const std::size_t at = static_cast<std::size_t>(u.auth_params.data() - data.data());
    std::memset(scratch_.data() + at, 0, u.auth_params.size());
    std::uint8_t digest[48];
    if (keys->mac.compute(scratch_, digest) ||
        !crypto::secure_equal(std::span<const std::uint8_t>(digest, keys->mac.length()), u.auth_params)) {
      ++stats_.wrong_digests;
      return;
    }
    if (!e.time_authenticated) {
      // The first authentic word from this engine: it replaces the unauthenticated hint
      // from discovery, whatever that said (a forged discovery Report cannot lock us out).
      e.boots = u.engine_boots;
      e.time = u.engine_time;
      e.synced_at = loop_.now();
      e.time_authenticated = true;
    }
    // RFC 3414 §3.2.7 b: an authentic message moves the timeline forward...
    const std::int32_t local = estimated_time(e);
    if (u.engine_boots > e.boots || (u.engine_boots == e.boots && u.engine_time > local)) {
      e.boots = u.engine_boots;
      e.time = u.engine_time;
      e.synced_at = loop_.now();
    }
    // ...and one from too far in the past is not in the time window.
    const bool outside = e.boots == int32_max || u.engine_boots < e.boots ||
                         (u.engine_boots == e.boots && u.engine_time < estimated_time(e) - 150);
    if (outside) {
      ++stats_.not_in_time_windows;
      complete(r, errc::not_in_time_window, {});
      return;
    }
  }

  std::span<const std::uint8_t> scoped = v.scoped_pdu_data;
  std::vector<std::uint8_t> plain;
  if (v.encrypted) {
    if (!keys || r->v3->user->priv == crypto::priv_algorithm::none ||
        keys->cipher.decrypt(u.engine_boots, u.engine_time, u.priv_params, v.scoped_pdu_data, plain)) {
      ++stats_.decryption_errors;
      return;
    }
    scoped = plain;
  }
  ber::scoped_pdu sp;
  ber::decode_tally pdu_tally;
  if (ber::decode_scoped_pdu(scoped, sp, v.encrypted, &pdu_tally)) {
    if (v.encrypted) {
      ++stats_.decryption_errors;  // what decrypts to garbage was a wrong key
    } else {
      ++stats_.parse_errors;
    }
    return;
  }
  count_tolerated(pdu_tally);

  if (sp.data.type == pdu_type::report) {
    const std::error_code rec = report_error(sp.data);
    if (r->v3->is_probe) {
      if (rec == errc::unknown_engine_id && !u.engine_id.empty()) {
        // Discovery (RFC 3414 §4): the Report names the engine. Its boots and time are
        // unauthenticated: a starting point that an authenticated message corrects.
        e.known = true;
        e.engine_id = msg_engine;
        e.boots = u.engine_boots;
        e.time = u.engine_time;
        e.synced_at = loop_.now();
        e.time_authenticated = false;
        complete(r, {}, {});
      } else {
        complete(r, rec, {});
      }
      return;
    }
    if (rec == errc::not_in_time_window && authenticated && !r->v3->resynced) {
      r->v3->resynced = true;  // the timeline was updated above; resend once
      ++stats_.resyncs;
      if (auto ec = encode_v3(*r)) return complete(r, ec, {});
      resend_now(*r);
      return;
    }
    if (rec == errc::unknown_engine_id && !r->v3->rediscovered && !r->v3->user->keys_localized) {
      // The agent's engine changed (replaced or reset): rediscover once.
      r->v3->rediscovered = true;
      e.known = false;
      e.boots = e.time = 0;
      e.time_authenticated = false;
      disarm(*r);
      target_state& t = *r->target;
      if (r->prev) r->prev->next = r->next;
      else t.head = r->next;
      if (r->next) r->next->prev = r->prev;
      r->prev = r->next = nullptr;
      --t.in_flight;
      --in_flight_;
      r->in_flight = false;
      if (r->msg_id) by_msg_id_.erase(r->msg_id);
      r->msg_id = 0;
      start_v3_record(*r);
      admit_waiting();
      return;
    }
    complete(r, rec, {});
    return;
  }
  if (r->v3->is_probe) {
    complete(r, errc::unknown_engine_id, {});
    return;
  }
  // RFC 3412 §7.2.10-12: the answer must match what was asked, with the same user,
  // security level and context.
  const std::string expected_context = r->v3->ctx.context_engine_id.empty() ? e.engine_id : r->v3->ctx.context_engine_id;
  if (sp.data.type != pdu_type::response) {
    ++stats_.unexpected_pdu;
    return;
  }
  if ((v.header.flags & 3) != r->v3->user->level_flags() || ber::as_chars(u.user_name) != r->v3->user->user_name ||
      sp.context_engine_id != expected_context || sp.context_name != r->v3->ctx.context_name ||
      sp.data.request_id != r->request_id) {
    ++stats_.wrong_community;  // the v3 counterpart: the answer is not for this request
    return;
  }
  ++stats_.responses;
  complete(r, {}, response{sp.data.error_status, sp.data.error_index, std::move(sp.data.varbinds)});
}

}  // namespace snmpio::detail
