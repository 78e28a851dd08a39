#include "fake_wrapper.h"

#include <fstream>

namespace agenthub::hub::testing {

namespace fsys = std::filesystem;

fsys::path install_fake_wrapper(const fsys::path& dir, const std::string& name) {
  const fsys::path source =
      fsys::path(AGENTHUB_SOURCE_DIR) / "tests" / "integration" / "hub" / "fake_wrapper.sh";
  const fsys::path target = dir / name;
  fsys::create_directories(dir);
  fsys::copy_file(source, target, fsys::copy_options::overwrite_existing);
  fsys::permissions(target, fsys::perms::owner_all | fsys::perms::group_read |
                                fsys::perms::group_exec | fsys::perms::others_read |
                                fsys::perms::others_exec);
  return target;
}

std::vector<std::string> fake_wrapper_args(const fsys::path& report) {
  return {"--echo-agent", std::string(AGENTHUB_BIN_DIR) + "/a2a-echo-agent", "--report",
          report.string()};
}

std::vector<WrapperStart> wrapper_starts(const fsys::path& report) {
  std::vector<WrapperStart> out;
  std::ifstream in(report);
  for (std::string line; std::getline(in, line);) {
    const auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    const std::string key = line.substr(0, eq);
    if (key == "argv") out.emplace_back();
    if (out.empty()) continue;
    out.back()[key] = line.substr(eq + 1);
  }
  return out;
}

ScopedEnv::ScopedEnv(std::string name, std::optional<std::string> value) : name_(std::move(name)) {
  if (const char* old = std::getenv(name_.c_str()); old != nullptr) old_ = old;
  if (value) {
    setenv(name_.c_str(), value->c_str(), 1);
  } else {
    unsetenv(name_.c_str());
  }
}

ScopedEnv::~ScopedEnv() {
  if (old_) {
    setenv(name_.c_str(), old_->c_str(), 1);
  } else {
    unsetenv(name_.c_str());
  }
}

}  // namespace agenthub::hub::testing
