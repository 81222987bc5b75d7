// The authenticated USM harness (testing.md, fuzz target 3). An engine holds four
// SNMPv3 GETs toward a sink that never answers, with users whose keys the harness also
// holds: "fz-priv" (SHA-256 + AES-128, requests 0 and 3), "fz-md5" (MD5, authNoPriv)
// and "fz-none" (noAuthNoPriv), for a fixed engine ID (no discovery). The input is a
// sequence of records; most build an SNMPv3 message for one of the pending msgIDs from
// input-chosen fields and mutations, then encrypt it with the user's localized privacy
// key and sign it with the user's localized authentication key, so the mutations get
// past the HMAC check into the time window, decryption, scopedPDU and dispatch code.
// Other records feed raw bytes, or the previous message with a flipped octet and no
// re-signing. Every request must complete exactly once, whatever arrives.
//
// Record format (every byte the input lacks reads as 0, and 0 means "no mutation", so
// a run of zero bytes is a valid, matching authPriv Response):
//   op   : %8 -> 5 raw chunk (len, bytes), 6 previous message with one octet flipped,
//          4 template sent twice, else template
//   sel  : request (&3), msgID offset ((>>2)&7) from that request's msgID
//   kind : PDU type (&7), usmStats counter of a Report ((>>3)&7)
//   f    : 1 raw flags, 2 odd-length flags, 4 boots/time, 8 out-of-range boots/time,
//          16 user name, 32 engine ID, 64 context, 128 header fields
//   p    : 1 request-id, 2 error status/index, 4 varbinds, 8 scopedPDU octet mutations,
//          16 message octet mutations (before signing), 32 privacy parameters and
//          ciphertext length, 64 encryption opposite to the flags, 128 digest length
#include <snmpio/command_generator.hpp>
#include <snmpio/reactor.hpp>
#include <snmpio/udp.hpp>

#include "ber/message_codec.hpp"
#include "crypto/usm_crypto.hpp"
#include "engine/engine_impl.hpp"
#include "tests/fuzz/fuzz_target.hpp"

#include <array>
#include <chrono>
#include <cstring>
#include <string>
#include <vector>

using namespace snmpio;

namespace {

using byte_vec = std::vector<std::uint8_t>;

const std::string kEngineId("\x80\x00\x1f\x88\x80\xaa\xbb\xcc\xdd", 9);
constexpr std::uint32_t kFirstRequestId = 1;
constexpr std::uint32_t kFirstMsgId = 1000;
constexpr int kRequests = 4;
constexpr std::size_t kMaxRecords = 24;

struct fuzz_user {
  std::string name;
  crypto::auth_algorithm auth;
  crypto::priv_algorithm priv;
  auth_protocol auth_api;
  priv_protocol priv_api;
  crypto::secure_bytes auth_ku, priv_ku;  // from "maplesyrup", hashed once per process
};

struct harness {
  reactor loop;
  udp_socket sink;  // the "agent": bound, never reads
  endpoint peer;
  std::array<fuzz_user, 3> users;
  harness() {
    auto s = udp_socket::open(loop, endpoint::loopback_v4(0));
    if (!s) std::abort();
    sink = std::move(*s);
    peer = sink.local_endpoint();
    users[0] = {"fz-priv", crypto::auth_algorithm::sha256, crypto::priv_algorithm::aes128, auth_protocol::hmac_sha256,
                priv_protocol::aes128, {}, {}};
    users[1] = {"fz-md5", crypto::auth_algorithm::md5, crypto::priv_algorithm::none, auth_protocol::hmac_md5,
                priv_protocol::none, {}, {}};
    users[2] = {"fz-none", crypto::auth_algorithm::none, crypto::priv_algorithm::none, auth_protocol::none,
                priv_protocol::none, {}, {}};
    for (auto& u : users) {
      if (u.auth == crypto::auth_algorithm::none) continue;
      if (crypto::password_to_key(u.auth, "maplesyrup", u.auth_ku)) std::abort();
      if (u.priv != crypto::priv_algorithm::none && crypto::password_to_key(u.auth, "maplesyrup", u.priv_ku))
        std::abort();
    }
  }
  // The engine gets the master keys (Ku): it localizes them itself, and the process
  // does not hash a passphrase per input.
  usm_user_data api_user(const fuzz_user& u) const {
    usm_user_data d{.user_name = u.name, .auth = u.auth_api, .priv = u.priv_api};
    d.auth_key.assign(reinterpret_cast<const char*>(u.auth_ku.view().data()), u.auth_ku.size());
    d.priv_key.assign(reinterpret_cast<const char*>(u.priv_ku.view().data()), u.priv_ku.size());
    d.auth_key_type = key_type::master;
    d.priv_key_type = key_type::master;
    d.security_engine_id = kEngineId;
    return d;
  }
};

harness& h() {
  static harness* instance = new harness();  // lives for the process: one socket
  return *instance;
}

// Reads the input; past its end every read is 0.
class input {
 public:
  input(const std::uint8_t* d, std::size_t n) noexcept : d_(d), n_(n) {}
  bool empty() const noexcept { return i_ >= n_; }
  std::uint8_t u8() noexcept { return i_ < n_ ? d_[i_++] : 0; }
  std::uint16_t u16() noexcept { return static_cast<std::uint16_t>(u8() << 8 | u8()); }
  std::uint32_t u32() noexcept { return static_cast<std::uint32_t>(u16()) << 16 | u16(); }
  std::string str(std::size_t max) {
    const std::size_t len = u8() % (max + 1);
    std::string s;
    for (std::size_t k = 0; k < len; ++k) s += static_cast<char>(u8());
    return s;
  }

