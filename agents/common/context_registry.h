#pragma once

// Remembers, per A2A contextId, the working directory it is pinned to and the backend session
// (Codex thread id, Claude session id) to resume, so a restarted wrapper continues the right
// session in the right directory.
//
// Storage: one small JSON file per context, <state_dir>/contexts/<encoded id>.json (dirs 0700,
// files 0600), each replaced atomically. One file per context keeps every update O(1) in the
// number of contexts, confines a damaged file to one context, and needs no in-memory cache:
// the files are the truth and nothing grows in memory however many contexts a long-lived
// wrapper sees. Thread-safe within one process (one mutex around each read-modify-write); two
// processes sharing a state directory never see torn files, but the last writer wins.

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/json.h"
#include "core/result.h"

namespace agenthub::agents {

struct ContextRecord {
  std::string context_id;
  std::filesystem::path cwd;  // absolute, lexically normalised
  std::string session_id;     // empty until the backend reported one
  std::string created_at;     // ISO-8601 UTC
  std::string updated_at;
};

[[nodiscard]] Json to_json(const ContextRecord& record);
[[nodiscard]] Result<ContextRecord> context_record_from_json(const Json& json);

class ContextRegistry {
 public:
  // Longest context id accepted (ids are UUIDs in practice; the file name must fit NAME_MAX).
  static constexpr std::size_t kMaxContextIdBytes = 120;

  // Uses (and creates, mode 0700) `state_dir`/contexts.
  [[nodiscard]] static Result<std::unique_ptr<ContextRegistry>> open(
      const std::filesystem::path& state_dir);

  // Pins `context_id` to `cwd` (absolute; compared after lexical normalisation, so "/a/b/" and
  // "/a/./b" are "/a/b"). The first bind creates the record; binding again to the same cwd
  // returns the stored record unchanged; a different cwd is kFailedPrecondition naming both.
  [[nodiscard]] Result<ContextRecord> bind(std::string_view context_id,
                                           const std::filesystem::path& cwd);

  // Records the backend session of a bound context (an empty id forgets it). kNotFound when
  // the context was never bound.
  [[nodiscard]] Result<ContextRecord> set_session(std::string_view context_id,
                                                  std::string_view session_id);

  // The stored record, nullopt for an unknown context. Errors only for an invalid id or an
  // unreadable or corrupt file.
  [[nodiscard]] Result<std::optional<ContextRecord>> lookup(std::string_view context_id) const;

  [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }

 private:
  explicit ContextRegistry(std::filesystem::path dir) : dir_(std::move(dir)) {}

  [[nodiscard]] Result<std::filesystem::path> path_for(std::string_view context_id) const;
  [[nodiscard]] Result<std::optional<ContextRecord>> load(std::string_view context_id) const;
  [[nodiscard]] Status store(const ContextRecord& record) const;

  std::filesystem::path dir_;
  mutable std::mutex mu_;
};

}  // namespace agenthub::agents
