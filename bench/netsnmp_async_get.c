/* netsnmp_async_get: the peer snmpio's manager is measured against — Net-SNMP's own C
 * async API, used the way its asyncapp example and most pollers use it.
 *
 *   netsnmp_async_get [-u USER -A AUTHPASS -X PRIVPASS] PORT COUNT WINDOW [OID...]
 *
 * COUNT SNMPv2c GETs (community "public") of the OIDs (default sysUpTime.0) to the agent
 * at 127.0.0.1:PORT, WINDOW in flight: snmp_sess_init/snmp_open, snmp_async_send with
 * a callback that sends the next request, and the snmp_select_info + select +
 * snmp_read/snmp_timeout loop. With -u, SNMPv3 authPriv GETs instead, as
 * `snmpget -v3 -l authPriv -u USER -a SHA-256 -A AUTHPASS -x AES -X PRIVPASS` sends
 * them: HMAC-SHA-256 (usmHMAC192SHA256AuthProtocol, RFC 7860) and AES-128 (RFC 3826),
 * keys from the passphrases with generate_Ku; snmp_open discovers the agent's engine ID
 * (and its boots/time) before the measurement starts. Prints
 *
 *   netsnmp ok=N err=E cpu_us=U wall_us=W cpu_us_per_req=C
 *
 * CPU is the process's user+system time from getrusage(2) between the first send and
 * the last answer (library initialisation excluded), divided by the completed requests.
 */
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <time.h>

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

#define MAX_OIDS 16
static oid names[MAX_OIDS][MAX_OID_LEN];
static size_t name_lens[MAX_OIDS];
static int n_names;

static long count, sent, completed, ok, err;
static netsnmp_session* session;

/* Numeric OIDs only: no MIB parsing in the measured path or at start. */
static int parse_numeric_oid(const char* text, oid* out, size_t* len) {
  size_t n = 0;
  const char* p = text;
  if (*p == '.') ++p;
  while (*p) {
    char* end;
    unsigned long v = strtoul(p, &end, 10);
    if (end == p || n == MAX_OID_LEN) return -1;
    out[n++] = (oid)v;
    p = end;
    if (*p == '.') ++p;
    else if (*p) return -1;
  }
  *len = n;
  return n >= 2 ? 0 : -1;
}

static int on_response(int operation, netsnmp_session* s, int reqid, netsnmp_pdu* pdu, void* magic);

static int send_one(void) {
  netsnmp_pdu* pdu = snmp_pdu_create(SNMP_MSG_GET);
  for (int i = 0; i < n_names; ++i) snmp_add_null_var(pdu, names[i], name_lens[i]);
  if (!snmp_async_send(session, pdu, on_response, NULL)) {
    snmp_perror("snmp_async_send");
    snmp_free_pdu(pdu);
    return -1;
  }
  ++sent;
  return 0;
}

static int on_response(int operation, netsnmp_session* s, int reqid, netsnmp_pdu* pdu, void* magic) {
  (void)s;
  (void)reqid;
  (void)magic;
  ++completed;
  /* A Report (e.g. usmStatsWrongDigests after a wrong passphrase) is no answer. */
  int good = operation == NETSNMP_CALLBACK_OP_RECEIVED_MESSAGE && pdu && pdu->command == SNMP_MSG_RESPONSE &&
             pdu->errstat == SNMP_ERR_NOERROR;
  if (good) {
    int n = 0;
    for (netsnmp_variable_list* v = pdu->variables; v; v = v->next_variable) {
      if (v->type == SNMP_NOSUCHOBJECT || v->type == SNMP_NOSUCHINSTANCE || v->type == SNMP_ENDOFMIBVIEW) good = 0;
      ++n;
    }
    if (n != n_names) good = 0;
  }
  if (good) ++ok;
  else ++err;
  if (sent < count) send_one();
  return 1;
}

