#include "mcp/version.h"

namespace agenthub::mcp {

std::string_view server_version() { return AGENTHUB_VERSION; }

}  // namespace agenthub::mcp
