#pragma once

// fake_wrapper.sh (a2a-echo-agent behind a token, announced with the wrappers' ready line)
// installed where a test wants it, and what it reported about each start.

#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hub/local_agent_pool.h"

namespace agenthub::hub::testing {

// Copies fake_wrapper.sh to dir/name (mode 0755) and returns the copy's path.
std::filesystem::path install_fake_wrapper(const std::filesystem::path& dir,
                                           const std::string& name);

// The arguments that point the fake at the echo agent and at `report`.
std::vector<std::string> fake_wrapper_args(const std::filesystem::path& report);

// One start of the fake, as it reported it (keys argv, PATH, pwd, token).
using WrapperStart = std::map<std::string, std::string>;
std::vector<WrapperStart> wrapper_starts(const std::filesystem::path& report);

// Sets (or unsets, with nullopt) an environment variable for a scope. Only for use before the
// threads that read it start.
class ScopedEnv {
 public:
  ScopedEnv(std::string name, std::optional<std::string> value);
  ~ScopedEnv();
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
  std::optional<std::string> old_;
};

}  // namespace agenthub::hub::testing
