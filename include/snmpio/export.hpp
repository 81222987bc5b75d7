// snmpio — symbol visibility. The library is built with -fvisibility=hidden; only
// what is marked SNMPIO_EXPORT is part of the shared object's ABI.
#pragma once

#if defined(_WIN32)
#  define SNMPIO_EXPORT
#elif defined(__GNUC__) || defined(__clang__)
#  define SNMPIO_EXPORT __attribute__((visibility("default")))
#else
#  define SNMPIO_EXPORT
#endif
