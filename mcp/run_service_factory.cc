#include "mcp/run_service_factory.h"

#include <cstdlib>
#include <sstream>

#include "hub/run_manager.h"

#ifndef AGENTHUB_BUNDLED_PROFILE_DIR
#define AGENTHUB_BUNDLED_PROFILE_DIR ""
#endif

namespace agenthub::mcp {
namespace {

namespace fsys = std::filesystem;

// Bundled personas: $AGENTHUB_PROFILE_PATH (colon-separated), then profile/ next to the
// installation (<bin>/../share/agenthub/profile), then the source tree this was built from.
std::vector<fsys::path> profile_dirs() {
  std::vector<fsys::path> dirs;
  if (const char* env = std::getenv("AGENTHUB_PROFILE_PATH"); env != nullptr) {
    std::stringstream list(env);
    for (std::string dir; std::getline(list, dir, ':');) {
      if (!dir.empty()) dirs.emplace_back(dir);
    }
  }
  std::error_code ec;
  fsys::path self = fsys::read_symlink("/proc/self/exe", ec);
  if (!ec) dirs.push_back(self.parent_path().parent_path() / "share" / "agenthub" / "profile");
  if (*AGENTHUB_BUNDLED_PROFILE_DIR != '\0') dirs.emplace_back(AGENTHUB_BUNDLED_PROFILE_DIR);
  return dirs;
}

}  // namespace

Result<std::unique_ptr<hub::RunService>> make_run_service(const Options& options) {
  hub::RunManagerOptions hub_options;
  hub_options.local_agents.codex_agent_bin = options.codex_agent_bin;
  hub_options.local_agents.claude_agent_bin = options.claude_agent_bin;
  if (!options.state_dir.empty()) {
    const fsys::path state(options.state_dir);
    hub_options.run_index_dir = state / "run-index";
    hub_options.local_agents.codex_agent_args = {"--state-dir",
                                                 (state / "codex-a2a-agent").string()};
    hub_options.local_agents.claude_agent_args = {"--state-dir",
                                                  (state / "claude-a2a-agent").string()};
  }
  hub_options.profile_dirs = profile_dirs();
  auto manager = hub::RunManager::create(std::move(hub_options));
  if (!manager.ok()) return manager.error();
  return std::unique_ptr<hub::RunService>(std::move(manager).value());
}

}  // namespace agenthub::mcp
