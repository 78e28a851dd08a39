#pragma once

// What a listen address means for who can reach the agent, and which URL to hand to an
// orchestrator for it.

#include <string>
#include <string_view>

#include "core/result.h"

namespace agenthub::agents {

// "localhost", any 127.0.0.0/8 address, "::1" / "[::1]": only this machine can connect.
[[nodiscard]] bool is_loopback_host(std::string_view host);

// "0.0.0.0", "::" / "[::]": every interface of this machine.
[[nodiscard]] bool is_wildcard_host(std::string_view host);

// The URL to give an orchestrator for an agent listening on `host` whose wrapper reported
// `listen_url`. A wildcard bind is reported as a loopback URL by the wrapper, which only
// works on this machine, so its host part is replaced by `machine_name` (this machine's
// hostname); any other bind is returned unchanged. kInvalidArgument for an unparsable URL.
[[nodiscard]] Result<std::string> advertised_url(std::string_view listen_url, std::string_view host,
                                                 std::string_view machine_name);

// gethostname(), or "" when it fails.
[[nodiscard]] std::string machine_hostname();

}  // namespace agenthub::agents
