// snmpio — the umbrella header: everything public.
#pragma once

#include <snmpio/command_generator.hpp>
#include <snmpio/agent_mibs.hpp>
#include <snmpio/command_responder.hpp>
#include <snmpio/endpoint.hpp>
#include <snmpio/engine.hpp>
#include <snmpio/security.hpp>
#include <snmpio/error.hpp>
#include <snmpio/export.hpp>
#include <snmpio/format.hpp>
#include <snmpio/if_mib.hpp>
#include <snmpio/mib.hpp>
#include <snmpio/notification_originator.hpp>
#include <snmpio/notification_receiver.hpp>
#include <snmpio/oid.hpp>
#include <snmpio/pdu.hpp>
#include <snmpio/reactor.hpp>
#include <snmpio/result.hpp>
#include <snmpio/sync.hpp>
#include <snmpio/target.hpp>
#include <snmpio/udp.hpp>
#include <snmpio/unique_function.hpp>
#include <snmpio/value.hpp>
#include <snmpio/varbind.hpp>
#include <snmpio/version.hpp>
