#include "agents/common/wrapper_main.h"

#include <signal.h>
#include <spdlog/spdlog.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <iostream>

#include "a2a/auth.h"
#include "a2a/server/server.h"
#include "agents/common/context_registry.h"
#include "agents/common/environment.h"
#include "agents/common/run_event_wire.h"
#include "agents/common/state_dir.h"
#include "core/fs.h"
#include "core/json.h"
#include "core/logging.h"

#ifndef AGENTHUB_VERSION
#define AGENTHUB_VERSION "0.0.0"
#endif

namespace agenthub::agents {
namespace {

using namespace std::chrono_literals;

std::string env_string(std::string_view name) {
  const char* value = std::getenv(std::string(name).c_str());
  return value == nullptr ? std::string() : std::string(value);
}

// Where the CLI is: the flag, else the variable, else the first one on PATH.
Result<std::filesystem::path> resolve_cli(const WrapperSpec& spec, const std::string& given) {
  std::string name = given;
  std::string origin = spec.bin_flag;
  if (name.empty()) {
    name = env_string(spec.bin_env);
    origin = spec.bin_env;
  }
  if (name.empty()) {
    name = spec.cli;
    origin = "PATH";
  }
  auto found = find_executable(name, env_string("PATH"));
  if (found.ok()) return found;
  return Error{found.error().code, "cannot find the " + spec.cli + " CLI (" + origin + ": " +
                                       found.error().message + "). Install it or point " +
                                       spec.bin_flag + " PATH or " + spec.bin_env +
                                       "=PATH at the " + spec.cli + " executable"};
}

// Waits for SIGINT/SIGTERM, or until the executor was idle for `idle_limit` (0: never).
// Returns the signal number, or 0 for the idle limit.
int wait_for_stop(const sigset_t& signals, const CliExecutor& executor,
                  std::chrono::seconds idle_limit) {
  while (true) {
    if (idle_limit.count() == 0) {
      int sig = 0;
      if (sigwait(&signals, &sig) == 0) return sig;
      continue;
    }
    const auto idle = executor.idle_for();
    if (idle >= idle_limit) return 0;
    // Look again at least once a second: the last task may end any time.
    auto wait = std::min<std::chrono::nanoseconds>(idle_limit - idle, 1s);
    timespec ts{};
    ts.tv_sec = static_cast<time_t>(wait.count() / 1000000000);
    ts.tv_nsec = static_cast<long>(wait.count() % 1000000000);
    int sig = sigtimedwait(&signals, nullptr, &ts);
    if (sig > 0) return sig;
  }
}

}  // namespace

std::vector<FlagSpec> wrapper_flag_specs(const WrapperSpec& spec, WrapperFlags& flags) {
  std::vector<FlagSpec> specs = {
      {"--host", "HOST", "address to listen on (default 127.0.0.1)",
       [&flags](const std::string& v) -> Status {
         if (v.empty()) return Error{ErrorCode::kInvalidArgument, "must not be empty"};
         flags.host = v;
         return {};
       }},
      {"--port", "PORT", "port to listen on; 0 picks a free one (default 0)",
       [&flags](const std::string& v) -> Status {
         auto port = parse_integer(v, 0, 65535);
         if (!port.ok()) return port.error();
         flags.port = static_cast<int>(*port);
         return {};
       }},
      {"--token", "TOKEN",
       "bearer token clients must send (default: $" + std::string(kAgentTokenEnv) +
           ", else a random one, printed in the ready line)",
       [&flags](const std::string& v) -> Status {
         if (v.empty()) return Error{ErrorCode::kInvalidArgument, "must not be empty"};
         flags.token = v;
         return {};
       }},
      {"--no-auth", "", "accept requests without a token (explicit opt-out)",
       [&flags](const std::string&) -> Status {
         flags.no_auth = true;
         return {};
       }},
      {"--state-dir", "DIR",
       "where contexts (cwd + CLI session) are remembered (default "
       "$XDG_STATE_HOME/agenthub/" +
           spec.program + " or ~/.local/state/agenthub/" + spec.program + ")",
       [&flags](const std::string& v) -> Status {
         if (v.empty()) return Error{ErrorCode::kInvalidArgument, "must not be empty"};
         flags.state_dir = v;
         return {};
       }},
      {"--max-tasks", "N", "tasks running at once; more wait in SUBMITTED (default 4)",
       [&flags](const std::string& v) -> Status {
         auto n = parse_integer(v, 1, 1024);
         if (!n.ok()) return n.error();
         flags.max_tasks = static_cast<int>(*n);
         return {};
       }},
      {spec.bin_flag, "PATH",
       "the " + spec.cli + " executable (default: $" + spec.bin_env + ", else the first " +
           spec.cli + " on PATH)",
       [&flags](const std::string& v) -> Status {
         if (v.empty()) return Error{ErrorCode::kInvalidArgument, "must not be empty"};
         flags.cli_bin = v;
         return {};
       }},
      {"--model", "MODEL", "model the CLI uses unless a message names one (metadata.model)",
       [&flags](const std::string& v) -> Status {
         flags.model = v;
         return {};
       }},
      {"--cancel-grace-ms", "MS",
       "from a cancel to SIGKILL of the CLI's process group (default 5000)",
       [&flags](const std::string& v) -> Status {
         auto ms = parse_integer(v, 0, 3600000);
         if (!ms.ok()) return ms.error();
         flags.cancel_grace = std::chrono::milliseconds(*ms);
         return {};
       }},
      {"--idle-exit-after", "SECONDS",
       "exit cleanly once no task ran for this long (default 0: never)",
       [&flags](const std::string& v) -> Status {
         auto s = parse_integer(v, 0, 365LL * 24 * 3600);
         if (!s.ok()) return s.error();
         flags.idle_exit_after = std::chrono::seconds(*s);
         return {};
       }},
      {"--help", "", "print this help and exit",
       [&flags](const std::string&) -> Status {
         flags.help = true;
         return {};
       }},
  };
  specs.insert(specs.end(), spec.extra_flags.begin(), spec.extra_flags.end());
  return specs;
}

std::string wrapper_usage(const WrapperSpec& spec, const std::vector<FlagSpec>& specs) {
  std::string out = "usage: " + spec.program + " [flags]\n" + spec.description + "\n\n" +
                    "Serves A2A (JSON-RPC + SSE) on --host (loopback by default) and prints one "
                    "JSON line\n{\"agent_url\",\"rpc_url\",\"token\",\"backend\",\"pid\"} "
                    "once listening. The first message of a\ncontext must carry metadata.cwd (an "
                    "absolute directory); later tasks of the context\nresume the same " +
                    spec.cli + " session there.\n\nflags:\n" + flags_help(specs);
  if (!spec.help_notes.empty()) out += "\n" + spec.help_notes;
  return out;
}

a2a::AgentCard wrapper_card(const WrapperSpec& spec) {
  a2a::AgentCard card;
  card.name = spec.program;
  card.description = spec.description;
  card.version = AGENTHUB_VERSION;
  card.capabilities.streaming = true;
  a2a::AgentExtension run_events;
  run_events.uri = std::string(kRunEventExtensionUri);
  run_events.description =
      "Every CLI event is streamed as a WORKING status update whose message holds a data part "
      "(mediaType " +
      std::string(kRunEventMediaType) +
      ") with a normalized run event; the final answer is the artifact named \"result\"";
  card.capabilities.extensions.push_back(std::move(run_events));
  card.default_input_modes = {"text/plain", "application/json"};
  card.default_output_modes = {"text/plain", "application/json"};
  a2a::AgentSkill skill;
  skill.id = "code";
  skill.name = "Code";
  skill.description = spec.skill_description;
  skill.tags = {"coding", "cli", spec.cli};
  skill.examples = {"Fix the failing test in this repository",
                    "Review the latest diff and summarise the risks"};
  card.skills.push_back(std::move(skill));
  return card;
}

int run_wrapper(int argc, char** argv, const WrapperSpec& spec) {
  WrapperFlags flags;
  const std::vector<FlagSpec> specs = wrapper_flag_specs(spec, flags);
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (auto parsed = parse_flags(args, specs); !parsed.ok()) {
    std::cerr << spec.program << ": " << parsed.error().message << "\n"
              << "run " << spec.program << " --help for the flags\n";
    return 2;
  }
  if (flags.help) {
    std::cout << wrapper_usage(spec, specs);
    return 0;
  }
  init_logging(spec.program);

  // The token never reaches the CLI: drop it from our own environment right away.
  std::string env_token = env_string(kAgentTokenEnv);
  ::unsetenv(std::string(kAgentTokenEnv).c_str());
  if (flags.no_auth && !flags.token.empty()) {
    std::cerr << spec.program << ": --token and --no-auth contradict each other\n";
    return 2;
  }
  std::string token;
  if (!flags.no_auth) {
    token = !flags.token.empty() ? flags.token
            : !env_token.empty() ? env_token
                                 : a2a::generate_bearer_token();
  } else {
    spdlog::warn("authentication is off (--no-auth): anyone who can reach {}:{} can run {}",
                 flags.host, flags.port, spec.cli);
  }

  auto cli = resolve_cli(spec, flags.cli_bin);
  if (!cli.ok()) {
    std::cerr << spec.program << ": " << cli.error().message << "\n";
    return 1;
  }
  flags.cli_bin = cli->string();

  if (flags.state_dir.empty()) {
    auto dir = default_state_dir(spec.program);
    if (!dir.ok()) {
      std::cerr << spec.program << ": " << dir.error().message << " (pass --state-dir DIR)\n";
      return 1;
    }
    flags.state_dir = *dir;
  }
  if (auto made = ensure_dir(flags.state_dir); !made.ok()) {
    std::cerr << spec.program << ": cannot use the state directory: " << made.error().message
              << "\n";
    return 1;
  }
  auto registry = ContextRegistry::open(flags.state_dir);
  if (!registry.ok()) {
    std::cerr << spec.program << ": cannot open the context registry: " << registry.error().message
              << "\n";
    return 1;
  }
  auto backend = spec.make_backend(flags);
  if (!backend.ok()) {
    std::cerr << spec.program << ": " << backend.error().message << "\n";
    return 2;
  }

  CliExecutorOptions executor_options;
  executor_options.cancel_grace = flags.cancel_grace;
  executor_options.env_drop = {std::string(kAgentTokenEnv)};
  if (spec.tune_executor) spec.tune_executor(executor_options);
  auto executor = std::make_shared<CliExecutor>(std::move(backend).value(),
                                                std::move(registry).value(), executor_options);

  // Block the stop signals before any thread starts: every thread inherits the mask and the
  // main thread alone takes them with sigwait. Children get a clean mask (Process resets it).
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  a2a::ServerOptions options;
  options.host = flags.host;
  options.port = flags.port;
  options.bearer_token = token;
  options.max_concurrent_tasks = static_cast<std::size_t>(flags.max_tasks);
  a2a::Server server(wrapper_card(spec), executor, options);
  if (auto started = server.start(); !started.ok()) {
    std::cerr << spec.program << ": " << started.error().message << "\n";
    return 1;
  }
  const Json ready = {{"agent_url", server.base_url()},
                      {"rpc_url", server.rpc_url()},
                      {"token", token.empty() ? Json(nullptr) : Json(token)},
                      {"backend", spec.backend},
                      {"pid", static_cast<long long>(::getpid())}};
  std::cout << dump_json(ready) << std::endl;  // one line, flushed: the ready signal
  spdlog::info("{} listening on {} cli={} state_dir={} max_tasks={}", spec.program,
               server.base_url(), flags.cli_bin, flags.state_dir.string(), flags.max_tasks);

  const int sig = wait_for_stop(stop_signals, *executor, flags.idle_exit_after);
  if (sig == 0) {
    spdlog::info("idle for {} s, exiting", flags.idle_exit_after.count());
  } else {
    spdlog::info("signal {}, stopping", sig);
  }
  server.stop();
  executor->shutdown();
  spdlog::info("stopped");
  return 0;
}

}  // namespace agenthub::agents
