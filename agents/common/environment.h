#pragma once

// Building a child's environment and finding its executable. A child gets an explicit
// environment (a list of KEY=VALUE strings) so a wrapper decides exactly what leaks into a CLI.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace agenthub::agents {

using EnvList = std::vector<std::string>;  // "KEY=VALUE" entries

// This process's environment as a list.
[[nodiscard]] EnvList current_env();

// `base` without the variables named in `drop`, then with every `set` entry ("KEY=VALUE")
// replacing a same-named variable or appended. A `drop` name ending in '*' drops every
// variable with that prefix ("CODEX_*"). Order of the surviving base entries is kept.
[[nodiscard]] EnvList merge_env(const EnvList& base, const std::vector<std::string>& drop,
                                const EnvList& set);

// merge_env over this process's environment: "inherit mine minus these plus these".
[[nodiscard]] EnvList inherited_env(const std::vector<std::string>& drop = {},
                                    const EnvList& set = {});

// The value of `key` in `env`, if present.
[[nodiscard]] std::optional<std::string> env_value(const EnvList& env, std::string_view key);

// Resolves a program name the way a shell would, minus the surprises: a name containing '/'
// is taken as a path (made absolute against our cwd); a bare name is searched in the
// colon-separated `search_path`, skipping empty and relative entries (the current directory
// is never searched implicitly). kNotFound carries the path or name that was looked for;
// kPermissionDenied means it exists but is not an executable regular file.
[[nodiscard]] Result<std::filesystem::path> find_executable(std::string_view name,
                                                            std::string_view search_path);

}  // namespace agenthub::agents
