#pragma once

// Which hub process drives a run. Several hubs (one MCP server per top-level agent) share the
// state directory; a run that is not terminal belongs to exactly one of them, and when that
// process dies (even by SIGKILL) another must notice and take the run over.
//
// A lease is an exclusive flock() on <lease_dir>/<run_id>.lock, held for as long as the owning
// process drives the run. The kernel drops the lock when the process dies, so "the lock file
// exists and nobody holds it" means "unfinished run whose hub is gone". The file is removed
// only when the run has ended; a lease given up on an unfinished run (the hub stopping with
// runs still on their agents) leaves it for the next hub to pick up.
//
// Next to the lock, <run_id>.endpoint.json (0600) may hold how to reach the run's agent with
// its secrets (URL, bearer token, headers), which run.json never stores; the taker needs them
// to reattach.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/result.h"
#include "core/unique_fd.h"

namespace agenthub::hub {

class RunLease {
 public:
  // Creates and locks the lease of a new run. The file appears under its final name already
  // locked (it is locked under a temporary name and renamed), so no other hub can take it in
  // between.
  [[nodiscard]] static Result<RunLease> acquire_new(const std::filesystem::path& lease_dir,
                                                    const std::string& run_id);
  // Takes the lease of an existing run whose owner is gone; nullopt when a live process holds
  // it or the file vanished.
  [[nodiscard]] static std::optional<RunLease> try_take(const std::filesystem::path& lease_dir,
                                                        const std::string& run_id);
  // Creates and locks the lease of a stored run that never had one (older versions); nullopt
  // when it has one already or another process got there first.
  [[nodiscard]] static std::optional<RunLease> claim_unleased(
      const std::filesystem::path& lease_dir, const std::string& run_id);
  // Run ids that have a lease file (held or not), sorted (oldest run first).
  [[nodiscard]] static std::vector<std::string> list(const std::filesystem::path& lease_dir);

  RunLease(RunLease&&) noexcept = default;
  RunLease& operator=(RunLease&&) noexcept = default;
  // Unlocks without removing anything: the run stays claimable.
  ~RunLease() = default;

  [[nodiscard]] const std::string& run_id() const { return run_id_; }

  // Stores the agent's endpoint (with secrets) for whoever reattaches the run later.
  [[nodiscard]] Status save_endpoint(const Json& endpoint) const;
  // The stored endpoint; null when none was stored or it is unreadable.
  [[nodiscard]] Json load_endpoint() const;
  // The run has ended: removes the lease and endpoint files, then unlocks.
  void finish();

 private:
  RunLease(std::filesystem::path dir, std::string run_id, UniqueFd fd)
      : dir_(std::move(dir)), run_id_(std::move(run_id)), fd_(std::move(fd)) {}
  [[nodiscard]] std::filesystem::path lock_path() const;
  [[nodiscard]] std::filesystem::path endpoint_path() const;

  std::filesystem::path dir_;
  std::string run_id_;
  UniqueFd fd_;
};

}  // namespace agenthub::hub
