#include "mcp/serve.h"

#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "core/logging.h"
#include "core/unique_fd.h"
#include "mcp/mcp_server.h"
#include "mcp/stdio_server.h"
#include "mcp/version.h"

namespace agenthub::mcp {
namespace {

// Absolute path of the running executable, for the registration snippets in --help.
std::string self_path(const char* argv0) {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) return exe.string();
  return argv0;
}

}  // namespace

std::optional<int> handle_common_flags(int argc, const char* const* argv,
                                       std::string_view program_name, Options& options) {
  init_logging(program_name);
  auto parsed = parse_options(argc, argv);
  if (!parsed.ok()) {
    std::cerr << program_name << ": " << parsed.error().message << "\n";
    return 2;
  }
  options = std::move(parsed).value();
  if (options.help) {
    std::cout << usage_text(self_path(argv[0]));
    return 0;
  }
  if (options.version) {
    std::cout << program_name << " " << server_version() << "\n";
    return 0;
  }
  if (!options.log_level.empty()) {
    spdlog::set_level(spdlog::level::from_str(options.log_level));
  }
  return std::nullopt;
}

int serve_stdio(hub::RunService& service, const Options& options) {
  // A client that goes away must not kill us mid-write: write() then fails with EPIPE.
  ::signal(SIGPIPE, SIG_IGN);
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGHUP);
  // Blocked before any thread starts, so every thread inherits the mask and the signals are
  // only ever seen through the signalfd.
  ::pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  UniqueFd signal_fd(::signalfd(-1, &stop_signals, SFD_CLOEXEC));
  if (!signal_fd) spdlog::warn("mcp: signalfd failed; SIGTERM will end the process abruptly");

  McpServer server(service);
  StdioServerOptions stdio_options;
  stdio_options.max_concurrent_calls = static_cast<std::size_t>(options.max_concurrent_calls);
  StdioServer stdio(server, STDIN_FILENO, STDOUT_FILENO, stdio_options);
  spdlog::info("mcp: {} {} serving on stdio", kServerName, server_version());
  auto result = stdio.run(signal_fd.get());
  if (!result.drained) {
    spdlog::default_logger()->flush();
    std::_Exit(0);
  }
  return result.reason == StdioServer::EndReason::kReadError ? 1 : 0;
}

}  // namespace agenthub::mcp
