// Test helper: what every fixture that runs a daemon as a child process needs: wait
// until an SNMP agent on a loopback port answers, and stop the child (SIGTERM, then
// SIGKILL after 2 s), reaping it either way.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <thread>

namespace snmpio::test {

/// True once an SNMPv2c GET of sysUpTime.0 (community "public") to 127.0.0.1:`port`
/// gets any answer, within about 10 s. False when the child `pid` exits first (port
/// taken, bad configuration); `pid` is then set to -1.
inline bool wait_agent_ready(pid_t& pid, std::uint16_t port) {
  int s = ::socket(AF_INET, SOCK_DGRAM, 0);
  if (s < 0) return false;
  timeval tv{0, 100000};
  ::setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  to.sin_port = htons(port);
  // SNMPv2c GetRequest, community "public", request-id 1, sysUpTime.0.
  const unsigned char probe[] = {0x30, 0x26, 0x02, 0x01, 0x01, 0x04, 0x06, 'p',  'u',  'b',  'l',  'i',  'c',  0xA0,
                                 0x19, 0x02, 0x01, 0x01, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00, 0x30, 0x0E, 0x30, 0x0C,
                                 0x06, 0x08, 0x2B, 0x06, 0x01, 0x02, 0x01, 0x01, 0x03, 0x00, 0x05, 0x00};
  bool ready = false;
  for (int i = 0; i < 100 && !ready; ++i) {
    int status;
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      pid = -1;
      break;
    }
    ::sendto(s, probe, sizeof probe, 0, reinterpret_cast<sockaddr*>(&to), sizeof to);
    unsigned char buf[1500];
    ready = ::recv(s, buf, sizeof buf, 0) > 0;
  }
  ::close(s);
  return ready;
}

/// Stops the child `pid` (if any) and reaps it; `pid` becomes -1.
inline void stop_process(pid_t& pid) {
  if (pid <= 0) return;
  ::kill(pid, SIGTERM);
  for (int i = 0; i < 200; ++i) {
    int status;
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      pid = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(pid, SIGKILL);
  int status;
  ::waitpid(pid, &status, 0);
  pid = -1;
}

}  // namespace snmpio::test
