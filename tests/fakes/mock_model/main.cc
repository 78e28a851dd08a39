// mock-model-server: the offline model endpoint for the real codex and claude CLIs.
//   mock-model-server [--port N] [--host H] [--script FILE] [--log FILE]
// Prints one line {"url":"http://127.0.0.1:PORT"} on stdout once it accepts connections, then
// serves until SIGTERM or SIGINT.
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#include "core/json.h"
#include "core/logging.h"
#include "tests/fakes/mock_model/mock_server.h"

namespace {

using agenthub::mock_model::MockServer;
using agenthub::mock_model::Script;

constexpr const char* kUsage =
    "usage: mock-model-server [--port N] [--host H] [--script FILE] [--log FILE]\n";

int usage(const char* why) {
  std::cerr << "mock-model-server: " << why << "\n" << kUsage;
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  agenthub::init_logging("mock-model-server");
  MockServer::Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage << "See tests/fakes/mock_model/README.md for the prompt directives.\n";
      return 0;
    }
    if (!has_value) return usage("missing value after flag");
    const std::string value = argv[++i];
    if (arg == "--port") {
      char* end = nullptr;
      const long port = std::strtol(value.c_str(), &end, 10);
      if (*end != '\0' || port < 0 || port > 65535) return usage("bad --port");
      options.port = static_cast<int>(port);
    } else if (arg == "--host") {
      options.host = value;
    } else if (arg == "--script") {
      auto script = Script::load(value);
      if (!script.ok()) return usage(script.error().message.c_str());
      options.script = std::move(script.value());
    } else if (arg == "--log") {
      options.log_path = value;
    } else {
      return usage("unknown flag");
    }
  }

  // Block the stop signals before any thread starts so only sigwait below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto server = MockServer::start(std::move(options));
  if (!server.ok()) {
    std::cerr << "mock-model-server: " << server.error().message << "\n";
    return 1;
  }
  std::cout << agenthub::dump_json({{"url", (*server)->base_url()}}) << std::endl;

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  (*server)->stop();
  return 0;
}
