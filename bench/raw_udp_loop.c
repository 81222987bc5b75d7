/* raw_udp_loop: the floor the reactor is measured against, in plain C.
 *
 *   raw_udp_loop server [PORT]            echo server on 127.0.0.1 (prints "port N")
 *   raw_udp_loop snmp-server [PORT]       the same, turning each SNMP request's PDU tag
 *                                          into a Response's (the agent-side floor)
 *   raw_udp_loop client PORT COUNT WINDOW  COUNT request/response round trips, WINDOW in
 *                                          flight, with blocking recvmmsg/sendmmsg
 *
 * The client prints "raw_client round_trips=N cpu_us=U wall_us=W": CPU is the
 * process's user+system time from getrusage(2), the same measure the reactor client
 * reports. The server is shared by both clients, so it costs them the same.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64
#define PAYLOAD 64

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

static int open_socket(int port) {
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  if (fd < 0) { perror("socket"); exit(1); }
  int big = 4 << 20;
  setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &big, sizeof big);
  struct sockaddr_in a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons((unsigned short)port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(fd, (struct sockaddr*)&a, sizeof a) != 0) { perror("bind"); exit(1); }
  return fd;
}

/* An SNMPv1/v2c request echoed as a Response: the first GetRequest/GetNextRequest
 * tag after the version and community becomes 0xA2. The least an agent can do. */
static void make_response(unsigned char* p, unsigned len) {
  for (unsigned i = 7; i < len; ++i) {
    if (p[i] == 0xA0 || p[i] == 0xA1) {
      p[i] = 0xA2;
      return;
    }
  }
}

static int run_server(int port, int snmp) {
  int fd = open_socket(port);
  struct sockaddr_in self;
  socklen_t len = sizeof self;
  getsockname(fd, (struct sockaddr*)&self, &len);
  printf("port %d\n", ntohs(self.sin_port));
  fflush(stdout);
  static char bufs[BATCH][2048];
  struct mmsghdr msgs[BATCH];
  struct iovec iov[BATCH];
  struct sockaddr_in from[BATCH];
  for (;;) {
    for (int i = 0; i < BATCH; ++i) {
      iov[i].iov_base = bufs[i];
      iov[i].iov_len = sizeof bufs[i];
      memset(&msgs[i].msg_hdr, 0, sizeof msgs[i].msg_hdr);
      msgs[i].msg_hdr.msg_name = &from[i];
      msgs[i].msg_hdr.msg_namelen = sizeof from[i];
      msgs[i].msg_hdr.msg_iov = &iov[i];
      msgs[i].msg_hdr.msg_iovlen = 1;
    }
    int n = recvmmsg(fd, msgs, BATCH, MSG_WAITFORONE, NULL);
    if (n < 0) {
      if (errno == EINTR) continue;
      perror("recvmmsg");
      return 1;
    }
    for (int i = 0; i < n; ++i) {
      iov[i].iov_len = msgs[i].msg_len;
      if (snmp) make_response((unsigned char*)bufs[i], msgs[i].msg_len);
    }
    int done = 0;
    while (done < n) {
      int s = sendmmsg(fd, msgs + done, (unsigned)(n - done), 0);
      if (s < 0) {
        if (errno == EINTR) continue;
        break; /* a lost echo: the client notices */
      }
      done += s;
    }
  }
}

static int run_client(int port, long count, int window) {
  int fd = open_socket(0);
  struct timeval tv = {5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  struct sockaddr_in to;
  memset(&to, 0, sizeof to);
  to.sin_family = AF_INET;
  to.sin_port = htons((unsigned short)port);
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (window > BATCH) window = BATCH;

  static char out[BATCH][PAYLOAD];
  static char in[BATCH][2048];
  struct mmsghdr smsg[BATCH], rmsg[BATCH];
  struct iovec siov[BATCH], riov[BATCH];
  for (int i = 0; i < BATCH; ++i) {
    memset(out[i], 'r', PAYLOAD);
    siov[i].iov_base = out[i];
    siov[i].iov_len = PAYLOAD;
    memset(&smsg[i].msg_hdr, 0, sizeof smsg[i].msg_hdr);
    smsg[i].msg_hdr.msg_name = &to;
    smsg[i].msg_hdr.msg_namelen = sizeof to;
    smsg[i].msg_hdr.msg_iov = &siov[i];
    smsg[i].msg_hdr.msg_iovlen = 1;
  }
  double c0 = cpu_us(), w0 = wall_us();
  long sent = 0, received = 0;
  int first = window < count ? window : (int)count;
  if (sendmmsg(fd, smsg, (unsigned)first, 0) != first) { perror("sendmmsg"); return 1; }
  sent = first;
  while (received < count) {
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
      fprintf(stderr, "raw_client: %s after %ld round trips\n", strerror(errno), received);
      return 1;
    }
    received += n;
    long more = count - sent;
    if (more > n) more = n;
    if (more > 0) {
      int s = sendmmsg(fd, smsg, (unsigned)more, 0);
      if (s != more) { perror("sendmmsg"); return 1; }
      sent += more;
    }
  }
  double cpu = cpu_us() - c0, wall = wall_us() - w0;
  printf("raw_client round_trips=%ld cpu_us=%.0f wall_us=%.0f\n", received, cpu, wall);
  return 0;
}

int main(int argc, char** argv) {
  if (argc >= 2 && strcmp(argv[1], "server") == 0)
    return run_server(argc >= 3 ? atoi(argv[2]) : 0, 0);
  if (argc >= 2 && strcmp(argv[1], "snmp-server") == 0)
    return run_server(argc >= 3 ? atoi(argv[2]) : 0, 1);
  if (argc >= 5 && strcmp(argv[1], "client") == 0)
    return run_client(atoi(argv[2]), atol(argv[3]), atoi(argv[4]));
  fprintf(stderr, "usage: %s server [PORT] | snmp-server [PORT] | client PORT COUNT WINDOW\n", argv[0]);
  return 2;
}
