// View-based Access Control (RFC 3415): groups, views (families of subtrees with
// masks) and access entries, with isAccessAllowed resolved in two steps: once per
// request down to the views (select_views), then per variable (vacm_view::contains).
#pragma once

#include <snmpio/error.hpp>
#include <snmpio/oid.hpp>
#include <snmpio/security.hpp>

#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace snmpio::detail {

/// A MIB view: a set of view tree families (RFC 3415 §5.2). A name is in the view
/// when the most specific family that matches it (longest subtree; among equals, the
/// lexicographically greatest) is included.
class vacm_view {
 public:
  struct family {
    oid subtree;
    std::vector<std::uint8_t> mask;  ///< bit per subtree arc, MSB first; empty: all ones
    bool included = true;
  };

  /// Adds (or replaces) the family for `subtree`.
  void add(oid subtree, std::vector<std::uint8_t> mask, bool included);
  bool contains(const oid& name) const noexcept;
  /// True when some name starting with `prefix` may be in the view (for GETNEXT: a
  /// subtree the view excludes entirely can be skipped).
  bool may_contain_under(const oid& prefix) const noexcept;
  /// True when no name under `prefix` can be in the view and something after the
  /// excluded subtree can: a cheap way to skip a whole excluded family.
  bool empty() const noexcept { return families_.empty(); }
  const std::vector<family>& families() const noexcept { return families_; }

 private:
  static bool matches(const family& f, const oid& name) noexcept;
  std::vector<family> families_;
};

/// Why access was refused (RFC 3415 §3.2 isAccessAllowed's error indications).
enum class vacm_result : std::uint8_t {
  allowed,
  no_such_context,
  no_group_name,
  no_access_entry,
  no_such_view,
  not_in_view,
};

class vacm {
 public:
  using view_type = access_kind;

  void add_group(security_model model, std::string security_name, std::string group);
  /// `mask` as snmpd.conf writes it ("ff", "ff.a0", "fe:80"; empty: all ones).
  std::error_code add_view(std::string name, oid subtree, std::string_view mask, bool included);
  void add_access(const vacm_access_entry& e);
  void add_context(std::string context_name) { contexts_.emplace(std::move(context_name), true); }
  bool has_context(const std::string& name) const { return contexts_.count(name) != 0; }

  /// The view `type` grants (model, name, level) in `context`, or the reason none is.
  /// `context_must_exist`: RFC 3415 step 1 (the agent side); the notification receiver
  /// checks a sender's context, which need not exist here.
  vacm_result select_view(security_model model, const std::string& security_name, security_level level,
                          const std::string& context, view_type type, const vacm_view*& out,
                          bool context_must_exist = true) const;
  /// Steps 1-4 alone: the access entry that applies, for callers that check several
  /// kinds of view at once (the notification receiver).
  vacm_result select_access(security_model model, const std::string& security_name, security_level level,
                            const std::string& context, const vacm_access_entry*& out,
                            bool context_must_exist = true) const;
  /// The view of kind `type` an access entry names; null when it names none, or one
  /// that is not defined.
  const vacm_view* view_of(const vacm_access_entry& e, view_type type) const;
  /// True once any group or access entry is configured.
  bool configured() const noexcept { return !groups_.empty() || !access_.empty(); }

  const vacm_view* view(const std::string& name) const;

 private:
  std::map<std::pair<security_model, std::string>, std::string> groups_;
  std::map<std::string, vacm_view> views_;
  std::vector<vacm_access_entry> access_;
  std::map<std::string, bool> contexts_{{"", true}};
};

/// Parses a view mask as snmpd.conf and RFC 3415 examples write it: hex octets
/// separated by '.' or ':' or not at all ("ff", "ff.c0", "ffc0"). errc::invalid_argument
/// otherwise.
std::error_code parse_view_mask(std::string_view text, std::vector<std::uint8_t>& out);

}  // namespace snmpio::detail
