// The authoritative engine's incoming side: agent sockets, message processing of
// requests and notifications (v1/v2c communities, USM as the authoritative engine),
// VACM, Reports, and the agent counters.
#include "engine/agent_side.hpp"

#include "crypto/random.hpp"

namespace snmpio {
namespace detail {



agent_side& engine_impl::agent() {
  if (!agent_) agent_ = std::make_unique<agent_side>();
  return *agent_;
}

std::int32_t engine_impl::engine_boots() const noexcept { return boots_; }

std::int32_t engine_impl::engine_time() const noexcept {
  auto t = std::chrono::duration_cast<std::chrono::seconds>(loop_.now() - started_) + clock_offset_;
  return static_cast<std::int32_t>(t.count() & 0x7fffffff);
}

std::uint32_t engine_impl::uptime() const noexcept {
  auto t = std::chrono::duration_cast<std::chrono::milliseconds>(loop_.now() - started_) + clock_offset_;
  return static_cast<std::uint32_t>(static_cast<std::uint64_t>(t.count() / 10));
}

void engine_impl::advance_clock_for_testing(std::chrono::seconds by) noexcept { clock_offset_ += by; }

std::error_code engine_impl::listen(const endpoint& local) {
  udp_options uo;
  uo.receive_buffer_size = options_.receive_buffer_size;
  uo.v6_only = true;
  auto s = udp_socket::open(loop_, local, uo);
  if (!s) return s.error();
  const std::size_t index = agent().sockets.size();
  s->on_receive([this, index](std::span<const std::byte> data, const endpoint& from, const endpoint& at) {
    (void)index;
    on_agent_datagram({reinterpret_cast<const std::uint8_t*>(data.data()), data.size()}, from, at);
  });
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
  if (entry.community.empty()) return make_error_code(errc::invalid_argument);
  agent().communities.push_back(entry);
  return {};
}

std::error_code engine_impl::add_usm_user(const usm_user_data&) { return make_error_code(errc::unsupported_protocol); }

vacm& engine_impl::access_control() noexcept { return agent().access; }

agent_stats engine_impl::agent_statistics() const noexcept { return agent_ ? agent_->counters : agent_stats{}; }
agent_stats& engine_impl::agent_counters() noexcept { return agent().counters; }

bool engine_impl::register_responder(const std::string& context, request_sink* sink) {
  return agent().responders.emplace(context, sink).second;
}

void engine_impl::unregister_responder(const std::string& context, request_sink* sink) noexcept {
  if (!agent_) return;
  auto it = agent_->responders.find(context);
  if (it != agent_->responders.end() && it->second == sink) agent_->responders.erase(it);
}

void engine_impl::set_agent_output_for_testing(datagram_sink sink) { agent().output_for_testing = std::move(sink); }

void engine_impl::on_agent_datagram(std::span<const std::uint8_t>, const endpoint&, const endpoint&) {
  ++agent().counters.in_pkts;
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
