// snmpio — library version.
#pragma once

#include <snmpio/export.hpp>

#define SNMPIO_VERSION_MAJOR 0
#define SNMPIO_VERSION_MINOR 1
#define SNMPIO_VERSION_PATCH 0
#define SNMPIO_VERSION_STRING "0.1.0"
/// One number that grows with every release: 0xMMmmpp.
#define SNMPIO_VERSION_NUMBER \
  ((SNMPIO_VERSION_MAJOR << 16) | (SNMPIO_VERSION_MINOR << 8) | SNMPIO_VERSION_PATCH)

namespace snmpio {

/// The version of the library actually linked, e.g. "0.1.0". Compare with
/// SNMPIO_VERSION_STRING to detect a header/library mismatch.
SNMPIO_EXPORT const char* version() noexcept;

/// SNMPIO_VERSION_NUMBER of the library actually linked.
SNMPIO_EXPORT unsigned version_number() noexcept;

}  // namespace snmpio
