#include "mcp/run_service_factory.h"

#include <chrono>
#include <cstdlib>
#include <sstream>

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

hub::RunManagerOptions run_manager_options(const Options& options) {
  hub::RunManagerOptions hub_options;
  hub_options.local_agents.codex_agent_bin = options.codex_agent_bin;
  hub_options.local_agents.claude_agent_bin = options.claude_agent_bin;
  auto& codex_args = hub_options.local_agents.codex_agent_args;
  auto& claude_args = hub_options.local_agents.claude_agent_args;
  if (!options.state_dir.empty()) {
    const fsys::path state(options.state_dir);
    hub_options.run_index_dir = state / "run-index";
    codex_args.insert(codex_args.end(), {"--state-dir", (state / "codex-a2a-agent").string()});
    claude_args.insert(claude_args.end(), {"--state-dir", (state / "claude-a2a-agent").string()});
  }
  if (options.wrapper_max_tasks) {
    const std::string tasks = std::to_string(*options.wrapper_max_tasks);
    codex_args.insert(codex_args.end(), {"--max-tasks", tasks});
    claude_args.insert(claude_args.end(), {"--max-tasks", tasks});
  }
  if (options.max_concurrent_runs) {
    hub_options.max_concurrent_runs = static_cast<std::size_t>(*options.max_concurrent_runs);
  }
  if (options.stall_timeout_s) {
    hub_options.stall_timeout = std::chrono::seconds(*options.stall_timeout_s);
  }
  hub_options.profile_dirs = profile_dirs();
  return hub_options;
}

Result<std::unique_ptr<hub::RunService>> make_run_service(const Options& options) {
  auto manager = hub::RunManager::create(run_manager_options(options));
  if (!manager.ok()) return manager.error();
  return std::unique_ptr<hub::RunService>(std::move(manager).value());
}

}  // namespace agenthub::mcp
