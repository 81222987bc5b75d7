// The Notification Receiver: the engine's notification_sink. Informs are acknowledged
// (a Response with the inform's varbinds, RFC 3416 §4.2.7) before the callback runs;
// SNMPv1 traps also get their RFC 3584 SNMPv2 form.
#include <snmpio/notification_receiver.hpp>

#include <snmpio/error.hpp>
#include <snmpio/notification_originator.hpp>

#include "engine/engine_impl.hpp"
#include "engine/vacm.hpp"
#include "log/log.hpp"

namespace snmpio {
namespace {

const oid& snmp_trap_oid_0() {
  static const oid o("1.3.6.1.6.3.1.1.4.1.0");
  return o;
}

const char* refusal_text(detail::vacm_result r) {
  switch (r) {
    case detail::vacm_result::no_group_name: return "no group for this security name and model";
    case detail::vacm_result::no_access_entry: return "no access entry for this group, context and level";
    case detail::vacm_result::no_such_view: return "the access entry grants no view";
    case detail::vacm_result::not_in_view: return "snmpTrapOID is in no view the access entry grants";
    case detail::vacm_result::no_such_context: return "unknown context";
    case detail::vacm_result::allowed: break;
  }
  return "not authorized";
}

}  // namespace

struct notification_receiver::impl final : detail::notification_sink {
  std::weak_ptr<detail::engine_impl> engine;
  notification_handler callback;
  receiver_stats stats;
  bool registered = false;
  bool authorize = true;

  // snmptrapd's authorization (RFC 3415 isAccessAllowed per kind of view, the
  // snmpTrapOID as the variable; the context need not exist here). Returns the access
  // bits; 0 means refused, `why` says why.
  std::uint8_t access_of(detail::engine_impl& e, const received_notification& n, std::string& why) const {
    if (!authorize) return 0x3f;
    const oid* trap_oid = nullptr;
    for (const auto& vb : n.varbinds)
      if (vb.name == snmp_trap_oid_0() && vb.value.type() == value_type::object_identifier) {
        trap_oid = &vb.value.as_oid();
        break;
      }
    if (!trap_oid) {
      why = "no snmpTrapOID.0 in the notification";
      return 0;
    }
    const detail::vacm& acl = e.access_control();
    if (!acl.configured()) {
      why = "no access configuration (add VACM groups and access entries, or turn authorization off)";
      return 0;
    }
    const vacm_access_entry* entry = nullptr;
    if (auto r = acl.select_access(n.model, n.security_name, n.level, n.context_name, entry,
                                   /*context_must_exist=*/false);
        r != detail::vacm_result::allowed) {
      why = refusal_text(r);
      return 0;
    }
    std::uint8_t bits = 0;
    bool any_view = false;
    for (unsigned k = 0; k <= static_cast<unsigned>(access_kind::net); ++k) {
      const detail::vacm_view* view = acl.view_of(*entry, static_cast<access_kind>(k));
      any_view = any_view || view;
      if (view && view->contains(*trap_oid)) bits |= static_cast<std::uint8_t>(1u << k);
    }
    if (!bits) why = refusal_text(any_view ? detail::vacm_result::not_in_view : detail::vacm_result::no_such_view);
    return bits;
  }

  void refuse(detail::engine_impl& e, const received_notification& n, const std::string& why) {
    ++stats.unauthorized;
    auto& log = e.log();
    if (!log.should_log(spdlog::level::warn)) return;
    const char* kind = n.type == pdu_type::inform_request ? "inform" : "trap";
    if (n.version == snmp_version::v3)
      log.warn("notification receiver: {} from {} refused: user \"{}\" at {}, context \"{}\": {}", kind,
               n.source.to_string(), detail::printable(n.security_name), to_string(n.level),
               detail::printable(n.context_name), why);
    else
      log.warn("notification receiver: {} from {} refused: {} community \"{}\", context \"{}\": {}", kind,
               n.source.to_string(), to_string(n.version), detail::printable(n.community),
               detail::printable(n.context_name), why);
  }

  void on_notification(detail::incoming_notification&& in, detail::response_sender ack) override {
    received_notification n;
    n.source = in.source;
    n.local = in.local;
    n.version = in.version;
    n.model = in.model;
    n.level = in.level;
    n.security_name = std::move(in.security_name);
    n.community = std::move(in.community);
    n.security_engine_id = std::move(in.security_engine_id);
    n.context_engine_id = std::move(in.context_engine_id);
    n.context_name = std::move(in.context_name);
    n.type = in.notification.type;
    if (n.type == pdu_type::trap_v1) {
      auto v2 = translate_v1_to_v2(in.notification, n.community);
      if (!v2) {
        ++stats.untranslatable;
        return;
      }
      n.varbinds = std::move(*v2);
    } else {
      n.varbinds = in.notification.varbinds;
    }
    n.original = std::move(in.notification);
    if (auto e = engine.lock()) {
      std::string why;
      n.access = access_of(*e, n, why);
      if (!n.access) return refuse(*e, n, why);  // an inform refused is not acknowledged
    }
    if (n.type == pdu_type::inform_request && ack) {
      pdu r;
      r.type = pdu_type::response;
      r.request_id = n.original.request_id;
      r.varbinds = n.original.varbinds;
      ack(std::move(r));
      ++stats.informs_acknowledged;
    }
    ++stats.notifications;
    // The engine may go away inside the callback (it may destroy everything): keep
    // nothing of ours in use after it.
    if (callback) callback(n);
  }
};

notification_receiver::notification_receiver(engine& e) : impl_(std::make_unique<impl>()) {
  impl_->engine = e.impl().weak_from_this();
}

notification_receiver::~notification_receiver() {
  if (impl_ && impl_->registered)
    if (auto e = impl_->engine.lock()) e->unregister_receiver(impl_.get());
}

notification_receiver::notification_receiver(notification_receiver&&) noexcept = default;

notification_receiver& notification_receiver::operator=(notification_receiver&& other) noexcept {
  if (this != &other) {
    if (impl_ && impl_->registered)
      if (auto e = impl_->engine.lock()) e->unregister_receiver(impl_.get());
    impl_ = std::move(other.impl_);
  }
  return *this;
}

std::error_code notification_receiver::on_notification(notification_handler callback) {
  if (!impl_ || !callback) return errc::invalid_argument;
  auto e = impl_->engine.lock();
  if (!e) return errc::shutdown;
  if (!impl_->registered) {
    if (!e->register_receiver(impl_.get())) return errc::invalid_argument;
    impl_->registered = true;
  }
  impl_->callback = std::move(callback);
  return {};
}

void notification_receiver::set_accept_any_community(bool on) noexcept {
  if (!impl_) return;
  if (auto e = impl_->engine.lock()) e->set_notifications_any_community(on);
}

void notification_receiver::set_authorization(bool on) noexcept {
  if (impl_) impl_->authorize = on;
}

void notification_receiver::set_learn_engine_ids(bool on) noexcept {
  if (!impl_) return;
  if (auto e = impl_->engine.lock()) e->set_learn_engine_ids(on);
}

receiver_stats notification_receiver::stats() const noexcept { return impl_ ? impl_->stats : receiver_stats{}; }

}  // namespace snmpio
