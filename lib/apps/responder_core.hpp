// The Command Responder's processing (RFC 3416 §4.2): the registry of subtrees, the
// per-request state that reply tokens answer into, GETBULK rounds, SET phases.
#pragma once

#include "engine/request_sink.hpp"

#include <snmpio/command_responder.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace snmpio::detail {

class engine_impl;

/// One variable being looked up: a GET of `cursor`, or a GETNEXT for the first
/// instance after `cursor` (after the whole registration `after_key` when has_after).
struct responder_slot {
  oid cursor;
  oid origin;   // the name this lookup started from (endOfMibView carries it)
  oid after_key;
  oid reg_key;  // the registration being asked
  oid asked;    // the name given to its handler
  bool has_after = false;
  bool waiting = false;
  bool done = false;
  bool ended = false;  // endOfMibView (GETBULK repeaters stop)
  bool get = false;
  std::uint32_t generation = 0;
  std::size_t request_index = 0;  // 0-based position in the request
  // The answer a token delivered, taken by the driver.
  bool has_answer = false;
  int answer_kind = 0;
  oid answer_name;
  value answer_value;
  error_status answer_status = error_status::no_error;
  varbind result;
};

struct responder_request {
  std::weak_ptr<responder_core> core;
  request_context ctx;
  access_views views;
  response_sender send;
  pdu req;
  std::size_t budget = 0;
  std::vector<responder_slot> slots;
  std::vector<std::uint32_t> ready;
  std::size_t ready_head = 0;
  std::size_t outstanding = 0;  // slots of this round not done
  bool driving = false;
  bool finished = false;
  std::uint64_t steps = 0;
  // GETBULK
  std::size_t non_repeaters = 0;
  std::size_t max_repetitions = 0;
  std::size_t repetitions_done = 0;
  std::vector<varbind> out;
  std::size_t out_content = 0;
  // The first error a slot reported.
  error_status status = error_status::no_error;
  std::size_t status_index = 0;  // 1-based
};

class responder_core : public request_sink, public std::enable_shared_from_this<responder_core> {
 public:
  responder_core(std::weak_ptr<engine_impl> eng, std::string context);
  ~responder_core() override;

  void on_request(incoming_request&& req, access_views views, response_sender send) override;

  std::error_code add(const oid& subtree, std::shared_ptr<mib_handler> handler);
  std::error_code remove(const oid& subtree);

  /// Called by reply_token.
  static void deliver(const std::shared_ptr<responder_request>& r, std::uint32_t slot, std::uint32_t generation,
                      int kind, oid name, value v, error_status status) noexcept;

  std::weak_ptr<engine_impl> engine_;
  std::string context_;
  bool registered_ = false;
  responder_stats stats_;

 private:
  using registry = std::map<oid, std::shared_ptr<mib_handler>>;
  registry::const_iterator containing(const oid& name) const;
  void drive(const std::shared_ptr<responder_request>& r);
  void step(const std::shared_ptr<responder_request>& r, std::uint32_t i);
  void take_answer(responder_request& r, std::uint32_t i);
  void call_handler(const std::shared_ptr<responder_request>& r, std::uint32_t i, const std::shared_ptr<mib_handler>& h,
                    bool next);
  void slot_done(responder_request& r, std::uint32_t i);
  void slot_error(responder_request& r, std::uint32_t i, error_status s);
  void round_complete(responder_request& r);
  void queue(responder_request& r, std::uint32_t i);
  void finish(responder_request& r, pdu response);
  void answer_error(responder_request& r, error_status s, std::size_t index);
  void process_set(incoming_request& req, access_views views, response_sender& send, const request_context& ctx);

  registry registry_;
};

/// Maps an SNMPv2 error-status to SNMPv1's (RFC 3584 §4.4).
error_status v1_error(error_status s) noexcept;
/// The encoded size of one varbind (SEQUENCE with the name and value); 0 when it
/// cannot be encoded.
std::size_t encoded_varbind_size(const varbind& vb);
/// The encoded size of a varbind list whose varbinds take `content` octets.
std::size_t encoded_list_size(std::size_t content) noexcept;

}  // namespace snmpio::detail

namespace snmpio::detail {
/// For the built-in MIBs: the responder's core, which stays put when the
/// command_responder object moves.
struct responder_access {
  static std::weak_ptr<responder_core> core(command_responder& r) noexcept { return r.core_; }
};
}  // namespace snmpio::detail
