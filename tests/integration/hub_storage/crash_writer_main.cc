// hub-crash-writer: writes one run's data through the real storage classes as fast as it can,
// until it is killed (crash_writer_test.cc kills it with SIGKILL at varied points).
//
//   hub-crash-writer <cwd> <run_id> <index_dir>
//
// Opens the run's event log (EventLog::open_existing when events.jsonl exists: a restart after
// the previous crash), then two threads append events in batches; large outputs among them
// become artifacts. After each batch a thread makes the log durable (last_seq(), the group
// commit every reader also triggers) and rewrites run.json, result.json and the session file
// (atomic writes). Lines on stdout, each written after the fact it states:
//   start <last_seq> <truncated_bytes> <dropped_events>   what opening the log found
//   durable <seq>                                           events 1..seq survive any crash now
// Exit codes (it never exits on its own otherwise): 2 bad usage or open failed, 3 a write
// failed, 4 a seq was not the one expected.

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>

#include "core/logging.h"
#include "crash_writer_events.h"
#include "hub/event_log.h"
#include "hub/run_store.h"
#include "hub/storage_layout.h"

namespace {

using namespace agenthub;
using namespace agenthub::hub;

constexpr int kBatch = 7;

struct Shared {
  std::filesystem::path cwd;
  std::string run_id;
  EventLog* log = nullptr;
  const RunStore* store = nullptr;
  std::mutex mu;  // serializes stdout reports and record writes
  std::int64_t reported = 0;
};

void report(const std::string& line) {
  std::string out = line + "\n";
  if (::write(STDOUT_FILENO, out.data(), out.size()) != static_cast<ssize_t>(out.size())) {
    std::_Exit(3);
  }
}

RunRecord record_for(const Shared& shared, std::int64_t last_seq) {
  RunRecord record;
  record.run_id = shared.run_id;
  record.backend = Backend::kCodex;
  record.role = Role::kWorker;
  record.session_id = crash_writer_session_id(shared.run_id);
  record.status = RunStatus::kRunning;
  record.cwd = shared.cwd.string();
  record.prompt = "write until killed";
  record.started_at = "2026-01-01T00:00:00.000Z";
  record.updated_at = "2026-01-01T00:00:00.000Z";
  record.last_seq = last_seq;
  record.summary = "durable up to " + std::to_string(last_seq);
  return record;
}

void save_records(const Shared& shared, std::int64_t last_seq) {
  if (!shared.store->save_run(record_for(shared, last_seq)).ok()) std::_Exit(3);
  RunResult result;
  result.final_response = "partial after " + std::to_string(last_seq);
  if (!shared.store->save_result(shared.cwd, shared.run_id, result).ok()) std::_Exit(3);
  SessionRecord session;
  session.session_id = crash_writer_session_id(shared.run_id);
  session.backend = Backend::kCodex;
  session.cwd = shared.cwd.string();
  session.backend_session_id = "thread-" + std::to_string(last_seq);
  session.created_at = "2026-01-01T00:00:00.000Z";
  session.updated_at = session.created_at;
  if (!shared.store->save_session(session).ok()) std::_Exit(3);
}

[[noreturn]] void append_forever(Shared& shared, int writer) {
  for (std::int64_t n = 0;; ++n) {
    for (int i = 0; i < kBatch; ++i) {
      const std::string tag = "w" + std::to_string(writer) + "-" + std::to_string(n * kBatch + i);
      auto stored = shared.log->append(crash_writer_event(shared.run_id, tag));
      if (!stored.ok()) std::_Exit(3);
    }
    const std::int64_t durable = shared.log->last_seq();  // syncs: a group commit
    std::lock_guard lock(shared.mu);
    if (durable <= shared.reported) continue;
    save_records(shared, durable);
    shared.reported = durable;
    report("durable " + std::to_string(durable));
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: hub-crash-writer <cwd> <run_id> <index_dir>\n");
    return 2;
  }
  agenthub::init_logging("hub-crash-writer");  // stderr: stdout carries the reports
  Shared shared;
  shared.cwd = argv[1];
  shared.run_id = argv[2];
  const RunStore store{RunIndex(argv[3])};
  shared.store = &store;
  const std::filesystem::path dir = run_dir(shared.cwd, shared.run_id);

  EventLogOptions options;
  options.sync_interval = std::chrono::milliseconds(2);
  auto log = std::filesystem::exists(dir / kEventsFileName) ? EventLog::open_existing(dir, options)
                                                            : EventLog::open(dir, options);
  if (!log.ok()) {
    std::fprintf(stderr, "hub-crash-writer: %s\n", log.error().to_string().c_str());
    return 2;
  }
  shared.log = log->get();
  const EventLogRecovery found = (*log)->recovery();
  shared.reported = found.last_seq;
  report("start " + std::to_string(found.last_seq) + " " + std::to_string(found.truncated_bytes) +
         " " + std::to_string(found.dropped_events));
  // The first event after a restart must take the next seq.
  auto first = (*log)->append(crash_writer_event(shared.run_id, "restart"));
  if (!first.ok()) return 3;
  if (first->seq != found.last_seq + 1) return 4;

  std::thread other([&shared] { append_forever(shared, 1); });
  append_forever(shared, 0);
}
