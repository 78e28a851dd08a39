#include "hub/profile.h"

#include "core/fs.h"
#include "core/utf8.h"

namespace agenthub::hub {
namespace {

namespace fsys = std::filesystem;

bool inside(const fsys::path& root, const fsys::path& target) {
  std::error_code ec;
  fsys::path canon_root = fsys::weakly_canonical(root, ec);
  if (ec) return false;
  auto [root_end, _] =
      std::mismatch(canon_root.begin(), canon_root.end(), target.begin(), target.end());
  return root_end == canon_root.end();
}

// The candidate files `spec` may name, most specific first.
std::vector<fsys::path> candidates(std::string_view spec, const fsys::path& cwd,
                                   const std::vector<fsys::path>& profile_dirs) {
  fsys::path given(spec);
  std::vector<fsys::path> out;
  out.push_back(given.is_absolute() ? given : cwd / given);
  for (const auto& dir : profile_dirs) {
    out.push_back(dir / given.filename());
    if (given.extension().empty()) out.push_back(dir / (given.filename().string() + ".md"));
  }
  return out;
}

}  // namespace

Result<Profile> load_profile(std::string_view spec, const fsys::path& cwd,
                             const std::vector<fsys::path>& profile_dirs) {
  if (spec.empty()) return Error{ErrorCode::kInvalidArgument, "profile: empty path"};
  for (const auto& candidate : candidates(spec, cwd, profile_dirs)) {
    std::error_code ec;
    if (!fsys::exists(candidate, ec)) continue;
    fsys::path resolved = fsys::canonical(candidate, ec);
    if (ec) continue;
    bool allowed = inside(cwd, resolved);
    for (const auto& dir : profile_dirs) allowed = allowed || inside(dir, resolved);
    if (!allowed) {
      return Error{ErrorCode::kPermissionDenied,
                   "profile: " + std::string(spec) +
                       " resolves outside the run's cwd and the profile directories (" +
                       resolved.string() + "); copy it into the project"};
    }
    if (!fsys::is_regular_file(resolved, ec)) {
      return Error{ErrorCode::kInvalidArgument,
                   "profile: " + resolved.string() + " is not a regular file"};
    }
    auto text = read_file(resolved, kMaxProfileBytes);
    if (!text.ok()) {
      if (text.error().code == ErrorCode::kResourceExhausted) {
        return Error{ErrorCode::kInvalidArgument,
                     "profile: " + resolved.string() + " is larger than 256 KiB"};
      }
      return Error{text.error().code, "profile: " + text.error().message};
    }
    if (!is_valid_utf8(*text)) {
      return Error{ErrorCode::kInvalidArgument,
                   "profile: " + resolved.string() + " is not UTF-8 text"};
    }
    return Profile{resolved, std::move(text).value()};
  }
  return Error{ErrorCode::kNotFound,
               "profile: " + std::string(spec) +
                   " not found (give a path relative to cwd, an absolute path inside cwd, or the "
                   "name of a bundled profile such as reviewer-remediator)"};
}

}  // namespace agenthub::hub
