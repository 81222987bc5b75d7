// The engine's dispatcher: pending requests keyed by request-id (hash map) and by
// serial (for handles), each on the deadline list of its timeout value; a FIFO of requests
// held back by the in-flight window or per-target pacing; per-target state for pacing
// and ICMP errors; walks driven on top of single requests.
#pragma once

#include <snmpio/command_generator.hpp>
#include <snmpio/engine.hpp>
#include <snmpio/reactor.hpp>
#include <snmpio/udp.hpp>

#include "ber/message_codec.hpp"
#include "crypto/usm_crypto.hpp"
#include "engine/request_sink.hpp"
#include "engine/vacm.hpp"

#include <snmpio/usm.hpp>

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace snmpio::detail {

struct target_state;

/// An SNMPv3 user as the engine keeps it: protocols, the non-localized keys (Ku) derived
/// once from the passphrases, and the keys localized per agent engine ID (cached: the
/// 1 MiB password hashing never runs per request).
struct usm_user_state {
  std::string user_name;
  crypto::auth_algorithm auth = crypto::auth_algorithm::none;
  crypto::priv_algorithm priv = crypto::priv_algorithm::none;
  bool keys_localized = false;  // the keys given were Kul for localized_engine
  std::string localized_engine;
  crypto::secure_bytes auth_ku, priv_ku;
  struct localized {
    crypto::secure_bytes auth, priv;
    crypto::hmac_key mac;        // keyed once: per message only the hashing is left
    crypto::cipher_key cipher;   // keyed once: per message only the IV changes
    std::error_code prepare(crypto::auth_algorithm a, crypto::priv_algorithm p);
  };
  // What the user was made from, to recognise it again without deriving anything.
  std::uint8_t auth_key_type = 0, priv_key_type = 0;
  crypto::secure_bytes given_auth_key, given_priv_key;
  std::unordered_map<std::string, localized> by_engine;
  std::uint8_t level_flags() const noexcept {
    return static_cast<std::uint8_t>((auth != crypto::auth_algorithm::none ? 1 : 0) |
                                     (priv != crypto::priv_algorithm::none ? 2 : 0));
  }
  /// The keys for `engine_id`, localized on first use.
  result<const localized*> keys_for(const std::string& engine_id);
};

/// What a request is sent with.
struct credentials {
  snmp_version version = snmp_version::v2c;
  std::string community;                 // v1, v2c
  std::shared_ptr<usm_user_state> user;  // v3
  context_data ctx;                      // v3
};

/// What the engine knows of an agent's SNMP engine (SNMPv3, RFC 3414 §2.3 and §4).
struct remote_engine {
  bool known = false;
  std::string engine_id;
  std::int32_t boots = 0;
  std::int32_t time = 0;
  reactor::time_point synced_at{};
  /// Set by the first authenticated message from the engine. Until then boots and
  /// time are an unauthenticated hint (from discovery) that the first authentic message
  /// replaces whatever it says (RFC 3414 §3.2.7 b, §4).
  bool time_authenticated = false;
  std::uint64_t probe_serial = 0;       // discovery in flight
  std::vector<std::uint64_t> waiting;   // requests waiting for the discovery
};

/// What an SNMPv3 request keeps to be re-encoded on resynchronisation or rediscovery.
struct v3_request {
  std::shared_ptr<usm_user_state> user;  // null for a discovery probe
  context_data ctx;
  pdu request;
  bool is_probe = false;      // an engine discovery probe
  bool resynced = false;      // resent once after an authenticated notInTimeWindow
  bool rediscovered = false;  // rediscovered once after unknownEngineID
};

struct pending_request {
  std::uint64_t serial = 0;
  std::int32_t request_id = 0;
  snmp_version version = snmp_version::v2c;
  pdu_type type = pdu_type::get_request;
  endpoint peer;
  std::vector<std::uint8_t> wire;  // the encoded request, resent as is
  response_handler handler;
  // Deadline list membership (see deadline_list): O(1) to arm and to cancel.
  reactor::time_point deadline{};
  pending_request* dprev = nullptr;
  pending_request* dnext = nullptr;
  bool armed = false;
  std::chrono::milliseconds timeout{1000};
  int retries_left = 0;
  target_state* target = nullptr;
  bool in_flight = false;  // sent and counted against the window
  bool waiting = false;    // in the wait queue
  // SNMPv3 only (null for v1/v2c, so that those records stay small).
  std::int32_t msg_id = 0;
  bool awaiting_engine = false;  // parked until discovery ends
  std::unique_ptr<v3_request> v3;
  // Intrusive list of the target's in-flight requests (for ICMP errors).
  pending_request* prev = nullptr;
  pending_request* next = nullptr;
};

/// Requests that share one timeout value, in deadline order: they are armed in send
/// order, so appending keeps the list sorted. One reactor timer per list, for its head;
/// arming and cancelling a request are O(1) list operations, not heap operations.
struct deadline_list {
  pending_request* head = nullptr;
  pending_request* tail = nullptr;
  timer_id timer;
};

struct target_state {
  endpoint peer;
  std::size_t in_flight = 0;
  std::size_t refs = 0;  // requests pointing here, in any state; erased at 0
  pending_request* head = nullptr;
};

/// A walk in progress (walk.cpp drives it).
struct walk_state {
  credentials auth;
  target to;
  std::vector<oid> roots;     // one per column
  std::vector<oid> cursor;    // the last OID seen per column
  std::vector<bool> active;   // columns still inside their subtree
  walk_options options;
  std::int32_t max_repetitions = 10;
  row_handler on_row;
  walk_handler on_done;
  std::size_t rows = 0;
  std::size_t calls = 0;
  std::uint64_t current = 0;  // serial of the request in flight; 0 before the first
  std::error_code first_error;
  bool cancelled = false;
};

struct agent_side;  // agent.cpp
struct agent_reply;

class engine_impl : public std::enable_shared_from_this<engine_impl> {
 public:
  engine_impl(reactor& loop, const engine_options& options);
  ~engine_impl();
  engine_impl(const engine_impl&) = delete;
  engine_impl& operator=(const engine_impl&) = delete;

  reactor& loop() noexcept { return loop_; }
  /// The engine's logger (never null).
  spdlog::logger& log() const noexcept { return *options_.logger; }
  engine_stats stats() const noexcept;
  endpoint local_endpoint(address_family f) const noexcept;

  /// Credentials for a request: community, or an SNMPv3 user (cached across requests).
  static credentials make_credentials(const community_data& auth);
  result<credentials> make_credentials(const usm_user_data& user, const context_data& ctx);

  /// Starts a request. On success the handler will be called exactly once.
  result<request_handle> start(const credentials& auth, const target& to, pdu request, response_handler h);
  result<request_handle> start_walk(const credentials& auth, const target& to, std::vector<oid> roots,
                                    const walk_options& options, row_handler on_row, walk_handler on_done);
  bool cancel(std::uint64_t serial);
  bool pending(std::uint64_t serial) const noexcept;

  /// Feeds a received datagram (the socket's receive handler calls it; so may tests).
  void on_datagram(std::span<const std::uint8_t> data, const endpoint& from);
  /// An ICMP error about `peer`: its in-flight requests fail with `ec` at once.
  void on_peer_error(std::error_code ec, const endpoint& peer);

  /// Completes everything pending with errc::shutdown; later starts fail with it.
  void shutdown();

  // ---- the agent side (agent.cpp) ----
  const std::string& engine_id() const noexcept { return engine_id_; }
  std::int32_t engine_boots() const noexcept;
  std::int32_t engine_time() const noexcept;
  std::uint32_t uptime() const noexcept;
  std::error_code listen(const endpoint& local);
  std::vector<endpoint> listening_endpoints() const;
  std::error_code add_community(const community_entry& entry);
  std::error_code add_usm_user(const usm_user_data& user);
  vacm& access_control() noexcept;
  agent_stats agent_statistics() const noexcept;
  agent_stats& agent_counters() noexcept;
  /// The command responder for `context` (one per context name). False when another
  /// is registered for it already.
  bool register_responder(const std::string& context, request_sink* sink);
  void unregister_responder(const std::string& context, request_sink* sink) noexcept;
  /// The notification receiver (one per engine). False when one is registered already.
  bool register_receiver(notification_sink* sink);
  void unregister_receiver(notification_sink* sink) noexcept;
  /// Traps from an SNMPv3 engine with no user configured for it: when set, a local
  /// user of the same name is localized to that engine (opt-in; off by default).
  void set_learn_engine_ids(bool on) noexcept;
  /// SNMPv1/v2c notifications with any community reach the receiver (snmptrapd's
  /// disableAuthorization); requests still need a configured community.
  void set_notifications_any_community(bool on) noexcept;
  /// The keys of `user` localized for this engine (a local user), for traps this engine
  /// originates as the authoritative one. Null when no such user.
  std::shared_ptr<usm_user_state> local_user(const std::string& user_name) const;
  /// Feeds a datagram received on an agent socket (tests and fuzzing may call it; the
  /// answer goes to `reply` instead of a socket when it is set).
  using datagram_sink = unique_function<void(std::span<const std::uint8_t> data, const endpoint& to)>;
  void on_agent_datagram(std::span<const std::uint8_t> data, const endpoint& from, const endpoint& local);
  void set_agent_output_for_testing(datagram_sink sink);
  /// Moves the engine's clock for boots/time and sysUpTime by `by` (tests: wrap-arounds).
  void advance_clock_for_testing(std::chrono::seconds by) noexcept;

  /// Tests and fuzzing only: the next request-ids become predictable.
  void seed_request_ids_for_testing(std::uint32_t next) noexcept { next_request_id_ = next; }
  void seed_msg_ids_for_testing(std::uint32_t next) noexcept { next_msg_id_ = next; }

  // ---- notification originator (notify_send.cpp) ----
  /// Sends an unconfirmed PDU (trap_v1, trap_v2) once, from the manager socket: v1/v2c
  /// in a community message, SNMPv3 with this engine as the authoritative one (its
  /// engine ID, boots and time; the user's keys localized to it). A numeric host is
  /// sent before the call returns; a name is resolved first. `on_sent` (optional) runs
  /// once, later, when the call returned success.
  std::error_code send_unconfirmed(const credentials& auth, const target& to, pdu p,
                                   unique_function<void(std::error_code)> on_sent);
  /// Encodes `p` as send_unconfirmed() would, into `out` (tests, fuzzing).
  std::error_code encode_unconfirmed(const credentials& auth, const pdu& p, std::vector<std::uint8_t>& out);
  // ---- end notification originator ----

 private:
  struct resolve_wait;

  // Takes the handler only on success: on failure the caller still owns it.
  result<request_handle> start_resolved(const credentials& auth, const endpoint& peer, const target_options& opt,
                                        pdu request, response_handler& h, std::uint64_t serial);
  // SNMPv3 (usm_manager.cpp).
  void start_v3_record(pending_request& r);
  std::error_code encode_v3(pending_request& r);
  /// Encodes an SNMPv3 message protected at `h.flags`' level with `keys`: the scopedPDU
  /// encrypted (privacy), the digest written in place (authentication). `usm` gets its
  /// authentication and privacy parameters here. Shared by requests, answers, Reports
  /// and notifications.
  std::error_code encode_protected(const ber::v3_header& h, ber::usm_security_parameters& usm,
                                   const ber::scoped_pdu& s, const usm_user_state::localized* keys,
                                   std::vector<std::uint8_t>& out);
  void send_probe(const endpoint& peer, const target_options& opt);
  void discovery_done(const endpoint& peer, std::error_code ec);
  void on_v3_datagram(std::span<const std::uint8_t> data, const endpoint& from);
  std::int32_t next_msg_id();
  void resend_now(pending_request& r);
  std::int32_t estimated_time(const remote_engine& e) const noexcept;
  // Walks (walk.cpp).
  void walk_step(std::uint64_t serial);
  void walk_response(std::uint64_t serial, std::error_code ec, response r);
  bool cancel_walk(std::uint64_t serial);
  void finish_walk(std::uint64_t serial, std::error_code ec, response last);
  std::error_code ensure_socket(address_family f);
  void transmit(pending_request& r);
  void admit_waiting();
  bool may_send(const pending_request& r) const noexcept;
  void arm(pending_request& r);
  void disarm(pending_request& r) noexcept;
  void on_deadline(std::int64_t timeout_ms);
  void on_timeout(pending_request* r);
  /// Detaches the request from every index, frees it, then runs its handler.
  void complete(pending_request* r, std::error_code ec, response resp);
  /// Same, from a context where the handler may not run yet (inside a start call).
  void complete_later(pending_request* r, std::error_code ec);
  void unlink(pending_request& r);
  void flush_deferred();
  std::int32_t next_request_id();
  std::size_t effective_window() const noexcept;

  reactor& loop_;
  engine_options options_;
  std::optional<udp_socket> sock4_, sock6_;
  std::size_t window_ = 0;
  bool shutting_down_ = false;

  std::unordered_map<std::int32_t, pending_request> by_request_id_;  // owns the records
  std::unordered_map<std::int32_t, pending_request*> by_msg_id_;
  std::unordered_map<endpoint, remote_engine> engines_;
  // Users by a hash of everything that makes them; each hit is confirmed field by field.
  std::unordered_map<std::uint64_t, std::vector<std::shared_ptr<usm_user_state>>> users_;
  std::size_t user_count_ = 0;
  std::uint32_t next_msg_id_ = 0;
  std::uint64_t salt_ = 0;
  ber::writer scoped_writer_;
  std::vector<std::uint8_t> scratch_;
  std::vector<std::uint8_t> ciphertext_;
  std::unordered_map<std::uint64_t, pending_request*> by_serial_;
  std::unordered_map<endpoint, target_state> targets_;
  // Serials of requests held back by the window or pacing, in arrival order. A request
  // that leaves the queue early (cancel, shutdown) is not searched for: its serial goes
  // stale and admit_waiting() drops it.
  std::deque<std::uint64_t> wait_queue_;
  std::unordered_map<std::int64_t, deadline_list> deadlines_;  // by timeout in ms
  std::size_t in_flight_ = 0;
  std::size_t waiting_ = 0;

  // Completions that may not run inside the call that produced them (cancel, a send
  // that failed at once): run from a reactor task, or at shutdown at the latest.
  std::vector<std::pair<response_handler, std::error_code>> deferred_;
  bool flush_scheduled_ = false;

  std::unordered_map<std::uint64_t, std::unique_ptr<resolve_wait>> resolving_;
  std::unordered_map<std::uint64_t, std::unique_ptr<walk_state>> walks_;

  std::uint64_t next_serial_ = 1;
  std::uint32_t next_request_id_ = 0;
  ber::writer writer_;
  ber::community_message rx_;  // reused for every received datagram
  mutable engine_stats stats_;
  // Adds what a decode tolerated (ber.hpp) to the manager side's counters.
  void count_tolerated(const ber::decode_tally& t) noexcept {
    stats_.non_minimal_integers += t.non_minimal_integers;
    stats_.unsigned_top_bit += t.unsigned_top_bit;
  }

  // The local engine's identity (agent side, v3 traps) and its incoming side.
  std::string engine_id_;
  std::int32_t boots_ = 1;
  reactor::time_point started_{};
  std::chrono::seconds clock_offset_{0};
  std::unique_ptr<agent_side> agent_;
  agent_side& agent();
  void agent_receive(std::span<const std::uint8_t> data, const endpoint& from, const endpoint& local,
                     std::size_t socket);
  void agent_community(std::span<const std::uint8_t> data, const endpoint& from, const endpoint& local,
                       std::size_t socket);
  void agent_v3(std::span<const std::uint8_t> data, const endpoint& from, const endpoint& local, std::size_t socket);
  void agent_send(std::span<const std::uint8_t> data, const endpoint& to, const endpoint& local, std::size_t socket);
  void agent_answer(agent_reply& st, pdu response);
  response_sender make_sender(std::shared_ptr<agent_reply> st);
};

}  // namespace snmpio::detail
