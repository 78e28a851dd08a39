#pragma once

// The questions start-a2a-agent asks on a terminal when --backend is missing: which backend,
// where its CLI is (only when it cannot be found), host, port, token, the backend's safety
// policy and the model. Every question shows its default in brackets and Enter takes it; a
// bad answer says why and asks again. Values already given by flags are not asked.

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>

#include "agents/common/environment.h"
#include "agents/launcher/launcher_options.h"
#include "core/result.h"

namespace agenthub::agents {

// Where the backend's CLI is: `given` (a --codex-bin / --claude-bin value) when set, else the
// backend's variable ($CODEX_BIN / $CLAUDE_BIN), else its name on PATH. nullopt if none works.
using CliLocator = std::function<std::optional<std::filesystem::path>(WrappedBackend backend,
                                                                      const std::string& given)>;

// A CliLocator reading the variables and PATH from `env`.
[[nodiscard]] CliLocator env_cli_locator(EnvList env);

// Asks for what `given` leaves open and returns the completed options (defaults resolved,
// token still unset unless typed in). kCancelled when `in` ends before setup is complete.
[[nodiscard]] Result<LauncherOptions> interactive_setup(LauncherOptions given, std::istream& in,
                                                        std::ostream& out,
                                                        const CliLocator& locate);

// The flags that start the same agent without questions (the token is never included).
[[nodiscard]] std::string equivalent_command(const LauncherOptions& options);

}  // namespace agenthub::agents
