#include "tests/integration/agents_common/test_support.h"

#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>

#include "core/fs.h"
#include "core/ids.h"

namespace agenthub::agents::testing {

std::filesystem::path fake_cli_path() {
  return std::filesystem::path(AGENTHUB_BIN_DIR) / "fake-cli";
}

std::filesystem::path sample_path(const std::string& name) {
  return std::filesystem::path(AGENTHUB_SOURCE_DIR) / "tests/fakes/fake_cli/samples" / name;
}

EnvList fake_env(const EnvList& env) { return inherited_env({"FAKE_CLI_*"}, env); }

std::unique_ptr<Process> spawn_fake(const EnvList& env, std::vector<std::string> args,
                                    SpawnOptions options) {
  options.argv = {fake_cli_path().string()};
  options.argv.insert(options.argv.end(), args.begin(), args.end());
  options.env = fake_env(env);
  auto proc = Process::spawn(std::move(options));
  EXPECT_TRUE(proc.ok()) << proc.error().to_string();
  return proc.ok() ? std::move(*proc) : nullptr;
}

std::vector<JsonlItem> read_items(Process& process) {
  std::vector<JsonlItem> items;
  JsonlReader reader(process.stdout_source());
  while (auto item = reader.next()) items.push_back(std::move(*item));
  return items;
}

bool wait_pid_gone(pid_t pid) {
  int fd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  if (fd < 0) return errno == ESRCH;
  pollfd p{fd, POLLIN, 0};
  int ready = ::poll(&p, 1, static_cast<int>(std::chrono::milliseconds(kDeadline).count()));
  ::close(fd);
  return ready == 1;
}

std::vector<Json> read_record(const std::filesystem::path& path) {
  std::vector<Json> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    auto parsed = parse_json(line);
    if (parsed.ok()) out.push_back(std::move(*parsed));
  }
  return out;
}

TempDir::TempDir()
    : path_(std::filesystem::temp_directory_path() / ("agenthub-test-" + random_hex(6))) {
  EXPECT_TRUE(ensure_dir(path_).ok());
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace agenthub::agents::testing
