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
// Recovery: open() scans the file (after a crash, or to continue a run another process wrote).
// The events of the file are exactly the lines that classify_event_line() calls kNext: a line
// ended by '\n' that decodes as an event whose seq is the previous event's plus one (1 for the
// first). So the events served are always seqs 1..n, contiguous, each once. Other lines:
//   - after the last event (the tail): a torn write (no '\n', cut JSON), garbage, or lines whose
//     seq is a duplicate or does not follow. The tail is truncated away, so the next append gets
//     n+1 and no seq is ever reused for a published event. Complete events inside a removed tail
//     (a duplicate or out-of-sequence seq: never written by one EventLog, only by a second
//     writer or a corrupted file) are first appended to events.jsonl.dropped for inspection.
//     Under the durability promise below nothing a reader was shown is ever in the tail: an
//     fdatasync that covered seq k left lines 1..k intact, so the tail only holds events that
//     were appended but never shown.
//   - before the last event (files of the old tool, which had concurrent writers and no fsync):
//     undecodable lines, duplicate seqs (the first line wins) and seqs that do not follow are
//     skipped, never served and never deleted.
// recovery() reports what was found. Artifact directories of seqs after the last event are
// removed. Files are created 0600, directories 0700.

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

// Appended to by recovery with the complete events it removed from a log's tail.
inline constexpr std::string_view kDroppedEventsFileName = "events.jsonl.dropped";

// How one line of events.jsonl (without its '\n') relates to the events before it. The one rule
// for which lines are events, shared by EventLog's recovery and by read-only readers
// (event_file_reader.h), so that both serve the same events. A line that is not ended by '\n'
// is never an event (a write cut short), whatever this says about its bytes.
enum class EventLineKind {
  kNext,           // decodes, seq == last_seq + 1: the next event
  kUndecodable,    // not JSON, or not an event (no integer seq)
  kDuplicate,      // decodes, seq <= last_seq: a seq already taken
  kOutOfSequence,  // decodes, seq > last_seq + 1: a gap
};
struct EventLine {
  EventLineKind kind = EventLineKind::kUndecodable;
  RunEvent event;  // decoded unless kUndecodable
};
[[nodiscard]] EventLine classify_event_line(std::string_view line, std::int64_t last_seq);

// What opening a log found and repaired (see "Recovery" above).
struct EventLogRecovery {
  bool created = false;               // events.jsonl did not exist
  std::int64_t last_seq = 0;          // last event kept: the next append gets last_seq + 1
  std::uint64_t kept_bytes = 0;       // file length after the repair
  std::uint64_t truncated_bytes = 0;  // tail removed (0: the file ended with an event)
  std::size_t dropped_events = 0;     // complete events in that tail, copied to the .dropped file
  std::size_t skipped_lines = 0;      // lines before the last event that are no event (kept)

  [[nodiscard]] bool repaired() const { return truncated_bytes > 0; }
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
  // Opens the events.jsonl an earlier (perhaps killed) process wrote, to continue it: repaired
  // like open(); recovery() says what was found (last_seq, repaired length). Never creates
  // anything: kNotFound when the directory or events.jsonl does not exist.
  [[nodiscard]] static Result<std::unique_ptr<EventLog>> open_existing(
      std::filesystem::path run_dir, EventLogOptions options = {});

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

  // What open() / open_existing() found in the file and repaired.
  [[nodiscard]] const EventLogRecovery& recovery() const { return recovery_; }

 private:
  struct IndexEntry {
    std::int64_t seq;
    std::uint64_t offset;
    std::uint32_t length;  // including the newline
  };

  EventLog(std::filesystem::path run_dir, EventLogOptions options);
  [[nodiscard]] static Result<std::unique_ptr<EventLog>> open_file(std::filesystem::path run_dir,
                                                                   EventLogOptions options,
                                                                   bool create);
  [[nodiscard]] Status recover();
  [[nodiscard]] Status keep_dropped_tail(std::uint64_t from, std::uint64_t to);
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
  EventLogRecovery recovery_;  // set once while opening
};

}  // namespace agenthub::hub
