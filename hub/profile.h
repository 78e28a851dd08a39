#pragma once

// Persona files ("profiles") injected into an agent's context. A profile's text can end up in
// a prompt sent to a remote agent, so the path is confined: it must resolve (symlinks
// followed) inside the run's cwd or inside one of the profile directories the hub was given
// (the bundled profile/ folder, AGENTHUB_PROFILE_PATH). It must be a regular UTF-8 file of at
// most kMaxProfileBytes.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace agenthub::hub {

inline constexpr std::size_t kMaxProfileBytes = 256 * 1024;

struct Profile {
  std::filesystem::path path;  // resolved
  std::string text;
};

// `spec` is an absolute path, a path relative to cwd, or the name of a file in one of
// `profile_dirs` ("reviewer-remediator.md", "reviewer-remediator",
// "profile/reviewer-remediator.md").
[[nodiscard]] Result<Profile> load_profile(std::string_view spec, const std::filesystem::path& cwd,
                                           const std::vector<std::filesystem::path>& profile_dirs);

}  // namespace agenthub::hub
