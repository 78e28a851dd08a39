#pragma once

// Helpers for tests that run fake-cli under a Process.

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "agents/common/jsonl_reader.h"
#include "agents/common/process.h"
#include "core/json.h"

namespace agenthub::agents::testing {

// Generous: conditions are waited on, never slept for.
inline constexpr std::chrono::seconds kDeadline{30};

std::filesystem::path fake_cli_path();
std::filesystem::path sample_path(const std::string& name);

// Our environment without FAKE_CLI_* and with `fake_env` added.
EnvList fake_env(const EnvList& fake_env);

// Spawns fake-cli (argv[0] = fake-cli, then `args`) with fake_env(env).
std::unique_ptr<Process> spawn_fake(const EnvList& env, std::vector<std::string> args = {},
                                    SpawnOptions options = {});

// All stdout items until EOF.
std::vector<JsonlItem> read_items(Process& process);

// True once `pid` has exited (is gone or a zombie), waiting up to kDeadline.
bool wait_pid_gone(pid_t pid);

// The record file as JSON objects.
std::vector<Json> read_record(const std::filesystem::path& path);

// A fresh private temp directory, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace agenthub::agents::testing
