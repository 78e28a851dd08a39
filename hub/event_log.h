#pragma once

// A run's event log: runs/<run_id>/events.jsonl, one sanitized event per line in seq order.
//
// Writing: append() is the one place seqs are assigned. Under one lock it takes the next seq
// (contiguous from 1), sanitizes the event (sanitizer.h), writes the moved values as artifacts
// (durably) and appends the line with a single write(). Concurrent appenders are safe; they are
// serialized.
//
// Durability promise: an event becomes visible to readers (read_after, wait_after, read_event,
// last_seq) only after an fdatasync of events.jsonl that covers it, so nothing a reader was
// shown can vanish in a crash. Appends sync on their own at most once per sync_interval
// (Durability::kSyncNow forces it: use it for terminal events). A reader that finds appended
// but unsynced events syncs them itself before returning them: one fdatasync covers every event
// appended so far (group commit), so a busy run costs at most one sync per interval plus one
// per poll. Events that were appended but neither synced nor read can be lost in a crash.
// Anything that records a seq elsewhere (run.json's last_seq) must use last_seq() or call
// sync() first.
//
// Reading keeps memory bounded: an index of line offsets (24 bytes per event) plus the most
// recent events decoded; older events are read back from the file.
//
// Recovery: open() scans the file. Lines after the last valid line (a torn write, garbage after
// a crash) are truncated away; the next seq follows the last valid line, so seqs are never
// reused for published events. Invalid lines or non-increasing seqs in the middle (files from
// the old tool) are skipped, not deleted. Artifact directories of seqs after the last valid
// line are removed. Files are created 0600, directories 0700.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/unique_fd.h"
#include "hub/artifact_store.h"
#include "hub/run_event.h"
#include "hub/sanitizer.h"

namespace agenthub::hub {

struct EventLogOptions {
  // Longest an append waits before it syncs by itself (0: every append syncs).
  std::chrono::milliseconds sync_interval{50};
  // Decoded events kept in memory for polling; older ones are read from the file.
  std::size_t recent_events = 128;
  SanitizerLimits sanitizer;
};

enum class Durability {
  kBatched,  // synced within sync_interval, or as soon as a reader looks
  kSyncNow,  // synced before append returns
};

class EventLog {
 public:
  // Opens (creating when missing) <run_dir>/events.jsonl and repairs its tail.
  [[nodiscard]] static Result<std::unique_ptr<EventLog>> open(std::filesystem::path run_dir,
                                                              EventLogOptions options = {});

  EventLog(const EventLog&) = delete;
  EventLog& operator=(const EventLog&) = delete;
  // Syncs pending events (best effort) and wakes waiters.
  ~EventLog();

  // Stores `event` with the next seq (event.seq is ignored; an empty ts is set to now) and
  // returns it as stored (sanitized, with data.artifact_refs). When sanitizing, the artifacts
  // or the write fail, nothing is stored and the seq is not consumed. When only the final sync
  // (kSyncNow or interval) fails, the event is stored, becomes visible at the next successful
  // sync, and the sync error is returned. kFailedPrecondition after close().
  [[nodiscard]] Result<RunEvent> append(RunEvent event,
                                        Durability durability = Durability::kBatched);

  // Visible events with seq > after_seq, at most `limit`, in seq order.
  [[nodiscard]] Result<std::vector<RunEvent>> read_after(std::int64_t after_seq, std::size_t limit);

  // read_after, but when no event is newer than after_seq, waits for one until `deadline`,
  // a stop request or close(), and returns as soon as one is appended. Empty when none came.
  [[nodiscard]] Result<std::vector<RunEvent>> wait_after(
      std::int64_t after_seq, std::size_t limit, std::chrono::steady_clock::time_point deadline,
      std::stop_token stop = {});

  // The event with this seq; kNotFound when there is none (yet).
  [[nodiscard]] Result<RunEvent> read_event(std::int64_t seq);

  // A page of one of event `seq`'s artifacts (see ArtifactStore::read).
  [[nodiscard]] Result<ArtifactSlice> read_artifact(std::int64_t seq, std::string_view field_path,
                                                    std::int64_t offset = 0,
                                                    std::int64_t limit = kDefaultArtifactReadLimit);

  // Makes every appended event durable and visible.
  [[nodiscard]] Status sync();

  // Seq of the last visible event (0 when none); syncs pending events first.
  [[nodiscard]] std::int64_t last_seq();

  // Wakes every waiter; later appends fail. Reads keep working.
  void close();

  // Readers blocked in wait_after right now (for metrics and tests).
  [[nodiscard]] std::size_t waiting_readers();

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  struct IndexEntry {
    std::int64_t seq;
    std::uint64_t offset;
    std::uint32_t length;  // including the newline
  };

  EventLog(std::filesystem::path run_dir, EventLogOptions options);
  [[nodiscard]] Status recover();
  void remember_recent(RunEvent event);  // mu_ held
  [[nodiscard]] Result<std::vector<RunEvent>> read_lines(const std::vector<IndexEntry>& entries);

  const std::filesystem::path path_;
  const EventLogOptions options_;
  const ArtifactStore artifacts_;
  UniqueFd fd_;

  std::mutex append_mu_;  // serializes appenders; taken before sync_mu_ and mu_
  std::mutex sync_mu_;    // serializes fdatasync; taken before mu_
  std::mutex mu_;         // guards the members below
  std::condition_variable_any appended_;
  std::vector<IndexEntry> index_;  // every valid line, seq increasing
  std::deque<RunEvent> recent_;    // the newest lines, decoded
  std::int64_t written_seq_ = 0;   // last appended
  std::int64_t durable_seq_ = 0;   // last synced: visible to readers
  std::uint64_t end_offset_ = 0;
  std::chrono::steady_clock::time_point last_sync_{};
  std::size_t waiting_readers_ = 0;
  bool closed_ = false;
};

}  // namespace agenthub::hub
