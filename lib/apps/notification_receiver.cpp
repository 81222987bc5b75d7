// The Notification Receiver: the engine's notification_sink. Informs are acknowledged
// (a Response with the inform's varbinds, RFC 3416 §4.2.7) before the callback runs;
// SNMPv1 traps also get their RFC 3584 SNMPv2 form.
#include <snmpio/notification_receiver.hpp>

#include <snmpio/error.hpp>
#include <snmpio/notification_originator.hpp>

#include "engine/engine_impl.hpp"

namespace snmpio {

struct notification_receiver::impl final : detail::notification_sink {
  std::weak_ptr<detail::engine_impl> engine;
  notification_handler callback;
  receiver_stats stats;
  bool registered = false;

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

void notification_receiver::set_learn_engine_ids(bool on) noexcept {
  if (!impl_) return;
  if (auto e = impl_->engine.lock()) e->set_learn_engine_ids(on);
}

receiver_stats notification_receiver::stats() const noexcept { return impl_ ? impl_->stats : receiver_stats{}; }

}  // namespace snmpio
