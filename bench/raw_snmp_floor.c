/* raw_snmp_floor: the least a manager can spend per SNMP GET — the floor snmpio's
 * manager is measured against, in plain C.
 *
 *   raw_snmp_floor PORT COUNT WINDOW [OID...]
 *
 * One SNMPv2c GetRequest (community "public", default OID sysUpTime.0) is encoded once;
 * each send copies it and patches its 4-octet request-id. COUNT GETs go to the agent at
 * 127.0.0.1:PORT with WINDOW in flight, sent with sendmmsg(2) and received with
 * recvmmsg(2); each answer is matched by request-id (a direct-mapped table) and its
 * error-status checked, nothing else is decoded. Prints
 *
 *   raw ok=N err=E cpu_us=U wall_us=W cpu_us_per_req=C
 *
 * CPU is user+system time from getrusage(2), the same measure the other clients use.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64
#define RING 65536
#define FIRST_ID 0x01000000u /* ids from here on always take 4 octets (minimal BER) */

static double cpu_us(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e6 + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
}

static double wall_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* ---- a minimal BER writer for the one request ---- */

static size_t put_len(uint8_t* p, size_t len) {
  if (len < 128) {
    p[0] = (uint8_t)len;
    return 1;
  }
  p[0] = 0x82;
  p[1] = (uint8_t)(len >> 8);
  p[2] = (uint8_t)len;
  return 3;
}

static size_t wrap(uint8_t* out, uint8_t tag, const uint8_t* content, size_t len) {
  out[0] = tag;
  size_t h = 1 + put_len(out + 1, len);
  memmove(out + h, content, len);
  return h + len;
}

static size_t encode_oid(const char* text, uint8_t* out) {
  unsigned long arcs[128];
  size_t n = 0;
  const char* p = text;
  if (*p == '.') ++p;
  while (*p && n < 128) {
    char* end;
    arcs[n++] = strtoul(p, &end, 10);
    if (end == p) return 0;
    p = *end == '.' ? end + 1 : end;
  }
  if (n < 2) return 0;
  uint8_t body[600];
  size_t b = 0;
  arcs[1] += arcs[0] * 40;
  for (size_t i = 1; i < n; ++i) {
    uint8_t tmp[5];
    int k = 0;
    unsigned long v = arcs[i];
    do {
      tmp[k++] = v & 0x7f;
      v >>= 7;
    } while (v);
    while (k > 0) {
      --k;
      body[b++] = tmp[k] | (k ? 0x80 : 0);
    }
  }
  return wrap(out, 0x06, body, b);
}

/* Returns the length; *id_at receives the offset of the request-id's 4 octets. */
static size_t encode_get(char** oids, int n_oids, uint8_t* out, size_t* id_at) {
  uint8_t vbl[4096], tmp[700], pdu[4096];
  size_t vbl_len = 0;
  for (int i = 0; i < n_oids; ++i) {
    size_t o = encode_oid(oids[i], tmp);
    if (!o) return 0;
    tmp[o++] = 0x05;
    tmp[o++] = 0x00;
    vbl_len += wrap(vbl + vbl_len, 0x30, tmp, o);
  }
  size_t p = 0;
  const uint8_t head[] = {0x02, 0x04, 0, 0, 0, 0, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00};
  memcpy(pdu, head, sizeof head);
  p = sizeof head;
  p += wrap(pdu + p, 0x30, vbl, vbl_len);
  uint8_t pdu_tlv[4200];
  size_t pdu_len = wrap(pdu_tlv, 0xA0, pdu, p);
  uint8_t msg[4300];
  const uint8_t version_community[] = {0x02, 0x01, 0x01, 0x04, 0x06, 'p', 'u', 'b', 'l', 'i', 'c'};
  memcpy(msg, version_community, sizeof version_community);
  memcpy(msg + sizeof version_community, pdu_tlv, pdu_len);
  size_t len = wrap(out, 0x30, msg, sizeof version_community + pdu_len);
  /* The request-id follows the PDU header: find "A0 L.. 02 04". */
  size_t outer_hdr = len - (sizeof version_community + pdu_len);
  size_t pdu_hdr = pdu_len - p;
  *id_at = outer_hdr + sizeof version_community + pdu_hdr + 2;
  return len;
}

/* ---- the response: just enough to find request-id and error-status ---- */

static int read_tl(const uint8_t** p, const uint8_t* end, uint8_t tag, size_t* len) {
  if (*p + 2 > end || **p != tag) return -1;
  ++*p;
  uint8_t l = *(*p)++;
  if (l < 128) *len = l;
  else {
    int k = l & 0x7f;
    if (k > 3 || *p + k > end) return -1;
    *len = 0;
    while (k--) *len = (*len << 8) | *(*p)++;
  }
  return *p + *len <= end ? 0 : -1;
}

static int read_int(const uint8_t** p, const uint8_t* end, long* v) {
  size_t len;
  if (read_tl(p, end, 0x02, &len) || len == 0 || len > 4) return -1;
  long x = (**p & 0x80) ? -1 : 0;
  for (size_t i = 0; i < len; ++i) x = (x << 8) | *(*p)++;
  *v = x;
  return 0;
}

