/* trap_blaster: sends N pre-encoded SNMPv2c traps (SNMPv2-Trap-PDU: sysUpTime.0,
 * snmpTrapOID.0 = linkDown, ifIndex.N) to HOST:PORT over UDP/IPv4, in batches of 64
 * with sendmmsg, at RATE traps per second (0: as fast as the socket takes them).
 * Each trap gets its own request-id. Prints "sent N seconds S".
 *
 *   trap_blaster HOST PORT COUNT RATE [COMMUNITY]
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64

static double now_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Appends TAG LEN(short form) CONTENT; every length here is < 128. */
static size_t tlv(unsigned char *out, unsigned char tag, const unsigned char *content, size_t len) {
  out[0] = tag;
  out[1] = (unsigned char)len;
  memcpy(out + 2, content, len);
  return len + 2;
}

int main(int argc, char **argv) {
  if (argc < 5) {
    fprintf(stderr, "usage: trap_blaster HOST PORT COUNT RATE [COMMUNITY]\n");
    return 2;
  }
  const char *community = argc > 5 ? argv[5] : "public";
  const long count = atol(argv[3]);
  const double rate = atof(argv[4]);
  struct sockaddr_in to;
  memset(&to, 0, sizeof to);
  to.sin_family = AF_INET;
  to.sin_port = htons((unsigned short)atoi(argv[2]));
  if (inet_pton(AF_INET, argv[1], &to.sin_addr) != 1 || count <= 0 || strlen(community) > 60) {
    fprintf(stderr, "trap_blaster: bad arguments\n");
    return 2;
  }
  /* varbinds */
  static const unsigned char uptime_oid[] = {0x2B, 6, 1, 2, 1, 1, 3, 0};
  static const unsigned char trapoid_oid[] = {0x2B, 6, 1, 6, 3, 1, 1, 4, 1, 0};
  static const unsigned char linkdown[] = {0x2B, 6, 1, 6, 3, 1, 1, 5, 3};
  static const unsigned char ifindex_oid[] = {0x2B, 6, 1, 2, 1, 2, 2, 1, 1, 7};
  unsigned char vb[256], vbl[256], tmp[128], pdu[320], msg[400], body[400];
  size_t n = 0, k;
  /* sysUpTime.0 = TimeTicks 12345 */
  k = tlv(tmp, 0x06, uptime_oid, sizeof uptime_oid);
  k += tlv(tmp + k, 0x43, (const unsigned char *)"\x30\x39", 2);
  n += tlv(vb + n, 0x30, tmp, k);
  k = tlv(tmp, 0x06, trapoid_oid, sizeof trapoid_oid);
  k += tlv(tmp + k, 0x06, linkdown, sizeof linkdown);
  n += tlv(vb + n, 0x30, tmp, k);
  k = tlv(tmp, 0x06, ifindex_oid, sizeof ifindex_oid);
  k += tlv(tmp + k, 0x02, (const unsigned char *)"\x07", 1);
  n += tlv(vb + n, 0x30, tmp, k);
  size_t vbl_len = tlv(vbl, 0x30, vb, n);
  /* PDU: request-id (4 octets, patched per trap), error-status 0, error-index 0 */
  size_t p = 0;
  p += tlv(pdu + p, 0x02, (const unsigned char *)"\x01\x00\x00\x00", 4);
  const size_t rid_at_pdu = 2;
  p += tlv(pdu + p, 0x02, (const unsigned char *)"\x00", 1);
  p += tlv(pdu + p, 0x02, (const unsigned char *)"\x00", 1);
  memcpy(pdu + p, vbl, vbl_len);
  p += vbl_len;
  size_t b = 0;
  b += tlv(body + b, 0x02, (const unsigned char *)"\x01", 1); /* version 1: v2c */
  b += tlv(body + b, 0x04, (const unsigned char *)community, strlen(community));
  const size_t pdu_at = b;
  b += tlv(body + b, 0xA7, pdu, p);
  if (b > 127) { fprintf(stderr, "trap_blaster: community too long\n"); return 2; }
  const size_t len = tlv(msg, 0x30, body, b);
  const size_t rid_at = 2 + pdu_at + 2 + rid_at_pdu;

  int s = socket(AF_INET, SOCK_DGRAM, 0);
  if (s < 0) { perror("socket"); return 1; }
  int sndbuf = 4 << 20;
  setsockopt(s, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
  static unsigned char bufs[BATCH][400];
  struct iovec iov[BATCH];
  struct mmsghdr mm[BATCH];
  const double start = now_s();
  long sent = 0;
  unsigned rid = 0x01000000u;
  while (sent < count) {
    int batch = (int)(count - sent < BATCH ? count - sent : BATCH);
    if (rate > 0) { /* pace: the batch may go once its last trap is due */
      double due = start + (double)(sent + batch) / rate;
      double wait = due - now_s();
      if (wait > 0) {
        struct timespec ts = {(time_t)wait, (long)((wait - (double)(time_t)wait) * 1e9)};
        nanosleep(&ts, NULL);
      }
    }
    for (int i = 0; i < batch; ++i) {
      memcpy(bufs[i], msg, len);
      ++rid;
      bufs[i][rid_at] = (unsigned char)(rid >> 24);
      bufs[i][rid_at + 1] = (unsigned char)(rid >> 16);
      bufs[i][rid_at + 2] = (unsigned char)(rid >> 8);
      bufs[i][rid_at + 3] = (unsigned char)rid;
      iov[i].iov_base = bufs[i];
      iov[i].iov_len = len;
      memset(&mm[i], 0, sizeof mm[i]);
      mm[i].msg_hdr.msg_name = &to;
      mm[i].msg_hdr.msg_namelen = sizeof to;
      mm[i].msg_hdr.msg_iov = &iov[i];
      mm[i].msg_hdr.msg_iovlen = 1;
    }
    int r = sendmmsg(s, mm, (unsigned)batch, 0);
    if (r < 0) { perror("sendmmsg"); return 1; }
    sent += r;
  }
  printf("sent %ld seconds %.3f\n", sent, now_s() - start);
  close(s);
  return 0;
}
