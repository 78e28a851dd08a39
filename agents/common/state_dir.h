#pragma once

#include <filesystem>
#include <string_view>

#include "core/result.h"

namespace agenthub::agents {

// Where a wrapper keeps its state when --state-dir is not given:
// $XDG_STATE_HOME/agenthub/<wrapper_name> when XDG_STATE_HOME is set to an absolute path (the
// XDG spec says to ignore relative ones), else $HOME/.local/state/agenthub/<wrapper_name>.
// kFailedPrecondition when neither variable is usable; kInvalidArgument for a wrapper name
// that is empty or not a single path component. Creates nothing.
[[nodiscard]] Result<std::filesystem::path> default_state_dir(std::string_view wrapper_name);

// The same rule over explicit values (null or empty means unset), for tests.
[[nodiscard]] Result<std::filesystem::path> default_state_dir(std::string_view wrapper_name,
                                                              const char* xdg_state_home,
                                                              const char* home);

}  // namespace agenthub::agents
