#include "agents/common/state_dir.h"

#include <cstdlib>
#include <string>

namespace agenthub::agents {

Result<std::filesystem::path> default_state_dir(std::string_view wrapper_name,
                                                const char* xdg_state_home, const char* home) {
  if (wrapper_name.empty() || wrapper_name == "." || wrapper_name == ".." ||
      wrapper_name.find('/') != std::string_view::npos) {
    return Error{ErrorCode::kInvalidArgument,
                 "invalid wrapper name for a state directory: '" + std::string(wrapper_name) + "'"};
  }
  std::filesystem::path base;
  if (xdg_state_home != nullptr && xdg_state_home[0] == '/') {
    base = xdg_state_home;
  } else if (home != nullptr && home[0] == '/') {
    base = std::filesystem::path(home) / ".local" / "state";
  } else {
    return Error{ErrorCode::kFailedPrecondition,
                 "cannot choose a state directory: neither XDG_STATE_HOME nor HOME is set to an "
                 "absolute path (pass --state-dir)"};
  }
  return (base / "agenthub" / std::string(wrapper_name)).lexically_normal();
}

Result<std::filesystem::path> default_state_dir(std::string_view wrapper_name) {
  return default_state_dir(wrapper_name, std::getenv("XDG_STATE_HOME"), std::getenv("HOME"));
}

}  // namespace agenthub::agents