static int parse_response(const uint8_t* d, size_t n, long* id, long* status) {
  const uint8_t *p = d, *end = d + n;
  size_t len;
  long version;
  if (read_tl(&p, end, 0x30, &len) || read_int(&p, end, &version)) return -1;
  if (read_tl(&p, end, 0x04, &len)) return -1;
  p += len;
  if (read_tl(&p, end, 0xA2, &len)) return -1;
  if (read_int(&p, end, id) || read_int(&p, end, status)) return -1;
  return 0;
}

int main(int argc, char** argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: %s PORT COUNT WINDOW [OID...]\n", argv[0]);
    return 2;
  }
  int port = atoi(argv[1]);
  long count = atol(argv[2]);
  long window = atol(argv[3]);
  char* deflt[] = {"1.3.6.1.2.1.1.3.0"};
  char** oids = argc > 4 ? argv + 4 : deflt;
  int n_oids = argc > 4 ? argc - 4 : 1;
  if (count <= 0 || window <= 0 || window >= RING) return 2;

  static uint8_t request[4400];
  size_t id_at = 0;
  size_t request_len = encode_get(oids, n_oids, request, &id_at);
  if (!request_len) {
    fprintf(stderr, "raw_snmp_floor: bad OID\n");
    return 2;
  }

  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  int big = 4 << 20;
  setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &big, sizeof big);
  struct timeval tv = {5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  struct sockaddr_in to;
  memset(&to, 0, sizeof to);
  to.sin_family = AF_INET;
  to.sin_port = htons((unsigned short)port);
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

  static uint32_t expected[RING]; /* the id in flight in each slot, 0 when none */
  static uint8_t out[BATCH][4400];
  static uint8_t in[BATCH][65536];
  struct mmsghdr smsg[BATCH], rmsg[BATCH];
  struct iovec siov[BATCH], riov[BATCH];
  for (int i = 0; i < BATCH; ++i) {
    siov[i].iov_base = out[i];
    siov[i].iov_len = request_len;
    memset(&smsg[i].msg_hdr, 0, sizeof smsg[i].msg_hdr);
    smsg[i].msg_hdr.msg_name = &to;
    smsg[i].msg_hdr.msg_namelen = sizeof to;
    smsg[i].msg_hdr.msg_iov = &siov[i];
    smsg[i].msg_hdr.msg_iovlen = 1;
  }

  uint32_t next_id = FIRST_ID;
  long sent = 0, done = 0, ok = 0, err = 0;
  double c0 = cpu_us(), w0 = wall_us();

  /* Sends `n` requests (n <= BATCH) in one sendmmsg. */
#define SEND_BATCH(n)                                                            \
  do {                                                                           \
    int n_ = (int)(n);                                                           \
    for (int i = 0; i < n_; ++i) {                                               \
      uint32_t id = next_id++;                                                   \
      memcpy(out[i], request, request_len);                                      \
      out[i][id_at] = (uint8_t)(id >> 24);                                       \
      out[i][id_at + 1] = (uint8_t)(id >> 16);                                   \
      out[i][id_at + 2] = (uint8_t)(id >> 8);                                    \
      out[i][id_at + 3] = (uint8_t)id;                                           \
      expected[id % RING] = id;                                                  \
    }                                                                            \
    int s_ = 0;                                                                  \
    while (s_ < n_) {                                                            \
      int r_ = sendmmsg(fd, smsg + s_, (unsigned)(n_ - s_), 0);                  \
      if (r_ < 0) {                                                              \
        if (errno == EINTR) continue;                                            \
        perror("sendmmsg");                                                      \
        return 1;                                                                \
      }                                                                          \
      s_ += r_;                                                                  \
    }                                                                            \
    sent += n_;                                                                  \
  } while (0)

  while (sent < window && sent < count) {
    long n = window - sent;
    if (n > count - sent) n = count - sent;
    if (n > BATCH) n = BATCH;
    SEND_BATCH(n);
  }
  while (done < count) {
    for (int i = 0; i < BATCH; ++i) {
      riov[i].iov_base = in[i];
      riov[i].iov_len = sizeof in[i];
      memset(&rmsg[i].msg_hdr, 0, sizeof rmsg[i].msg_hdr);
      rmsg[i].msg_hdr.msg_iov = &riov[i];
      rmsg[i].msg_hdr.msg_iovlen = 1;
    }
    int n = recvmmsg(fd, rmsg, BATCH, MSG_WAITFORONE, NULL);
    if (n < 0) {
      if (errno == EINTR) continue;
      fprintf(stderr, "raw_snmp_floor: %s after %ld answers\n", strerror(errno), done);
      break;
    }
    int matched = 0;
    for (int i = 0; i < n; ++i) {
      long id, status;
      if (parse_response(in[i], rmsg[i].msg_len, &id, &status) != 0) continue;
      uint32_t uid = (uint32_t)id;
      if (expected[uid % RING] != uid) continue; /* late, duplicate or foreign */
      expected[uid % RING] = 0;
      ++matched;
      if (status == 0) ++ok;
      else ++err;
    }
    done += matched;
    long more = count - sent;
    if (more > matched) more = matched;
    if (more > 0) SEND_BATCH(more);
  }
  double cpu = cpu_us() - c0, wall = wall_us() - w0;
  printf("raw ok=%ld err=%ld cpu_us=%.0f wall_us=%.0f cpu_us_per_req=%.3f\n", ok, err + (count - done), cpu, wall,
         done ? cpu / done : 0.0);
  return ok == count ? 0 : 1;
}
