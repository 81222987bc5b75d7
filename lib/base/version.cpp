#include <snmpio/version.hpp>

namespace snmpio {

const char* version() noexcept { return SNMPIO_VERSION_STRING; }
unsigned version_number() noexcept { return SNMPIO_VERSION_NUMBER; }

}  // namespace snmpio
