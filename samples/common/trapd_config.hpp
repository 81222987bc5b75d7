// Sample helpers: the subset of snmptrapd.conf(5) that snmpio-trapd reads: authCommunity,
// createUser [-e ENGINEID], authUser, disableAuthorization. Every line it does not
// understand is an error "FILE:LINE: message".
#pragma once

#include <snmpio/security.hpp>
#include <snmpio/usm.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace snmpio::samples {

struct trapd_config {
  /// authCommunity lines (log, execute and net are accepted alike: snmpio-trapd logs).
  std::vector<community_entry> communities{};
  /// createUser lines; with -e the user belongs to that (sending) engine.
  std::vector<usm_user_data> users{};
  /// authUser lines: the SNMPv3 user names whose notifications are logged (all of them
  /// with disableAuthorization).
  std::vector<std::string> auth_users{};
  bool disable_authorization = false;
};

void parse_trapd_config(std::string_view text, const std::string& file_name, trapd_config& config,
                        std::vector<std::string>& errors);
void load_trapd_config_file(const std::string& path, trapd_config& config, std::vector<std::string>& errors);

}  // namespace snmpio::samples