int main(int argc, char** argv) {
  const char *user = NULL, *auth_pass = NULL, *priv_pass = NULL;
  const char* prog = argv[0];
  while (argc > 2 && argv[1][0] == '-' && argv[1][1] && !argv[1][2]) {
    const char** dst = argv[1][1] == 'u' ? &user : argv[1][1] == 'A' ? &auth_pass : argv[1][1] == 'X' ? &priv_pass : NULL;
    if (!dst) break;
    *dst = argv[2];
    argc -= 2;
    argv += 2;
  }
  if (argc < 4 || (user && (!auth_pass || !priv_pass)) || (!user && (auth_pass || priv_pass))) {
    fprintf(stderr, "usage: %s [-u USER -A AUTHPASS -X PRIVPASS] PORT COUNT WINDOW [OID...]\n", prog);
    return 2;
  }
  const char* port = argv[1];
  count = atol(argv[2]);
  long window = atol(argv[3]);
  const char* deflt[] = {"1.3.6.1.2.1.1.3.0"};
  const char** oids = argc > 4 ? (const char**)argv + 4 : deflt;
  n_names = argc > 4 ? argc - 4 : 1;
  if (n_names > MAX_OIDS || count <= 0 || window <= 0) return 2;
  for (int i = 0; i < n_names; ++i)
    if (parse_numeric_oid(oids[i], names[i], &name_lens[i]) != 0) {
      fprintf(stderr, "bad OID %s\n", oids[i]);
      return 2;
    }

  /* No MIB loading, no configuration files: only the library itself is measured. */
  setenv("MIBS", "", 1);
  setenv("SNMPCONFPATH", "/nonexistent", 1);
  netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
  netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_LOAD, 1);
  netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_SAVE, 1);
  init_snmp("netsnmp_async_get");

  char peer[64];
  snprintf(peer, sizeof peer, "udp:127.0.0.1:%s", port);
  netsnmp_session proto;
  snmp_sess_init(&proto);
  proto.peername = peer;
  if (user) {
    /* SNMPv3 authPriv: SHA-256 + AES-128, keys derived once here (Ku; the library
     * localizes them to the engine ID that snmp_open discovers). */
    proto.version = SNMP_VERSION_3;
    proto.securityName = (char*)user;
    proto.securityNameLen = strlen(user);
    proto.securityLevel = SNMP_SEC_LEVEL_AUTHPRIV;
    proto.securityAuthProto = usmHMAC192SHA256AuthProtocol;
    proto.securityAuthProtoLen = OID_LENGTH(usmHMAC192SHA256AuthProtocol);
    proto.securityAuthKeyLen = USM_AUTH_KU_LEN;
    if (generate_Ku(proto.securityAuthProto, (u_int)proto.securityAuthProtoLen, (const u_char*)auth_pass,
                    strlen(auth_pass), proto.securityAuthKey, &proto.securityAuthKeyLen) != SNMPERR_SUCCESS) {
      fprintf(stderr, "generate_Ku failed for the authentication passphrase\n");
      return 1;
    }
    proto.securityPrivProto = usmAESPrivProtocol;
    proto.securityPrivProtoLen = USM_PRIV_PROTO_AES_LEN;
    proto.securityPrivKeyLen = USM_PRIV_KU_LEN;
    if (generate_Ku(proto.securityAuthProto, (u_int)proto.securityAuthProtoLen, (const u_char*)priv_pass,
                    strlen(priv_pass), proto.securityPrivKey, &proto.securityPrivKeyLen) != SNMPERR_SUCCESS) {
      fprintf(stderr, "generate_Ku failed for the privacy passphrase\n");
      return 1;
    }
  } else {
    proto.version = SNMP_VERSION_2c;
    proto.community = (u_char*)"public";
    proto.community_len = 6;
  }
  proto.timeout = 5000000; /* 5 s: a lost answer shows up as err, not as a stall */
  proto.retries = 0;
  session = snmp_open(&proto);
  if (!session) {
    snmp_perror("snmp_open");
    return 1;
  }

  double c0 = cpu_us(), w0 = wall_us();
  for (long i = 0; i < window && sent < count; ++i)
    if (send_one() != 0) return 1;
  while (completed < count) {
    int fds = 0, block = 1;
    fd_set readers;
    struct timeval tv;
    FD_ZERO(&readers);
    snmp_select_info(&fds, &readers, &tv, &block);
    int n = select(fds, &readers, NULL, NULL, block ? NULL : &tv);
    if (n > 0) snmp_read(&readers);
    else if (n == 0) snmp_timeout();
    else {
      perror("select");
      return 1;
    }
  }
  double cpu = cpu_us() - c0, wall = wall_us() - w0;
  printf("netsnmp ok=%ld err=%ld cpu_us=%.0f wall_us=%.0f cpu_us_per_req=%.3f\n", ok, err, cpu, wall,
         completed ? cpu / completed : 0.0);
  snmp_close(session);
  snmp_shutdown("netsnmp_async_get");
  return err ? 1 : 0;
}
