// The authoritative engine's incoming side: agent sockets, message processing of
// requests and notifications (RFC 3412 §7.2; v1/v2c communities, RFC 3584), the USM as
// the authoritative engine (RFC 3414 §3.2, every check with its usmStats counter and
// Report), VACM (RFC 3415) resolved once per request, and the agent counters.
#include "engine/agent_side.hpp"

#include "crypto/random.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

namespace snmpio {
namespace detail {
namespace {

constexpr std::int32_t int32_max = std::numeric_limits<std::int32_t>::max();

// Report OIDs (RFC 3414 usmStats, RFC 3412 snmpMPDStats, RFC 3413 snmpUnknownContexts).
const oid usm_stats_unsupported_sec_levels{1, 3, 6, 1, 6, 3, 15, 1, 1, 1, 0};
const oid usm_stats_not_in_time_windows{1, 3, 6, 1, 6, 3, 15, 1, 1, 2, 0};
const oid usm_stats_unknown_user_names{1, 3, 6, 1, 6, 3, 15, 1, 1, 3, 0};
const oid usm_stats_unknown_engine_ids{1, 3, 6, 1, 6, 3, 15, 1, 1, 4, 0};
const oid usm_stats_wrong_digests{1, 3, 6, 1, 6, 3, 15, 1, 1, 5, 0};
const oid usm_stats_decryption_errors{1, 3, 6, 1, 6, 3, 15, 1, 1, 6, 0};
const oid snmp_unknown_pdu_handlers{1, 3, 6, 1, 6, 3, 11, 2, 1, 3, 0};
const oid snmp_unknown_contexts{1, 3, 6, 1, 6, 3, 12, 1, 5, 0};

std::span<const std::uint8_t> bytes_of(std::string_view s) noexcept {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

bool is_request(pdu_type t) noexcept {
  return t == pdu_type::get_request || t == pdu_type::get_next_request || t == pdu_type::get_bulk_request ||
         t == pdu_type::set_request;
}
bool is_notification(pdu_type t) noexcept {
  return t == pdu_type::trap_v1 || t == pdu_type::trap_v2 || t == pdu_type::inform_request;
}
bool confirmed_class(pdu_type t) noexcept { return is_request(t) || t == pdu_type::inform_request; }

security_level level_of(std::uint8_t flags) noexcept {
  return (flags & ber::msg_flags::priv) ? security_level::auth_priv
         : (flags & ber::msg_flags::auth) ? security_level::auth_no_priv
                                           : security_level::no_auth_no_priv;
}

std::uint32_t counter32(std::uint64_t v) noexcept { return static_cast<std::uint32_t>(v); }

// The octets a v1/v2c response adds around its variable-bindings SEQUENCE, at most.
std::size_t community_overhead(const std::string& community) noexcept {
  // message SEQUENCE 4, version 3, community 4+n, PDU 4, request-id 6, error-status 3,
  // error-index 3.
  return 27 + community.size();
}

// The same for an SNMPv3 response (worst case lengths, DES padding included).
std::size_t v3_overhead(const agent_reply& st, std::size_t engine_id_size) noexcept {
  std::size_t n = 4 + 3 + (4 + 6 + 6 + 3 + 3);                 // message, version, HeaderData
  n += 4 + 4 + (2 + engine_id_size) + 6 + 6 + (2 + st.user_name.size());  // UsmSecurityParameters
  n += 2 + (st.user ? crypto::auth_params_length(st.user->auth) : 0) + 2 + 8;
  n += 4 + 8;                                                  // encryptedPDU and padding
  n += 4 + (2 + st.context_engine_id.size()) + (4 + st.context_name.size());  // ScopedPDU
  n += 4 + 6 + 3 + 3;                                          // PDU
  return n;
}

bool parse_network(const std::string& spec, community_rule& rule) {
  if (spec.empty() || spec == "default") {
    rule.family = address_family::none;
    return true;
  }
  std::string addr = spec;
  std::string bits;
  if (auto slash = spec.find('/'); slash != std::string::npos) {
    addr = spec.substr(0, slash);
    bits = spec.substr(slash + 1);
  }
  auto ep = endpoint::parse(addr.find(':') != std::string::npos ? "[" + addr + "]" : addr);
  if (!ep || ep->port() != 0) return false;
  rule.family = ep->family();
  const auto b = ep->address_bytes();
  std::copy(b.begin(), b.end(), rule.network.begin());
  const unsigned max_bits = static_cast<unsigned>(b.size() * 8);
  if (bits.empty()) {
    rule.prefix = max_bits;
  } else if (bits.find('.') != std::string::npos) {
    // A dotted mask (255.255.0.0), as com2sec also takes.
    auto m = endpoint::parse(bits);
    if (!m || !m->is_v4() || !ep->is_v4()) return false;
    unsigned n = 0;
    bool ended = false;
    for (std::uint8_t octet : m->address_bytes()) {
      for (int i = 7; i >= 0; --i) {
        const bool one = (octet >> i) & 1;
        if (one && ended) return false;  // not a contiguous mask
        if (one) ++n;
        else ended = true;
      }
    }
    rule.prefix = n;
  } else {
    char* end = nullptr;
    const unsigned long n = std::strtoul(bits.c_str(), &end, 10);
    if (*end || n > max_bits) return false;
    rule.prefix = static_cast<unsigned>(n);
  }
  return true;
}

bool network_matches(const community_rule& r, const endpoint& from) noexcept {
  if (r.family == address_family::none) return true;
  const endpoint src = from.unmapped();
  if (src.family() != r.family) return false;
  const auto b = src.address_bytes();
  for (unsigned i = 0; i < r.prefix; ++i) {
    const std::uint8_t bit = static_cast<std::uint8_t>(0x80u >> (i % 8));
    if ((b[i / 8] & bit) != (r.network[i / 8] & bit)) return false;
  }
  return true;
}

}  // namespace

agent_side& engine_impl::agent() {
  if (!agent_) agent_ = std::make_unique<agent_side>();
  return *agent_;
}

std::int32_t engine_impl::engine_boots() const noexcept { return boots_; }

std::int32_t engine_impl::engine_time() const noexcept {
  auto t = std::chrono::duration_cast<std::chrono::seconds>(loop_.now() - started_) + clock_offset_;
  return static_cast<std::int32_t>(std::min<long long>(t.count(), int32_max));
}

std::uint32_t engine_impl::uptime() const noexcept {
  auto t = std::chrono::duration_cast<std::chrono::milliseconds>(loop_.now() - started_) + clock_offset_;
  return static_cast<std::uint32_t>(static_cast<std::uint64_t>(t.count() / 10));  // wraps at 2^32
}

void engine_impl::advance_clock_for_testing(std::chrono::seconds by) noexcept { clock_offset_ += by; }

std::error_code engine_impl::listen(const endpoint& local) {
  if (local.empty()) return make_error_code(errc::invalid_argument);
  udp_options uo;
  uo.receive_buffer_size = options_.receive_buffer_size;
  uo.v6_only = true;
  uo.receive_batch = 32;
  auto s = udp_socket::open(loop_, local, uo);
  if (!s) return s.error();
  const std::size_t index = agent().sockets.size();
  s->on_receive([this, index](std::span<const std::byte> data, const endpoint& from, const endpoint& at) {
    agent_receive({reinterpret_cast<const std::uint8_t*>(data.data()), data.size()}, from, at, index);
  });
  s->on_error([](std::error_code, const endpoint&) {});  // an agent has no request to fail
  agent().sockets.push_back(std::move(*s));
  return {};
}

std::vector<endpoint> engine_impl::listening_endpoints() const {
  std::vector<endpoint> out;
  if (agent_)
    for (const auto& s : agent_->sockets) out.push_back(s.local_endpoint());
  return out;
}

std::error_code engine_impl::add_community(const community_entry& entry) {
  if (entry.community.empty() || entry.community.size() > 255 || entry.security_name.size() > 32)
    return make_error_code(errc::invalid_argument);
  community_rule rule;
  rule.entry = entry;
  if (rule.entry.security_name.empty()) rule.entry.security_name = entry.community;
  if (!parse_network(entry.source, rule)) return make_error_code(errc::invalid_argument);
  agent().communities.push_back(std::move(rule));
  return {};
}

std::error_code engine_impl::add_usm_user(const usm_user_data& user) {
  if (user.user_name.empty()) return make_error_code(errc::invalid_argument);
  usm_user_data u = user;
  const bool local = u.security_engine_id.empty() || u.security_engine_id == engine_id_;
  if (local) u.security_engine_id = u.auth_key_type == key_type::localized ? engine_id_ : std::string();
  if (!local && (u.security_engine_id.size() < 5 || u.security_engine_id.size() > 32))
    return make_error_code(errc::invalid_argument);
  auto c = make_credentials(u, {});
  if (!c) return c.error();
  const std::string engine = local ? engine_id_ : user.security_engine_id;
  if (c->user->level_flags()) {
    // Localize now: never in the receive path.
    auto k = c->user->keys_for(engine);
    if (!k) return k.error();
  }
  agent().users[{engine, u.user_name}] = c->user;
  return {};
}

std::shared_ptr<usm_user_state> engine_impl::local_user(const std::string& user_name) const {
  if (!agent_) return nullptr;
  auto it = agent_->users.find(std::pair<std::string, std::string>(engine_id_, user_name));
  return it == agent_->users.end() ? nullptr : it->second;
}

void engine_impl::set_learn_engine_ids(bool on) noexcept { agent().learn_engine_ids = on; }
void engine_impl::set_notifications_any_community(bool on) noexcept { agent().notifications_any_community = on; }

vacm& engine_impl::access_control() noexcept { return agent().access; }

agent_stats engine_impl::agent_statistics() const noexcept { return agent_ ? agent_->counters : agent_stats{}; }
agent_stats& engine_impl::agent_counters() noexcept { return agent().counters; }

bool engine_impl::register_responder(const std::string& context, request_sink* sink) {
  if (!sink) return false;
  return agent().responders.emplace(context, sink).second;
}

void engine_impl::unregister_responder(const std::string& context, request_sink* sink) noexcept {
  if (!agent_) return;
  auto it = agent_->responders.find(context);
  if (it != agent_->responders.end() && it->second == sink) agent_->responders.erase(it);
}

bool engine_impl::register_receiver(notification_sink* sink) {
  if (!sink || agent().receiver) return false;
  agent().receiver = sink;
  return true;
}

void engine_impl::unregister_receiver(notification_sink* sink) noexcept {
  if (agent_ && agent_->receiver == sink) agent_->receiver = nullptr;
}

void engine_impl::set_agent_output_for_testing(datagram_sink sink) { agent().output_for_testing = std::move(sink); }

void engine_impl::on_agent_datagram(std::span<const std::uint8_t> data, const endpoint& from, const endpoint& local) {
  agent_receive(data, from, local, static_cast<std::size_t>(-1));
}

void engine_impl::agent_send(std::span<const std::uint8_t> data, const endpoint& to, const endpoint& local,
                             std::size_t socket) {
  agent_side& a = agent();
  if (data.size() > max_udp_payload(to.family())) {
    ++a.counters.silent_drops;
    return;
  }
  ++a.counters.out_pkts;
  if (socket < a.sockets.size()) {
    const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(data.data()), data.size());
    const auto ec = local.is_unspecified() || local.empty() ? a.sockets[socket].send(bytes, to)
                                                            : a.sockets[socket].send_from(bytes, to, local);
    if (ec) ++a.counters.silent_drops;  // counted, never a silent failure
  } else if (a.output_for_testing) {
    a.output_for_testing(data, to);
  }
}

void engine_impl::agent_receive(std::span<const std::uint8_t> data, const endpoint& from, const endpoint& local,
                                std::size_t socket) {
  agent_side& a = agent();
  ++a.counters.in_pkts;
  std::int32_t version = -1;
  if (ber::peek_version(data, version)) {
    ++a.counters.in_asn_parse_errs;
    return;
  }
  if (version == 0 || version == 1) return agent_community(data, from, local, socket);
  if (version == 3) return agent_v3(data, from, local, socket);
  ++a.counters.in_bad_versions;
}

response_sender engine_impl::make_sender(std::shared_ptr<agent_reply> st) {
  return [weak = weak_from_this(), st = std::move(st)](pdu response) {
    if (auto self = weak.lock()) self->agent_answer(*st, std::move(response));
  };
}

void engine_impl::agent_community(std::span<const std::uint8_t> data, const endpoint& from, const endpoint& local,
                                  std::size_t socket) {
  agent_side& a = agent();
  ber::community_message& m = a.rx;
  ber::decode_tally tally;
  if (ber::decode_community_message(data, m, &tally)) {
    ++a.counters.in_asn_parse_errs;
    return;
  }
  a.count_tolerated(tally);
  // The community must be one configured, byte for byte, and allowed from this source.
  const community_rule* rule = nullptr;
  for (const auto& r : a.communities) {
    if (r.entry.community.size() == m.community.size() &&
        crypto::secure_equal(bytes_of(r.entry.community), bytes_of(m.community)) && network_matches(r, from)) {
      rule = &r;
      break;
    }
  }
  community_rule any;
  if (!rule && a.notifications_any_community && is_notification(m.data.type)) {
    any.entry.community = m.community;
    any.entry.security_name = m.community;
    rule = &any;
  }
  if (!rule) {
    ++a.counters.in_bad_community_names;
    return;
  }
  const pdu_type type = m.data.type;
  const security_model model = m.version == snmp_version::v1 ? security_model::v1 : security_model::v2c;
  // What an answer to this message needs (held until the application answers).
  auto reply_state = [&](std::int32_t request_id) {
    auto st = std::make_shared<agent_reply>();
    st->version = m.version;
    st->community = m.community;
    st->request_id = request_id;
    st->to = from;
    st->local = local;
    st->socket = socket;
    st->max_size = std::min(options_.max_message_size, max_udp_payload(from.family()));
    return st;
  };
  if (is_notification(type)) {
    if (!a.receiver) {
      ++a.counters.unknown_pdu_handlers;
      return;
    }
    ++a.counters.in_notifications;
    incoming_notification n;
    n.version = m.version;
    n.model = model;
    n.security_name = rule->entry.security_name;
    n.community = m.community;
    n.context_engine_id = engine_id_;
    n.context_name = rule->entry.context_name;
    n.source = from;
    n.local = local;
    n.notification = std::move(m.data);
    response_sender ack;
    if (type == pdu_type::inform_request) {
      ack = make_sender(reply_state(n.notification.request_id));
    }
    a.receiver->on_notification(std::move(n), std::move(ack));
    return;
  }
  if (!is_request(type)) {
    // A Response, Report or Trap sent to an agent: never answered (no loops).
    ++a.counters.unknown_pdu_handlers;
    return;
  }
  auto responder = a.responders.find(rule->entry.context_name);
  if (responder == a.responders.end()) {
    ++a.counters.unknown_pdu_handlers;
    return;
  }
  access_views views;
  const vacm_view* v = nullptr;
  const auto vt = type == pdu_type::set_request ? vacm::view_type::write : vacm::view_type::read;
  if (a.access.select_view(model, rule->entry.security_name, security_level::no_auth_no_priv,
                           rule->entry.context_name, vt, v) == vacm_result::allowed) {
    (type == pdu_type::set_request ? views.write : views.read) = v;
  } else {
    ++a.counters.authorization_errors;
    ++a.counters.in_bad_community_uses;  // RFC 3584: an operation the community may not do
  }
  if (type == pdu_type::set_request) {
    // A SET reads nothing, but the read view is what a denied write is told apart with.
    if (a.access.select_view(model, rule->entry.security_name, security_level::no_auth_no_priv,
                             rule->entry.context_name, vacm::view_type::read, v) == vacm_result::allowed)
      views.read = v;
  }
  ++a.counters.in_requests;
  auto st = reply_state(m.data.request_id);
  incoming_request req;
  req.version = m.version;
  req.model = model;
  req.security_name = rule->entry.security_name;
  req.context_engine_id = engine_id_;
  req.context_name = rule->entry.context_name;
  req.source = from;
  req.local = local;
  req.request = std::move(m.data);
  const std::size_t overhead = community_overhead(m.community);
  req.max_varbinds_size = st->max_size > overhead ? st->max_size - overhead : 0;
  responder->second->on_request(std::move(req), views, make_sender(std::move(st)));
}

void engine_impl::agent_answer(agent_reply& st, pdu response) {
  agent_side& a = agent();
  if (response.type != pdu_type::report) response.type = pdu_type::response;
  response.request_id = st.request_id;
  auto encode = [&](const pdu& p) -> std::error_code {
    if (st.version != snmp_version::v3) {
      ber::community_message m{st.version, st.community, p};
      return ber::encode_community_message(a.writer, m);
    }
    ber::v3_header h{st.msg_id, static_cast<std::int32_t>(options_.max_message_size), st.level,
                     ber::usm_security_model};
    ber::usm_security_parameters usm;
    usm.engine_id = engine_id_;
    usm.engine_boots = boots_;
    usm.engine_time = engine_time();
    usm.user_name = st.user_name;
    const usm_user_state::localized* keys = nullptr;
    if (st.level & ber::msg_flags::auth) {
      auto k = st.user->keys_for(engine_id_);
      if (!k) return k.error();
      keys = *k;
    }
    return encode_protected(h, usm, ber::scoped_pdu{st.context_engine_id, st.context_name, p}, keys, a.scratch);
  };
  auto wire = [&]() -> std::span<const std::uint8_t> {
    if (st.version == snmp_version::v3) return a.scratch;
    return a.writer.data();
  };
  std::error_code ec = encode(response);
  if (!ec && wire().size() > st.max_size) ec = make_error_code(errc::message_too_big);
  if (ec == errc::message_too_big || ec == errc::oid_not_encodable) {
    // RFC 3416 §4.2.1: tooBig, error-index 0, no variable bindings (RFC 1157 keeps them
    // in SNMPv1; an empty list is what still fits).
    pdu too_big;
    too_big.type = pdu_type::response;
    too_big.request_id = st.request_id;
    too_big.error_status = ec == errc::message_too_big ? static_cast<std::int32_t>(error_status::too_big)
                                                       : static_cast<std::int32_t>(error_status::gen_err);
    ec = encode(too_big);
    if (!ec && wire().size() > st.max_size) ec = make_error_code(errc::message_too_big);
  }
  if (ec) {
    ++a.counters.silent_drops;
    return;
  }
  agent_send(wire(), st.to, st.local, st.socket);
}

// ---------------------------------------------------------------- SNMPv3

void engine_impl::agent_v3(std::span<const std::uint8_t> data, const endpoint& from, const endpoint& local,
                           std::size_t socket) {
  agent_side& a = agent();
  ber::v3_message_view v;
  ber::decode_tally tally;
  if (auto ec = ber::decode_v3_message(data, v, &tally)) {
    if (ec == errc::invalid_msg_flags) ++a.counters.invalid_msgs;
    else ++a.counters.in_asn_parse_errs;
    return;
  }
  if (v.header.security_model != ber::usm_security_model) {
    ++a.counters.unknown_security_models;
    return;
  }
  ber::usm_security_parameters_view u;
  if (ber::decode_usm_security_parameters(v.security_parameters, u, &tally)) {
    ++a.counters.in_asn_parse_errs;
    return;
  }
  // The envelope and the security parameters decoded: what they tolerated counts.
  a.count_tolerated(tally);
  const std::uint8_t flags = v.header.flags;
  const bool reportable = (flags & ber::msg_flags::reportable) != 0;
  const std::string msg_engine(ber::as_chars(u.engine_id));
  const std::string user_name(ber::as_chars(u.user_name));

  // A plaintext scopedPDU can be read before any check: a Report then carries its
  // request-id and context, and a Report is never sent about a Response, Trap or Report.
  ber::scoped_pdu sp;
  bool have_pdu = false;
  if (!v.encrypted) {
    ber::decode_tally pdu_tally;
    have_pdu = !ber::decode_scoped_pdu(v.scoped_pdu_data, sp, false, &pdu_tally);
    if (have_pdu) a.count_tolerated(pdu_tally);
  }

  // What an answer to this message needs (held until the application answers).
  auto reply_state = [&](std::uint8_t level, std::shared_ptr<usm_user_state> user, std::string context_engine_id,
                         std::string context_name, std::int32_t request_id) {
    auto st = std::make_shared<agent_reply>();
    st->version = snmp_version::v3;
    st->msg_id = v.header.msg_id;
    st->max_size = std::min<std::size_t>({static_cast<std::size_t>(v.header.max_size), options_.max_message_size,
                                          max_udp_payload(from.family())});
    st->level = level;
    st->user = std::move(user);
    st->user_name = user_name;
    st->context_engine_id = std::move(context_engine_id);
    st->context_name = std::move(context_name);
    st->request_id = request_id;
    st->to = from;
    st->local = local;
    st->socket = socket;
    return st;
  };

  // Sends a Report about this message (RFC 3412 §7.1.3, RFC 3414 §3.2): at noAuthNoPriv,
  // or at authNoPriv with the user's keys for notInTimeWindow.
  // `level`: msg_flags auth|priv of the Report (0 for what the USM refused).
  auto report = [&](const oid& counter, std::uint64_t count, const std::shared_ptr<usm_user_state>& user,
                    std::uint8_t level) {
    if (have_pdu && !confirmed_class(sp.data.type)) return;  // never about a Response, Trap or Report
    if (!reportable && !(have_pdu && confirmed_class(sp.data.type))) return;
    ++a.counters.reports_sent;
    auto st = reply_state(user ? level : 0, user, engine_id_, have_pdu ? sp.context_name : std::string(),
                          have_pdu ? sp.data.request_id : 0);
    pdu r;
    r.type = pdu_type::report;
    r.varbinds.push_back({counter, value::counter32(counter32(count))});
    agent_answer(*st, std::move(r));
  };

  // RFC 3414 §3.2 step 3: the authoritative engine must be known: this one, or (for
  // traps) a remote engine some user is configured for.
  const bool local_engine = msg_engine == engine_id_;
  if (!local_engine) {
    auto it = a.users.lower_bound(std::pair<std::string_view, std::string_view>(msg_engine, ""));
    const bool known = it != a.users.end() && it->first.first == msg_engine;
    if (!known && !(a.learn_engine_ids && msg_engine.size() >= 5)) {
      ++a.counters.usm_unknown_engine_ids;
      report(usm_stats_unknown_engine_ids, a.counters.usm_unknown_engine_ids, nullptr, 0);
      return;
    }
  }
  // Step 4: the user.
  std::shared_ptr<usm_user_state> user;
  if (auto it = a.users.find(std::pair<std::string_view, std::string_view>(msg_engine, user_name)); it != a.users.end()) {
    user = it->second;
  } else if (!local_engine && a.learn_engine_ids) {
    // Opt-in: a local user of that name, its keys localized to the sender's engine.
    if (auto loc = a.users.find(std::pair<std::string_view, std::string_view>(engine_id_, user_name));
        loc != a.users.end() && !loc->second->keys_localized)
      user = loc->second;
  }
  if (!user) {
    ++a.counters.usm_unknown_user_names;
    report(usm_stats_unknown_user_names, a.counters.usm_unknown_user_names, nullptr, 0);
    return;
  }
  // Step 5: the level asked for must be one the user supports.
  if ((flags & 3) & ~user->level_flags()) {
    ++a.counters.usm_unsupported_sec_levels;
    report(usm_stats_unsupported_sec_levels, a.counters.usm_unsupported_sec_levels, nullptr, 0);
    return;
  }
  const usm_user_state::localized* keys = nullptr;
  if (flags & ber::msg_flags::auth) {
    auto k = user->keys_for(msg_engine);
    if (!k) {
      ++a.counters.usm_unknown_engine_ids;
      report(usm_stats_unknown_engine_ids, a.counters.usm_unknown_engine_ids, nullptr, 0);
      return;
    }
    keys = *k;
    // Step 6: the digest, over the message with msgAuthenticationParameters zeroed in
    // place (never found by searching for its bytes), compared in constant time.
    bool ok = u.auth_params.size() == crypto::auth_params_length(user->auth);
    if (ok) {
      a.scratch.assign(data.begin(), data.end());
      const std::size_t at = static_cast<std::size_t>(u.auth_params.data() - data.data());
      std::memset(a.scratch.data() + at, 0, u.auth_params.size());
      std::uint8_t digest[64];
      ok = !keys->mac.compute(a.scratch, digest) &&
           crypto::secure_equal(std::span<const std::uint8_t>(digest, keys->mac.length()), u.auth_params);
    }
    if (!ok) {
      ++a.counters.usm_wrong_digests;
      report(usm_stats_wrong_digests, a.counters.usm_wrong_digests, nullptr, 0);
      return;
    }
    // Step 7: the time window.
    if (local_engine) {
      const std::int32_t now = engine_time();
      const long long diff = static_cast<long long>(u.engine_time) - now;
      if (boots_ == int32_max || u.engine_boots != boots_ || diff > 150 || diff < -150) {
        ++a.counters.usm_not_in_time_windows;
        // Authenticated (authNoPriv), so that the manager may trust the new time.
        report(usm_stats_not_in_time_windows, a.counters.usm_not_in_time_windows, user, ber::msg_flags::auth);
        return;
      }
    } else {
      // A remote authoritative engine (a trap sender): its timeline as RFC 3414 §3.2.7 b.
      auto [it, fresh] = a.remote_times.try_emplace(msg_engine);
      auto& t = it->second;
      auto estimate = [&] {
        const auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(loop_.now() - t.synced_at).count();
        return std::min<long long>(int32_max, static_cast<long long>(t.time) + elapsed);
      };
      if (fresh) {
        if (a.remote_times.size() > 100000) {  // bounded under a flood of engines
          a.remote_times.clear();
          it = a.remote_times.try_emplace(msg_engine).first;
        }
        it->second = {u.engine_boots, u.engine_time, loop_.now()};
      }
      auto& tl = it->second;
      (void)t;
      if (u.engine_boots > tl.boots || (u.engine_boots == tl.boots && u.engine_time > estimate())) {
        tl = {u.engine_boots, u.engine_time, loop_.now()};
      }
      if (tl.boots == int32_max || u.engine_boots < tl.boots ||
          (u.engine_boots == tl.boots && u.engine_time < estimate() - 150)) {
        ++a.counters.usm_not_in_time_windows;
        return;  // no Report about a notification
      }
    }
  }
  // Step 8: privacy.
  if (v.encrypted) {
    ber::decode_tally pdu_tally;
    if (keys->cipher.decrypt(u.engine_boots, u.engine_time, u.priv_params, v.scoped_pdu_data, a.plain) ||
        ber::decode_scoped_pdu(a.plain, sp, true, &pdu_tally)) {
      ++a.counters.usm_decryption_errors;
      have_pdu = false;
      report(usm_stats_decryption_errors, a.counters.usm_decryption_errors, nullptr, 0);
      return;
    }
    a.count_tolerated(pdu_tally);
    have_pdu = true;
  }
  if (!have_pdu) {
    ++a.counters.in_asn_parse_errs;
    return;
  }
  const pdu_type type = sp.data.type;
  const security_level level = level_of(flags);

  if (is_notification(type)) {
    // Informs come to this engine as the authoritative one; traps from their sender's.
    if ((type == pdu_type::inform_request) != local_engine || !a.receiver) {
      ++a.counters.unknown_pdu_handlers;
      if (type == pdu_type::inform_request)
        report(snmp_unknown_pdu_handlers, a.counters.unknown_pdu_handlers, user, flags & 3);
      return;
    }
    ++a.counters.in_notifications;
    incoming_notification n;
    n.version = snmp_version::v3;
    n.model = security_model::usm;
    n.level = level;
    n.security_name = user_name;
    n.context_engine_id = sp.context_engine_id;
    n.context_name = sp.context_name;
    n.security_engine_id = msg_engine;
    n.source = from;
    n.local = local;
    response_sender ack;
    if (type == pdu_type::inform_request) {
      ack = make_sender(reply_state(flags & 3, user, sp.context_engine_id, sp.context_name, sp.data.request_id));
    }
    n.notification = std::move(sp.data);
    a.receiver->on_notification(std::move(n), std::move(ack));
    return;
  }
  if (!is_request(type)) {
    ++a.counters.unknown_pdu_handlers;  // a Response or Report: never answered
    return;
  }
  if (!local_engine || (!sp.context_engine_id.empty() && sp.context_engine_id != engine_id_)) {
    // RFC 3412 §4.2.2.1: no application takes this (contextEngineID, PDU type).
    ++a.counters.unknown_pdu_handlers;
    report(snmp_unknown_pdu_handlers, a.counters.unknown_pdu_handlers, user, flags & 3);
    return;
  }
  auto responder = a.responders.find(sp.context_name);
  if (responder == a.responders.end()) {
    // RFC 3413 §3.2 step 3.
    ++a.counters.unknown_contexts;
    report(snmp_unknown_contexts, a.counters.unknown_contexts, user, flags & 3);
    return;
  }
  access_views views;
  const vacm_view* view = nullptr;
  if (a.access.select_view(security_model::usm, user_name, level, sp.context_name,
                           type == pdu_type::set_request ? vacm::view_type::write : vacm::view_type::read,
                           view) == vacm_result::allowed) {
    (type == pdu_type::set_request ? views.write : views.read) = view;
  } else {
    ++a.counters.authorization_errors;
  }
  if (type == pdu_type::set_request &&
      a.access.select_view(security_model::usm, user_name, level, sp.context_name, vacm::view_type::read, view) ==
          vacm_result::allowed)
    views.read = view;
  ++a.counters.in_requests;
  auto st = reply_state(flags & 3, user, engine_id_, sp.context_name, sp.data.request_id);
  incoming_request req;
  req.version = snmp_version::v3;
  req.model = security_model::usm;
  req.level = level;
  req.security_name = user_name;
  req.context_engine_id = engine_id_;
  req.context_name = sp.context_name;
  req.source = from;
  req.local = local;
  req.request = std::move(sp.data);
  const std::size_t overhead = v3_overhead(*st, engine_id_.size());
  req.max_varbinds_size = st->max_size > overhead ? st->max_size - overhead : 0;
  responder->second->on_request(std::move(req), views, make_sender(std::move(st)));
}

}  // namespace detail

const std::string& engine::engine_id() const noexcept { return impl_->engine_id(); }
std::int32_t engine::engine_boots() const noexcept { return impl_->engine_boots(); }
std::int32_t engine::engine_time() const noexcept { return impl_->engine_time(); }
std::uint32_t engine::uptime() const noexcept { return impl_->uptime(); }
std::error_code engine::listen(const endpoint& local) { return impl_->listen(local); }
std::vector<endpoint> engine::listening_endpoints() const { return impl_->listening_endpoints(); }
std::error_code engine::add_community(const community_entry& entry) { return impl_->add_community(entry); }
std::error_code engine::add_usm_user(const usm_user_data& user) { return impl_->add_usm_user(user); }
void engine::add_vacm_group(security_model model, std::string security_name, std::string group) {
  impl_->access_control().add_group(model, std::move(security_name), std::move(group));
}
std::error_code engine::add_vacm_view(std::string view_name, const oid& subtree, std::string_view mask, bool included) {
  return impl_->access_control().add_view(std::move(view_name), subtree, mask, included);
}
void engine::add_vacm_access(const vacm_access_entry& entry) { impl_->access_control().add_access(entry); }
void engine::add_context(std::string context_name) { impl_->access_control().add_context(std::move(context_name)); }
agent_stats engine::agent_statistics() const noexcept { return impl_->agent_statistics(); }

std::string make_engine_id() {
  // RFC 3411 SnmpEngineID format: bit 7 set, then the enterprise number (0 until snmpio
  // has one of its own), format 5 (octets administratively assigned), 8 random octets.
  std::string id = {'\x80', '\x00', '\x00', '\x00', '\x05'};
  std::uint8_t r[8];
  crypto::random_bytes(r, sizeof r);
  id.append(reinterpret_cast<const char*>(r), sizeof r);
  return id;
}

}  // namespace snmpio