 private:
  const std::uint8_t* d_;
  std::size_t n_;
  std::size_t i_ = 0;
};

// A forward BER writer: the harness controls every octet, including those the library's
// encoder would never produce.
void put_length(byte_vec& out, std::size_t n) {
  if (n < 0x80) {
    out.push_back(static_cast<std::uint8_t>(n));
    return;
  }
  std::uint8_t tmp[8];
  int k = 0;
  for (std::size_t v = n; v; v >>= 8) tmp[k++] = static_cast<std::uint8_t>(v);
  out.push_back(static_cast<std::uint8_t>(0x80 | k));
  while (k) out.push_back(tmp[--k]);
}
byte_vec tlv(std::uint8_t tag, const byte_vec& content) {
  byte_vec out{tag};
  put_length(out, content.size());
  out.insert(out.end(), content.begin(), content.end());
  return out;
}
byte_vec tlv(std::uint8_t tag, std::string_view content) {
  return tlv(tag, byte_vec(content.begin(), content.end()));
}
byte_vec integer(std::int64_t v) {
  byte_vec c;
  for (int shift = 56; shift > 0; shift -= 8) {
    const auto hi = static_cast<std::uint8_t>(v >> shift), next = static_cast<std::uint8_t>(v >> (shift - 8));
    const bool redundant = (hi == 0x00 && !(next & 0x80)) || (hi == 0xFF && (next & 0x80));
    if (!redundant || !c.empty()) c.push_back(hi);
  }
  c.push_back(static_cast<std::uint8_t>(v));
  return tlv(0x02, c);
}
void append(byte_vec& out, const byte_vec& more) { out.insert(out.end(), more.begin(), more.end()); }

value fuzz_value(input& in) {
  switch (in.u8() % 13) {
    case 0: return value::octet_string(in.str(40));
    case 1: return value::integer32(static_cast<std::int32_t>(in.u32()));
    case 2: return value::null();
    case 3: return value::object_identifier(oid{1, 3, 6, in.u8(), in.u32()});
    case 4: return value::ip_address({in.u8(), in.u8(), in.u8(), in.u8()});
    case 5: return value::counter32(in.u32());
    case 6: return value::gauge32(in.u32());
    case 7: return value::time_ticks(in.u32());
    case 8: return value::opaque(in.str(16));
    case 9: return value::counter64(static_cast<std::uint64_t>(in.u32()) << 32 | in.u32());
    case 10: return value::no_such_object();
    case 11: return value::no_such_instance();
    default: return value::end_of_mib_view();
  }
}

void mutate_octets(input& in, byte_vec& b) {
  const int n = in.u8() % 8;
  for (int k = 0; k < n && !b.empty(); ++k) {
    const std::size_t at = in.u16() % b.size();
    const std::uint8_t op = in.u8(), arg = in.u8();
    switch (op % 4) {
      case 0: b[at] ^= arg ? arg : 1; break;
      case 1: b[at] = arg; break;
      case 2: b.resize(at); break;  // truncate
      default: b.insert(b.begin() + static_cast<std::ptrdiff_t>(at), arg); break;
    }
  }
}

struct built {
  byte_vec wire;
  bool ok = false;
};

// One message for a pending request, built, encrypted and signed per the record.
built build_message(input& in, const harness& hs) {
  static const pdu_type kTypes[8] = {pdu_type::response, pdu_type::report,       pdu_type::response,
                                     pdu_type::get_request, pdu_type::trap_v2,   pdu_type::response,
                                     pdu_type::report,   pdu_type::inform_request};
  const std::uint8_t sel = in.u8(), kind = in.u8(), f = in.u8(), p = in.u8();
  const int request = sel & 3;
  const fuzz_user& user = hs.users[request == 3 ? 0 : request];
  const std::int32_t msg_id = static_cast<std::int32_t>(kFirstMsgId + request + ((sel >> 2) & 7));

  // Header.
  std::uint8_t level = static_cast<std::uint8_t>((user.auth != crypto::auth_algorithm::none ? 1 : 0) |
                                                 (user.priv != crypto::priv_algorithm::none ? 2 : 0));
  std::string flags(1, static_cast<char>(level));
  if (f & 1) flags[0] = static_cast<char>(in.u8());
  if (f & 2) flags = in.str(2);
  if (!flags.empty()) level = static_cast<std::uint8_t>(flags[0]) & 3;
  std::int64_t max_size = 65507, model = ber::usm_security_model;
  if (f & 128) {
    max_size = static_cast<std::int32_t>(in.u32());
    model = in.u8() % 5;
  }

  // Security parameters.
  std::string engine_id = kEngineId, user_name = user.name;
  std::int64_t boots = 0, time = 0;
  if (f & 4) {
    boots = in.u32() & 0x7FFFFFFF;
    time = in.u32() & 0x7FFFFFFF;
    if (in.u8() & 1) boots %= 4, time %= 400;  // near the engine's clock more often
  }
  if (f & 8) boots = -static_cast<std::int64_t>(in.u8()) - 1, time = static_cast<std::int64_t>(1) << 31;
  if (f & 16) user_name = in.str(40);
  if (f & 32) engine_id = in.str(40);

  // ScopedPDU.
  ber::scoped_pdu s;
  s.context_engine_id = kEngineId;
  if (f & 64) {
    s.context_engine_id = in.str(34);
    s.context_name = in.str(8);
  }
  s.data.type = kTypes[kind & 7];
  s.data.request_id = static_cast<std::int32_t>(kFirstRequestId + request);
  if (p & 1) s.data.request_id = static_cast<std::int32_t>(in.u32());
  if (p & 2) {
    s.data.error_status = static_cast<std::int8_t>(in.u8());
    s.data.error_index = static_cast<std::int8_t>(in.u8());
  }
  if (s.data.type == pdu_type::report) {
    const std::uint32_t stat = (kind >> 3) & 7;
    s.data.varbinds.push_back({oid{1, 3, 6, 1, 6, 3, stat ? 15u : 11u, 1, 1, stat ? stat : 1, 0},
                               value::counter32(1)});
  } else if (p & 4) {
    const int n = in.u8() % 5;
    for (int k = 0; k < n; ++k) s.data.varbinds.push_back({oid{1, 3, 6, 1, 2, 1, in.u8(), in.u8()}, fuzz_value(in)});
  } else {
    s.data.varbinds.push_back({oid{1, 3, 6, 1, 2, 1, 1, static_cast<std::uint32_t>(request + 1), 0},
                               value::octet_string("fuzz")});
  }
  ber::writer sw;
  if (ber::encode_scoped_pdu(sw, s)) return {};
  byte_vec scoped(sw.data().begin(), sw.data().end());
  if (p & 8) mutate_octets(in, scoped);

  // Keys localized to whatever engine ID the message names, as an agent would.
  const auto eid = ber::as_bytes(engine_id);
  crypto::secure_bytes auth_key, priv_kul, priv_key;
  if (user.auth != crypto::auth_algorithm::none && crypto::localize_key(user.auth, user.auth_ku.view(), eid, auth_key))
    return {};
  const fuzz_user& priv_user = hs.users[0];  // whose privacy key encrypts (the only one with one)
  if (crypto::localize_key(priv_user.auth, priv_user.priv_ku.view(), eid, priv_kul) ||
      crypto::extend_priv_key(priv_user.auth, priv_user.priv, priv_kul.view(), eid, priv_key))
    return {};

  // msgData: plaintext, or encrypted.
  bool encrypt = (level & 2) != 0;
  if (p & 64) encrypt = !encrypt;
  std::string priv_params;
  byte_vec msg_data;
  if (encrypt) {
    static std::uint64_t salt = 0x5eed;
    byte_vec cipher;
    std::uint8_t params[8];
    if (crypto::encrypt(priv_user.priv, priv_key.view(), static_cast<std::int32_t>(boots),
                        static_cast<std::int32_t>(time), salt++, scoped, cipher, params))
      return {};
    priv_params.assign(reinterpret_cast<const char*>(params), 8);
    if (p & 32) {
      if (in.u8() & 1) priv_params = in.str(12);
      cipher.resize(in.u16() % (cipher.size() + 17));
    }
    msg_data = tlv(0x04, cipher);
  } else {
    msg_data = scoped;
  }

  std::size_t digest_length = user.auth != crypto::auth_algorithm::none ? crypto::auth_params_length(user.auth) : 0;
  if (!digest_length && (level & 1)) digest_length = 12;
  if (p & 128) digest_length = in.u8() % 64;

  // UsmSecurityParameters, remembering where the digest goes.
  byte_vec usm_content;
  append(usm_content, tlv(0x04, engine_id));
  append(usm_content, integer(boots));
  append(usm_content, integer(time));
  append(usm_content, tlv(0x04, user_name));
  const byte_vec digest_tlv = tlv(0x04, byte_vec(digest_length, 0));
  const std::size_t digest_in_usm = usm_content.size() + (digest_tlv.size() - digest_length);
  append(usm_content, digest_tlv);
  append(usm_content, tlv(0x04, priv_params));
  const byte_vec usm_seq = tlv(0x30, usm_content);
  const byte_vec sec_params = tlv(0x04, usm_seq);

  byte_vec header_content;
  append(header_content, integer(msg_id));
  append(header_content, integer(max_size));
  append(header_content, tlv(0x04, flags));
  append(header_content, integer(model));

  byte_vec body;
  append(body, integer(3));
  append(body, tlv(0x30, header_content));
  const std::size_t sec_at = body.size();
  append(body, sec_params);
  append(body, msg_data);
  built out;
  out.wire = tlv(0x30, body);
  const std::size_t digest_at = (out.wire.size() - body.size()) + sec_at + (sec_params.size() - usm_seq.size()) +
                                (usm_seq.size() - usm_content.size()) + digest_in_usm;

  if (p & 16) {
    // Octet mutations of the message itself, the digest's octets excepted (they are
    // overwritten by the signature below).
    mutate_octets(in, out.wire);
  }
  if (user.auth != crypto::auth_algorithm::none && digest_at + digest_length <= out.wire.size()) {
    std::vector<std::uint8_t> digest;
    if (!crypto::hmac(user.auth, auth_key.view(), out.wire, digest))
      std::memcpy(out.wire.data() + digest_at, digest.data(), std::min(digest.size(), digest_length));
  }
  out.ok = true;
  return out;
}

}  // namespace

