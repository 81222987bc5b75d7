// Sample helpers: the one tokenizer of every Net-SNMP style configuration file the
// tools read (snmpd.conf for snmpio-agent, snmptrapd.conf for snmpio-trapd), with
// Net-SNMP's rules for quotes, backslashes and comments, so that a line means here what
// it means to snmpd and snmptrapd.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace snmpio::samples {

/// Splits one configuration line into words as Net-SNMP's reader does:
///  - blanks separate words;
///  - a word that begins with " or ' runs to the same quote, blanks and # included;
///  - a backslash, inside quotes or not, takes the next character literally;
///  - a # that begins a word starts a comment to the end of the line (so a # inside a
///    word, "pass#word", or inside quotes is part of the word).
/// An unterminated quote is an error (Net-SNMP would silently take the rest of the
/// line): false, with `error` set and `words` unspecified.
bool split_config_words(std::string_view line, std::vector<std::string>& words, std::string& error);

}  // namespace snmpio::samples
