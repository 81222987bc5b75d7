// snmpio — the umbrella header: everything public.
#pragma once

#include <snmpio/error.hpp>
#include <snmpio/export.hpp>
#include <snmpio/format.hpp>
#include <snmpio/oid.hpp>
#include <snmpio/pdu.hpp>
#include <snmpio/result.hpp>
#include <snmpio/value.hpp>
#include <snmpio/varbind.hpp>
#include <snmpio/version.hpp>
