#include "agents/launcher/launcher.h"

#include <signal.h>
#include <unistd.h>

#include <iostream>
#include <string>
#include <vector>

#include "a2a/auth.h"
#include "agents/common/wrapper_main.h"
#include "agents/launcher/console.h"
#include "agents/launcher/host_address.h"
#include "agents/launcher/interactive_setup.h"
#include "agents/launcher/launcher_options.h"
#include "agents/launcher/stop_signals.h"
#include "agents/launcher/supervisor.h"
#include "agents/launcher/wrapper_command.h"

namespace agenthub::agents {
namespace {

constexpr int kUsageError = 2;
constexpr int kStartError = 1;

bool on_terminal() { return ::isatty(STDIN_FILENO) == 1 && ::isatty(STDOUT_FILENO) == 1; }

void warn_about_network(const LauncherOptions& o) {
  const std::string& host = *o.host;
  if (is_loopback_host(host)) return;
  const std::string cli(cli_name(o.backend));
  if (o.no_auth) {
    say("WARNING: listening on " + host +
        " WITHOUT authentication (--no-auth --i-understand-no-auth): anyone who can reach this "
        "port can run " +
        cli + " on this machine as you.");
    return;
  }
  say("warning: listening on " + host +
      " makes the agent reachable from the network. Anyone with the token can run " + cli +
      " on this machine as you: keep authentication on, share the token only with the "
      "orchestrator, and prefer a firewall rule or an SSH tunnel.");
}

}  // namespace

int run_launcher(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  auto parsed = parse_launcher_args(args);
  if (!parsed.ok()) {
    say(parsed.error().message + "\nrun " + std::string(kLauncherProgram) +
        " --help for the flags");
    return kUsageError;
  }
  LauncherOptions options = std::move(parsed).value();
  if (options.help) {
    print_stdout(launcher_usage());
    return 0;
  }
  const EnvList env = current_env();

  if (options.backend == WrappedBackend::kUnknown) {
    if (!on_terminal()) {
      say("no --backend given, and not on a terminal to ask which one: pass --backend codex or "
          "--backend claude_code (see --help)");
      return kUsageError;
    }
    auto answered =
        interactive_setup(std::move(options), std::cin, std::cout, env_cli_locator(env));
    if (!answered.ok()) {
      say(answered.error().message);
      return kStartError;
    }
    options = std::move(answered).value();
  }
  if (auto valid = validate_launcher_options(options); !valid.ok()) {
    say(valid.error().message);
    return kUsageError;
  }
  resolve_defaults(options);
  warn_about_network(options);

  std::string token;
  if (!options.no_auth) {
    token = options.token ? *options.token : env_value(env, kAgentTokenEnv).value_or("");
    if (token.find_first_of(" \t\r\n") != std::string::npos) {
      say("$" + std::string(kAgentTokenEnv) + " must not contain whitespace");
      return kUsageError;
    }
    if (token.empty()) token = a2a::generate_bearer_token();
  }
  auto program = find_wrapper(options, env, own_directory());
  if (!program.ok()) {
    say(program.error().message);
    return kStartError;
  }

  // Before the wrapper's threads exist, so every thread inherits the blocked stop signals.
  auto signals = StopSignals::block();
  if (!signals.ok()) {
    say("cannot take over the stop signals: " + signals.error().message);
    return kStartError;
  }
  // A reader that went away (say, `| head -1`) must not kill us while the agent serves.
  ::signal(SIGPIPE, SIG_IGN);

  SuperviseOptions supervise;
  supervise.backend = options.backend;
  supervise.host = *options.host;
  supervise.token = token;
  supervise.json = options.json;
  supervise.startup_timeout = options.startup_timeout;
  supervise.stop_grace = options.stop_grace;
  return supervise_wrapper(wrapper_command(options, *program, token, env), supervise, *signals);
}

}  // namespace agenthub::agents
