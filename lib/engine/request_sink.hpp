// The link between the engine's incoming side (message processing, community and USM
// security, VACM) and the applications that take what it lets through: the Command
// Responder (GET, GETNEXT, GETBULK, SET) and the Notification Receiver (traps,
// informs). The engine hands an application a request that has passed every security
// and access check, with the views VACM grants; the application answers through a
// response_sender, and the engine encodes the answer with the request's security
// state (community, or USM user, keys and level) and sends it from the address the
// request arrived on.
#pragma once

#include <snmpio/endpoint.hpp>
#include <snmpio/pdu.hpp>
#include <snmpio/security.hpp>
#include <snmpio/unique_function.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace snmpio::detail {

class vacm_view;

/// A request that passed message processing and security.
struct incoming_request {
  snmp_version version = snmp_version::v2c;
  security_model model = security_model::v2c;
  security_level level = security_level::no_auth_no_priv;
  std::string security_name;      ///< the community's security name, or the USM user
  std::string context_engine_id;  ///< SNMPv3; the local engine ID for v1/v2c
  std::string context_name;
  endpoint source;                ///< the requester
  endpoint local;                 ///< where it arrived
  pdu request;                    ///< GET, GETNEXT, GETBULK or SET
  /// The most octets the response's encoded variable-bindings SEQUENCE may take (its
  /// own tag and length included) for the response to fit the requester's msgMaxSize,
  /// the local limit and the transport, once wrapped in its message and security.
  std::size_t max_varbinds_size = 0;
};

/// What VACM grants this request (RFC 3415 isAccessAllowed, resolved once per request
/// down to the views; the per-varbind check is view->contains(name)). A null view means
/// no access of that kind: the responder answers authorizationError (noSuchName in
/// SNMPv1) for a request that needs it.
struct access_views {
  const vacm_view* read = nullptr;
  const vacm_view* write = nullptr;
};

/// Takes the response PDU (type response; request-id copied by the engine). Call it at
/// most once; dropping it unanswered sends nothing (the manager times out).
using response_sender = unique_function<void(pdu response)>;

/// Implemented by the command responder; registered with the engine per context name.
class request_sink {
 public:
  virtual ~request_sink() = default;
  virtual void on_request(incoming_request&& req, access_views views, response_sender send) = 0;
};

}  // namespace snmpio::detail

namespace snmpio::detail {

/// A notification that passed message processing and security (v1/v2c: a known
/// community; v3: a user of the sending engine for traps, of this engine for informs).
struct incoming_notification {
  snmp_version version = snmp_version::v2c;
  security_model model = security_model::v2c;
  security_level level = security_level::no_auth_no_priv;
  std::string security_name;      ///< the community's security name, or the USM user
  std::string community;          ///< v1/v2c: the community as received
  std::string context_engine_id;  ///< SNMPv3
  std::string context_name;
  std::string security_engine_id; ///< SNMPv3: msgAuthoritativeEngineID
  endpoint source;
  endpoint local;
  pdu notification;               ///< trap_v1, trap_v2 or inform_request
};

/// Implemented by the notification receiver. `ack` is set for informs only: call it
/// with the Response to acknowledge (the engine encodes it as the authoritative side).
class notification_sink {
 public:
  virtual ~notification_sink() = default;
  virtual void on_notification(incoming_notification&& n, response_sender ack) = 0;
};

}  // namespace snmpio::detail