SNMPIO_FUZZ_TARGET(usm_resign)(const std::uint8_t* data, std::size_t size) {
  harness& hs = h();
  std::array<int, kRequests> calls{};
  {
    engine eng(hs.loop);
    eng.impl().seed_request_ids_for_testing(kFirstRequestId);
    eng.impl().seed_msg_ids_for_testing(kFirstMsgId);
    command_generator gen(eng);
    const target to = udp_target{"127.0.0.1", hs.peer.port(), {std::chrono::milliseconds(60000), 0}};
    std::array<request_handle, kRequests> handles;
    for (int i = 0; i < kRequests; ++i) {
      const usm_user_data user = hs.api_user(hs.users[i == 3 ? 0 : i]);
      auto done = [&calls, i](std::error_code, response) { ++calls[i]; };
      const oid name{1, 3, 6, 1, 2, 1, 1, static_cast<std::uint32_t>(i + 1), 0};
      auto r = i == 3 ? gen.get_next(user, to, {}, {name}, done) : gen.get(user, to, {}, {name}, done);
      SNMPIO_FUZZ_CHECK(r.has_value());
      handles[i] = *r;
    }
    hs.loop.poll();  // the requests go out (to the sink)

    input in(data, size);
    byte_vec previous;
    for (std::size_t record = 0; record < kMaxRecords && !in.empty(); ++record) {
      const std::uint8_t op = in.u8() % 8;
      if (op == 5) {
        const std::size_t len = in.u16() % 1024;
        byte_vec raw;
        for (std::size_t k = 0; k < len && !in.empty(); ++k) raw.push_back(in.u8());
        raw.shrink_to_fit();
        eng.impl().on_datagram(raw, hs.peer);
        continue;
      }
      if (op == 6) {
        if (previous.empty()) continue;
        previous[in.u16() % previous.size()] ^= static_cast<std::uint8_t>(in.u8() | 1);
        eng.impl().on_datagram(previous, hs.peer);
        continue;
      }
      built m = build_message(in, hs);
      if (!m.ok) continue;
      m.wire.shrink_to_fit();  // an exact-size buffer: a sanitizer sees any over-read
      eng.impl().on_datagram(m.wire, hs.peer);
      if (op == 4) eng.impl().on_datagram(m.wire, hs.peer);  // a duplicate
      previous = std::move(m.wire);
      hs.loop.poll();
      for (int i = 0; i < kRequests; ++i) SNMPIO_FUZZ_CHECK(calls[i] <= 1);
    }
    hs.loop.poll();
    for (int i = 0; i < kRequests; ++i) SNMPIO_FUZZ_CHECK(calls[i] <= 1);
    // Cancel whatever is left, then destroy the engine with anything still pending.
    for (int i = 0; i < kRequests; i += 2) handles[i].cancel();
  }
  hs.loop.poll();  // deferred completions (cancel) run here
  for (int i = 0; i < kRequests; ++i) SNMPIO_FUZZ_CHECK(calls[i] == 1);
  return 0;
}
