// Test helper: a request_sink that answers from the request itself, so tests of the
// engine's incoming side (security, VACM, Reports) need no command responder: GET
// answers each name with the OCTET STRING "echo:<name>", GETNEXT with name.1, SET echoes
// the values; a name outside the read view is noSuchObject, no view at all is
// authorizationError. It records what reached it, and the engine on a thread of its own
// lets a test run Net-SNMP's tools (blocking child processes) against it.
#pragma once

#include <snmpio/engine.hpp>
#include <snmpio/reactor.hpp>

#include "engine/engine_impl.hpp"
#include "engine/vacm.hpp"

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace snmpio::test {

class echo_responder : public detail::request_sink {
 public:
  explicit echo_responder(engine& eng, std::string context = "") : eng_(eng), context_(std::move(context)) {
    eng.impl().register_responder(context_, this);
  }
  ~echo_responder() override { eng_.impl().unregister_responder(context_, this); }

  void on_request(detail::incoming_request&& req, detail::access_views views, detail::response_sender send) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      seen_.push_back(req);
    }
    pdu r;
    r.type = pdu_type::response;
    const bool set = req.request.type == pdu_type::set_request;
    const detail::vacm_view* view = set ? views.write : views.read;
    if (!view) {
      r.error_status = static_cast<std::int32_t>(error_status::authorization_error);
      r.error_index = 0;  // RFC 3413 §3.2 (5), as snmpd answers
      r.varbinds = req.request.varbinds;
      send(std::move(r));
      return;
    }
    for (const auto& vb : req.request.varbinds) {
      if (set) {
        r.varbinds.push_back(vb);
        continue;
      }
      oid name = vb.name;
      if (req.request.type != pdu_type::get_request) name.push_back(1);
      if (!view->contains(name)) {
        r.varbinds.push_back({name, value::no_such_object()});
        continue;
      }
      r.varbinds.push_back({name, value::octet_string("echo:" + name.to_string())});
    }
    send(std::move(r));
  }

  std::vector<detail::incoming_request> seen() const {
    std::lock_guard<std::mutex> lock(mu_);
    return seen_;
  }

 private:
  engine& eng_;
  std::string context_;
  mutable std::mutex mu_;
  std::vector<detail::incoming_request> seen_;
};

/// An engine with agent sockets on 127.0.0.1 and [::1] (ephemeral ports), run on its own
/// thread between start() and stop(). Configure it before start(); read it after stop().
struct threaded_agent {
  reactor loop;
  engine eng;
  std::thread thread;
  std::uint16_t port4 = 0, port6 = 0;

  explicit threaded_agent(engine_options opt = {}) : eng(loop, opt) {}
  ~threaded_agent() { stop(); }

  void start() {
    if (!eng.listen(endpoint::loopback_v4(0)) && !eng.listen(endpoint::loopback_v6(0))) {
      auto eps = eng.listening_endpoints();
      port4 = eps.at(0).port();
      port6 = eps.at(1).port();
    }
    thread = std::thread([this] { loop.run(); });
  }
  void stop() {
    if (!thread.joinable()) return;
    loop.post([this] { loop.stop(); });
    thread.join();
  }
};

}  // namespace snmpio::test
