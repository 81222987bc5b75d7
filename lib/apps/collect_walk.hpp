// A walk whose rows are gathered into one response: the shape the awaitable and the
// blocking wrappers give a walk.
#pragma once

#include <snmpio/command_generator.hpp>

#include <memory>
#include <utility>
#include <vector>

namespace snmpio::detail {

/// The row and completion handlers of a walk that appends every row's varbinds to one
/// list and hands it to `done` as the response's varbinds.
inline std::pair<row_handler, walk_handler> collect_walk(response_handler done) {
  auto rows = std::make_shared<std::vector<varbind>>();
  row_handler on_row = [rows](const std::vector<varbind>& row) {
    rows->insert(rows->end(), row.begin(), row.end());
    return true;
  };
  walk_handler on_done = [rows, done = std::move(done)](std::error_code ec, response last) mutable {
    last.varbinds = std::move(*rows);
    done(ec, std::move(last));
  };
  return {std::move(on_row), std::move(on_done)};
}

}  // namespace snmpio::detail
