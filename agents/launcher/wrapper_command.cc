#include "agents/launcher/wrapper_command.h"

#include <system_error>

#include "agents/common/wrapper_main.h"

namespace agenthub::agents {
namespace {

namespace fsys = std::filesystem;

std::string env_or_empty(const EnvList& env, std::string_view key) {
  return env_value(env, key).value_or("");
}

}  // namespace

fsys::path own_directory() {
  std::error_code ec;
  fsys::path self = fsys::read_symlink("/proc/self/exe", ec);
  return ec ? fsys::path() : self.parent_path();
}

Result<fsys::path> find_wrapper(const LauncherOptions& options, const EnvList& env,
                                const fsys::path& own_dir) {
  const std::string search_path = env_or_empty(env, "PATH");
  // An explicit choice is final: a typo there must not silently fall back to another binary.
  struct Explicit {
    std::string value;
    std::string origin;
  };
  for (const Explicit& choice :
       {Explicit{options.wrapper_bin, "--wrapper-bin"},
        Explicit{env_or_empty(env, kWrapperBinEnv), std::string(kWrapperBinEnv)},
        Explicit{env_or_empty(env, wrapper_bin_env(options.backend)),
                 std::string(wrapper_bin_env(options.backend))}}) {
    if (choice.value.empty()) continue;
    auto found = find_executable(choice.value, search_path);
    if (!found.ok()) {
      return Error{found.error().code, "the wrapper given by " + choice.origin +
                                           " is unusable: " + found.error().message};
    }
    return found;
  }
  const std::string program(wrapper_program(options.backend));
  if (!own_dir.empty()) {
    fsys::path beside = own_dir / program;
    if (find_executable(beside.string(), search_path).ok()) return beside;
  }
  auto on_path = find_executable(program, search_path);
  if (on_path.ok()) return on_path;
  return Error{ErrorCode::kNotFound,
               "cannot find " + program + " (looked next to " + std::string(kLauncherProgram) +
                   (own_dir.empty() ? "" : " in " + own_dir.string()) +
                   " and on PATH). Build or install it, or point --wrapper-bin PATH at it"};
}

WrapperCommand wrapper_command(const LauncherOptions& o, const fsys::path& program,
                               const std::string& token, const EnvList& base_env) {
  WrapperCommand command;
  std::vector<std::string>& argv = command.argv;
  argv = {program.string(), "--host", o.host.value_or(std::string(kDefaultHost)), "--port",
          std::to_string(o.port.value_or(0))};
  if (o.no_auth) argv.push_back("--no-auth");
  if (!o.state_dir.empty()) argv.insert(argv.end(), {"--state-dir", o.state_dir});
  if (o.max_tasks) argv.insert(argv.end(), {"--max-tasks", std::to_string(*o.max_tasks)});
  if (o.model) argv.insert(argv.end(), {"--model", *o.model});
  if (o.backend == WrappedBackend::kCodex && o.sandbox) {
    argv.insert(argv.end(), {"--sandbox", *o.sandbox});
  }
  if (o.backend == WrappedBackend::kClaudeCode && o.permission) {
    argv.insert(argv.end(), {"--permission", *o.permission});
  }
  if (const std::string& bin = cli_bin(o); !bin.empty()) {
    argv.insert(argv.end(), {std::string(cli_bin_flag(o.backend)), bin});
  }
  argv.insert(argv.end(), o.wrapper_args.begin(), o.wrapper_args.end());

  EnvList set;
  if (!o.no_auth) set.push_back(std::string(kAgentTokenEnv) + "=" + token);
  command.env = merge_env(base_env,
                          {std::string(kAgentTokenEnv), std::string(kWrapperBinEnv),
                           std::string(wrapper_bin_env(WrappedBackend::kCodex)),
                           std::string(wrapper_bin_env(WrappedBackend::kClaudeCode))},
                          set);
  return command;
}

}  // namespace agenthub::agents
