// fake-a2a-wrapper: accepts the flags of codex-a2a-agent / claude-a2a-agent, serves the echo
// agent (tests/fakes/echo_agent) with the same bearer-token rules, and prints the same ready
// line. Environment knobs for tests:
//   FAKE_WRAPPER_RECORD=FILE  write {"argv":[...],"env_token":string|null,"pid":N} there
//                             before listening (how the launcher invoked us)
//   FAKE_WRAPPER_MODE=        normal (default) | exit-early (log a line, exit 3 before ready) |
//                             garbage (print a non-JSON line instead of the ready line, then
//                             wait) | no-url (a JSON line without agent_url, then wait) |
//                             silent (never print, wait) | ignore-term (ready, then ignore
//                             SIGTERM/SIGINT so only SIGKILL ends it)
// SIGINT / SIGTERM: "stopping" on stderr, exit 0. SIGUSR1: "dying on SIGUSR1" on stderr, exit 4
// (a wrapper that dies by itself). The backend in the ready line is claude_code when
// --permission was given, else codex.

#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "a2a/auth.h"
#include "a2a/server/server.h"
#include "core/fs.h"
#include "core/json.h"
#include "core/logging.h"
#include "echo_executor.h"

namespace {

using agenthub::Json;

struct Flags {
  std::string host = "127.0.0.1";
  int port = 0;
  std::string token;
  bool no_auth = false;
  bool claude = false;
};

const std::set<std::string> kValueFlags = {
    "--host",       "--port",  "--token",   "--state-dir",  "--max-tasks", "--codex-bin",
    "--claude-bin", "--model", "--sandbox", "--permission", "-c"};

std::string env_string(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

// Exits 2 on bad usage, like the real wrappers.
Flags parse(int argc, char** argv) {
  Flags flags;
  for (int i = 1; i < argc; ++i) {
    std::string name = argv[i];
    std::string value;
    bool has_value = false;
    if (auto eq = name.find('='); name.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_value = true;
    }
    if (name == "--no-auth") {
      flags.no_auth = true;
      continue;
    }
    if (name == "--help") {
      std::cout << "usage: fake-a2a-wrapper [wrapper flags] (a test stand-in)\n";
      std::exit(0);
    }
    if (kValueFlags.count(name) == 0) {
      std::cerr << "fake-a2a-wrapper: unknown flag " << name << "\n";
      std::exit(2);
    }
    if (!has_value) {
      if (i + 1 >= argc) {
        std::cerr << "fake-a2a-wrapper: " << name << " needs a value\n";
        std::exit(2);
      }
      value = argv[++i];
    }
    if (name == "--host") flags.host = value;
    if (name == "--port") flags.port = std::atoi(value.c_str());
    if (name == "--token") flags.token = value;
    if (name == "--permission") flags.claude = true;
  }
  return flags;
}

void record(int argc, char** argv, const std::string& env_token) {
  const std::string path = env_string("FAKE_WRAPPER_RECORD");
  if (path.empty()) return;
  Json doc = {{"argv", std::vector<std::string>(argv, argv + argc)},
              {"env_token", env_token.empty() ? Json(nullptr) : Json(env_token)},
              {"pid", static_cast<long long>(::getpid())}};
  if (auto written = agenthub::write_file_atomic(path, agenthub::dump_json(doc)); !written.ok()) {
    std::cerr << "fake-a2a-wrapper: cannot write the record: " << written.error().message << "\n";
    std::exit(1);
  }
}

int wait_for(const sigset_t& set) {
  int sig = 0;
  while (sigwait(&set, &sig) != 0) {
  }
  return sig;
}

}  // namespace

int main(int argc, char** argv) {
  Flags flags = parse(argc, argv);
  agenthub::init_logging("fake-a2a-wrapper");  // spdlog's default logger would use stdout
  const std::string mode = env_string("FAKE_WRAPPER_MODE");
  const std::string env_token = env_string("AGENTHUB_AGENT_TOKEN");
  ::unsetenv("AGENTHUB_AGENT_TOKEN");
  record(argc, argv, env_token);

  if (mode == "exit-early") {
    std::cerr << "fake-a2a-wrapper: cannot listen on " << flags.host << " (pretend)\n";
    return 3;
  }

  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGUSR1);
  if (mode == "ignore-term") {
    ::signal(SIGTERM, SIG_IGN);
    ::signal(SIGINT, SIG_IGN);
  } else {
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
  }
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  if (mode == "garbage" || mode == "no-url" || mode == "silent") {
    if (mode == "garbage") std::cout << "Listening... (this is not JSON)" << std::endl;
    if (mode == "no-url") std::cout << R"({"rpc_url":"http://127.0.0.1:1/x"})" << std::endl;
    std::cerr << "fake-a2a-wrapper: misbehaving as asked (" << mode << ")\n";
    wait_for(stop_signals);
    return 0;
  }

  std::string token;
  if (!flags.no_auth) {
    token = !flags.token.empty() ? flags.token
            : !env_token.empty() ? env_token
                                 : agenthub::a2a::generate_bearer_token();
  }
  agenthub::a2a::ServerOptions options;
  options.host = flags.host;
  options.port = flags.port;
  options.bearer_token = token;
  agenthub::a2a::Server server(agenthub::testing::EchoExecutor::card(),
                               std::make_shared<agenthub::testing::EchoExecutor>(), options);
  if (auto started = server.start(); !started.ok()) {
    std::cerr << "fake-a2a-wrapper: " << started.error().to_string() << "\n";
    return 1;
  }
  const Json ready = {{"agent_url", server.base_url()},
                      {"rpc_url", server.rpc_url()},
                      {"token", token.empty() ? Json(nullptr) : Json(token)},
                      {"backend", flags.claude ? "claude_code" : "codex"},
                      {"pid", static_cast<long long>(::getpid())}};
  std::cout << agenthub::dump_json(ready) << std::endl;
  std::cerr << "fake-a2a-wrapper: listening on " << server.base_url() << "\n";

  const int sig = wait_for(stop_signals);
  if (sig == SIGUSR1) {
    std::cerr << "fake-a2a-wrapper: dying on SIGUSR1 (exit 4)\n";
    server.stop();
    return 4;
  }
  std::cerr << "fake-a2a-wrapper: signal " << sig << ", stopping\n";
  server.stop();
  return 0;
}
