// a2a-echo-agent: a real A2A server around EchoExecutor (see echo_executor.h for what it
// does with messages). Prints its URL on stdout as one line once it is listening; logs go
// to stderr; exits cleanly on SIGINT / SIGTERM.

#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>

#include "a2a/server/server.h"
#include "core/logging.h"
#include "echo_executor.h"

namespace {

constexpr std::string_view kUsage =
    "usage: a2a-echo-agent [--host HOST] [--port PORT] [--token TOKEN]\n"
    "  --host HOST    address to listen on (default 127.0.0.1)\n"
    "  --port PORT    port to listen on; 0 picks a free one (default 0)\n"
    "  --token TOKEN  require `Authorization: Bearer TOKEN` on JSON-RPC calls\n"
    "Prints the agent's base URL on stdout once listening. Message prefixes: ask:, slow:,\n"
    "fail:, throw:, reject: (see the agent card's skill).\n";

struct Flags {
  std::string host = "127.0.0.1";
  int port = 0;
  std::string token;
};

// Accepts `--name value` and `--name=value`. nullopt (after printing why) on bad usage.
std::optional<Flags> parse_flags(int argc, char** argv) {
  Flags flags;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      std::exit(0);
    }
    std::string_view name = arg;
    std::optional<std::string> value;
    if (auto eq = arg.find('='); eq != std::string_view::npos) {
      name = arg.substr(0, eq);
      value = std::string(arg.substr(eq + 1));
    }
    if (name != "--host" && name != "--port" && name != "--token") {
      std::cerr << "a2a-echo-agent: unknown argument " << arg << "\n" << kUsage;
      return std::nullopt;
    }
    if (!value) {
      if (i + 1 >= argc) {
        std::cerr << "a2a-echo-agent: " << name << " needs a value\n";
        return std::nullopt;
      }
      value = argv[++i];
    }
    if (name == "--host") {
      flags.host = *value;
    } else if (name == "--token") {
      flags.token = *value;
    } else {
      char* end = nullptr;
      long port = std::strtol(value->c_str(), &end, 10);
      if (value->empty() || *end != '\0' || port < 0 || port > 65535) {
        std::cerr << "a2a-echo-agent: --port must be 0..65535, got " << *value << "\n";
        return std::nullopt;
      }
      flags.port = static_cast<int>(port);
    }
  }
  return flags;
}

}  // namespace

int main(int argc, char** argv) {
  auto flags = parse_flags(argc, argv);
  if (!flags) return 2;
  agenthub::init_logging("a2a-echo-agent");

  // Block the stop signals before any thread starts so every thread inherits the mask and
  // the main thread alone receives them through sigwait.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  agenthub::a2a::ServerOptions options;
  options.host = flags->host;
  options.port = flags->port;
  options.bearer_token = flags->token;
  agenthub::a2a::Server server(agenthub::testing::EchoExecutor::card(),
                               std::make_shared<agenthub::testing::EchoExecutor>(), options);
  if (auto started = server.start(); !started.ok()) {
    std::cerr << "a2a-echo-agent: " << started.error().to_string() << "\n";
    return 1;
  }
  std::cout << server.base_url() << std::endl;  // one line, flushed: the ready signal

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  std::cerr << "a2a-echo-agent: signal " << signal_number << ", stopping\n";
  server.stop();
  return 0;
}
