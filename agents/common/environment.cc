#include "agents/common/environment.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

extern char** environ;  // NOLINT(readability-redundant-declaration)

namespace agenthub::agents {
namespace {

std::string_view key_of(std::string_view entry) {
  return entry.substr(0, std::min(entry.find('='), entry.size()));
}

bool matches(std::string_view key, std::string_view pattern) {
  if (!pattern.empty() && pattern.back() == '*') {
    pattern.remove_suffix(1);
    return key.substr(0, pattern.size()) == pattern;
  }
  return key == pattern;
}

// kNotFound / kPermissionDenied / ok for one candidate path.
Status check_executable(const std::filesystem::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return Error{ErrorCode::kNotFound, "not found: " + path.string()};
  }
  if (!S_ISREG(st.st_mode) || ::access(path.c_str(), X_OK) != 0) {
    return Error{ErrorCode::kPermissionDenied, "not an executable file: " + path.string()};
  }
  return {};
}

}  // namespace

EnvList current_env() {
  EnvList out;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) out.emplace_back(*e);
  return out;
}

EnvList merge_env(const EnvList& base, const std::vector<std::string>& drop, const EnvList& set) {
  EnvList out;
  out.reserve(base.size() + set.size());
  for (const std::string& entry : base) {
    std::string_view key = key_of(entry);
    bool dropped =
        std::any_of(drop.begin(), drop.end(),
                    [&](const std::string& d) { return matches(key, d); }) ||
        std::any_of(set.begin(), set.end(), [&](const std::string& s) { return key_of(s) == key; });
    if (!dropped) out.push_back(entry);
  }
  for (const std::string& entry : set) {
    // A later `set` entry for the same key wins over an earlier one.
    std::string_view key = key_of(entry);
    auto same = std::find_if(out.begin(), out.end(),
                             [&](const std::string& e) { return key_of(e) == key; });
    if (same != out.end()) {
      *same = entry;
    } else {
      out.push_back(entry);
    }
  }
  return out;
}

EnvList inherited_env(const std::vector<std::string>& drop, const EnvList& set) {
  return merge_env(current_env(), drop, set);
}

std::optional<std::string> env_value(const EnvList& env, std::string_view key) {
  for (const std::string& entry : env) {
    if (entry.size() > key.size() && entry[key.size()] == '=' &&
        std::string_view(entry).substr(0, key.size()) == key) {
      return entry.substr(key.size() + 1);
    }
  }
  return std::nullopt;
}

Result<std::filesystem::path> find_executable(std::string_view name, std::string_view search_path) {
  if (name.empty()) return Error{ErrorCode::kInvalidArgument, "empty program name"};
  if (name.find('/') != std::string_view::npos) {
    std::filesystem::path path = std::filesystem::absolute(std::filesystem::path(name));
    AGENTHUB_RETURN_IF_ERROR(check_executable(path));
    return path;
  }
  std::optional<Error> first_refusal;
  while (true) {
    std::size_t colon = search_path.find(':');
    std::string_view dir = search_path.substr(0, colon);
    if (!dir.empty() && dir.front() == '/') {
      std::filesystem::path candidate = std::filesystem::path(dir) / name;
      Status st = check_executable(candidate);
      if (st.ok()) return candidate;
      if (st.error().code == ErrorCode::kPermissionDenied && !first_refusal) {
        first_refusal = st.error();
      }
    }
    if (colon == std::string_view::npos) break;
    search_path.remove_prefix(colon + 1);
  }
  if (first_refusal) return *first_refusal;
  return Error{ErrorCode::kNotFound, "not found in PATH: " + std::string(name)};
}

}  // namespace agenthub::agents
