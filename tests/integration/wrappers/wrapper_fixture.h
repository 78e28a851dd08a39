#pragma once

// A gtest fixture with a private directory tree (work/, state/, record.jsonl) and helpers to
// start either wrapper over fake-cli.

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/fs.h"
#include "core/ids.h"
#include "tests/integration/wrappers/wrapper_harness.h"

namespace agenthub::agents::testing {

class WrapperTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() / ("agenthub-wrapper-" + random_hex(6));
    ASSERT_TRUE(ensure_dir(root_ / "work").ok());
    ASSERT_TRUE(ensure_dir(root_ / "state").ok());
    work_ = std::filesystem::canonical(root_ / "work").string();
    record_ = root_ / "record.jsonl";
  }
  void TearDown() override {
    wrappers_.clear();
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }

  // codex-a2a-agent over fake-cli replaying `replay`; `env` adds FAKE_CLI_* settings.
  WrapperProcess* start_codex(const std::filesystem::path& replay, EnvList env = {},
                              std::vector<std::string> args = {}) {
    return start("codex-a2a-agent", "--codex-bin", replay, std::move(env), std::move(args));
  }
  WrapperProcess* start_claude(const std::filesystem::path& replay, EnvList env = {},
                               std::vector<std::string> args = {}) {
    return start("claude-a2a-agent", "--claude-bin", replay, std::move(env), std::move(args));
  }
  WrapperProcess* start(const std::string& binary, const std::string& bin_flag,
                        const std::filesystem::path& replay, EnvList env,
                        std::vector<std::string> args) {
    std::vector<std::string> argv = {bin_flag, bin_path("fake-cli").string(), "--state-dir",
                                     (root_ / "state").string()};
    argv.insert(argv.end(), args.begin(), args.end());
    env.push_back("FAKE_CLI_REPLAY=" + replay.string());
    env.push_back("FAKE_CLI_RECORD=" + record_.string());
    auto wrapper = WrapperProcess::start(binary, argv, env);
    if (!wrapper) return nullptr;
    wrappers_.push_back(std::move(wrapper));
    return wrappers_.back().get();
  }

  std::filesystem::path root_;
  std::string work_;
  std::filesystem::path record_;
  std::vector<std::unique_ptr<WrapperProcess>> wrappers_;
};

}  // namespace agenthub::agents::testing
