// kill -9 during a burst of writes: hub-crash-writer (crash_writer_main.cc) appends a run's
// events from two threads and rewrites run.json / result.json / the session as it goes; it is
// killed with SIGKILL after it reported K group commits, for varied K, again and again on the
// same run. After every kill: run.json, result.json and the session parse; events.jsonl holds
// seqs 1..n with no duplicate, every event reported durable is there unchanged, whatever
// follows the last event is at most a torn line, the log reopens repaired and the next writer
// continues at n+1. Torn and duplicated tails are also planted between runs, since a SIGKILL
// rarely lands inside a write().

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <string>
#include <vector>

#include "core/fs.h"
#include "core/ids.h"
#include "crash_writer_events.h"
#include "hub/event_log.h"
#include "hub/run_store.h"
#include "hub/storage_layout.h"

extern char** environ;

namespace agenthub::hub {
namespace {

namespace fsys = std::filesystem;

// The leading lines of events.jsonl that are events 1..n (checked without our decoder's
// tolerance beyond parsing), and what follows them.
struct Scan {
  std::int64_t n = 0;
  std::size_t prefix_bytes = 0;
  std::string rest;
  std::vector<std::string> lines;
};

Scan scan_events(const std::string& text) {
  Scan s;
  std::size_t pos = 0;
  for (std::size_t nl; (nl = text.find('\n', pos)) != std::string::npos; pos = nl + 1) {
    auto json = parse_json(std::string_view(text).substr(pos, nl - pos));
    if (!json.ok() || !json->is_object() || !json->contains("seq") ||
        !(*json)["seq"].is_number_integer() || (*json)["seq"].get<std::int64_t>() != s.n + 1) {
      break;
    }
    ++s.n;
    s.lines.push_back(text.substr(pos, nl - pos));
    s.prefix_bytes = nl + 1;
  }
  s.rest = text.substr(s.prefix_bytes);
  return s;
}

// Reads '\n'-terminated lines from a pipe, blocking.
class LineReader {
 public:
  explicit LineReader(int fd) : fd_(fd) {}
  // False at end of file.
  bool next(std::string& line) {
    for (;;) {
      if (auto nl = buffer_.find('\n'); nl != std::string::npos) {
        line = buffer_.substr(0, nl);
        buffer_.erase(0, nl + 1);
        return true;
      }
      std::array<char, 4096> chunk{};
      ssize_t n = ::read(fd_, chunk.data(), chunk.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      buffer_.append(chunk.data(), static_cast<std::size_t>(n));
    }
  }

 private:
  int fd_;
  std::string buffer_;
};

struct Killed {
  std::int64_t start_last_seq = -1;  // what the writer's open found
  std::uint64_t start_truncated = 0;
  std::size_t start_dropped = 0;
  std::int64_t acked = 0;  // last "durable" seq before the kill
};

class CrashWriterTest : public ::testing::Test {
 protected:
  void TearDown() override {
    std::error_code ec;
    fsys::remove_all(root_, ec);
  }

  // Runs the writer until it reported `commits` group commits, then SIGKILLs it.
  Killed write_then_kill(int commits) {
    Killed k;
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
      ADD_FAILURE() << "pipe";
      return k;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    const std::string bin = HUB_CRASH_WRITER_BIN;
    const std::string cwd = cwd_.string();
    const std::string index = index_dir_.string();
    std::vector<char*> argv{const_cast<char*>(bin.c_str()), const_cast<char*>(cwd.c_str()),
                            const_cast<char*>(run_id_.c_str()), const_cast<char*>(index.c_str()),
                            nullptr};
    pid_t pid = -1;
    const int spawned = posix_spawn(&pid, bin.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    if (spawned != 0) {
      ::close(fds[0]);
      ADD_FAILURE() << "cannot start " << bin;
      return k;
    }
    LineReader reader(fds[0]);
    std::string line;
    if (reader.next(line) && line.rfind("start ", 0) == 0) {
      std::sscanf(line.c_str(), "start %ld %lu %zu", &k.start_last_seq, &k.start_truncated,
                  &k.start_dropped);
    } else {
      ADD_FAILURE() << "no start line, got: " << line;
    }
    for (int i = 0; i < commits && reader.next(line); ++i) {
      std::int64_t seq = std::stoll(line.substr(line.find(' ') + 1));
      EXPECT_GT(seq, k.acked) << "durable seqs must grow";
      k.acked = seq;
    }
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ::close(fds[0]);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "writer ended by itself, status " << status;
    return k;
  }

  [[nodiscard]] std::string events_text() const {
    auto text = read_file(run_dir(cwd_, run_id_) / kEventsFileName);
    EXPECT_TRUE(text.ok());
    return text.ok() ? *text : std::string();
  }

  // run.json, result.json and the session file parse, and run.json's last_seq is one the
  // writer had made durable (it is written before the commit is reported).
  void expect_records_parse(std::int64_t acked, std::int64_t n) {
    const RunStore store{RunIndex(index_dir_)};
    auto record = store.find_run(run_id_);
    ASSERT_TRUE(record.ok()) << record.error().to_string();
    EXPECT_EQ(record->status, RunStatus::kRunning);
    EXPECT_GE(record->last_seq, acked);
    EXPECT_LE(record->last_seq, n);
    auto result = store.load_result(cwd_, run_id_);
    ASSERT_TRUE(result.ok()) << result.error().to_string();
    EXPECT_TRUE(result->has_value());
    auto session = store.load_session(cwd_, crash_writer_session_id(run_id_));
    ASSERT_TRUE(session.ok()) << session.error().to_string();
    EXPECT_TRUE(session->has_value());
  }

  // Every event from seq `from` on (and its artifact, when its stdout was moved) is the one
  // the writer built from its tag.
  static void expect_events_intact(EventLog& log, std::int64_t from) {
    auto events = log.read_after(from - 1, 100000);
    ASSERT_TRUE(events.ok()) << events.error().to_string();
    for (const RunEvent& e : *events) {
      const std::string tag = e.data.value("tag", "");
      ASSERT_FALSE(tag.empty()) << "seq " << e.seq;
      EXPECT_EQ(e.data["command"], "step " + tag);
      if (e.data.contains("artifact_refs")) {
        auto page = log.read_artifact(e.seq, "/stdout", 0, kMaxArtifactReadLimit);
        ASSERT_TRUE(page.ok()) << "seq " << e.seq << ": " << page.error().to_string();
        EXPECT_TRUE(page->content == crash_writer_stdout(tag)) << "seq " << e.seq;
      } else {
        EXPECT_EQ(e.data["stdout"], crash_writer_stdout(tag)) << "seq " << e.seq;
      }
    }
  }

  fsys::path root_ = fsys::temp_directory_path() / ("agenthub-burst-" + random_hex(8));
  fsys::path cwd_ = root_ / "project";
  fsys::path index_dir_ = root_ / "state" / "run-index";
  std::string run_id_ = "run-burst";
};

TEST_F(CrashWriterTest, KilledMidBurstLosesNothingDurableAndContinues) {
  const std::vector<int> commits = {1, 4, 2, 13, 7, 29, 3, 18};
  std::vector<std::string> kept;  // lines of events 1..n as found after the last kill
  std::int64_t expected_start = 0;
  std::uint64_t expected_truncated = 0;  // what the next writer must report it repaired
  std::size_t expected_dropped = 0;
  for (std::size_t round = 0; round < commits.size(); ++round) {
    SCOPED_TRACE("round " + std::to_string(round) + ", killed after " +
                 std::to_string(commits[round]) + " commits");
    const Killed k = write_then_kill(commits[round]);
    ASSERT_EQ(k.start_last_seq, expected_start) << "the writer must continue after the last event";
    EXPECT_EQ(k.start_truncated, expected_truncated);
    EXPECT_EQ(k.start_dropped, expected_dropped);
    ASSERT_GE(k.acked, expected_start + 1);

    // As the kill left it: events 1..n, then at most a torn line.
    const Scan raw = scan_events(events_text());
    ASSERT_GE(raw.n, k.acked) << "an event reported durable is missing";
    EXPECT_EQ(raw.rest.find('\n'), std::string::npos) << "complete garbage after the last event";
    ASSERT_GE(raw.lines.size(), kept.size());
    for (std::size_t i = 0; i < kept.size(); ++i) {
      ASSERT_EQ(raw.lines[i], kept[i]) << "event " << i + 1 << " changed after it was durable";
    }
    expect_records_parse(k.acked, raw.n);

    // Plant what a write cut short or a second writer leaves: rounds alternate between
    // leaving the repair to the next writer (it reports what it cut) and repairing here.
    const std::string dir_events = (run_dir(cwd_, run_id_) / kEventsFileName).string();
    std::string planted;
    if (round % 3 == 1) planted = raw.lines.back().substr(0, raw.lines.back().size() / 2);
    if (round % 3 == 2) planted = raw.lines.back() + "\n" + raw.lines.back().substr(0, 9);
    if (!planted.empty()) {
      UniqueFd fd(::open(dir_events.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC));
      ASSERT_TRUE(fd);
      ASSERT_TRUE(write_all(fd.get(), planted).ok());
    }
    const std::uint64_t tail_bytes = raw.rest.size() + planted.size();

    expected_truncated = 0;
    expected_dropped = 0;
    if (round % 2 == 1) {
      expected_truncated = tail_bytes;
      expected_dropped = round % 3 == 2 ? 1u : 0u;
    } else {
      auto log = EventLog::open_existing(run_dir(cwd_, run_id_));
      ASSERT_TRUE(log.ok()) << log.error().to_string();
      const EventLogRecovery& found = (*log)->recovery();
      EXPECT_EQ(found.last_seq, raw.n);
      EXPECT_EQ(found.kept_bytes, raw.prefix_bytes);
      EXPECT_EQ(found.truncated_bytes, tail_bytes);
      EXPECT_EQ(found.dropped_events, round % 3 == 2 ? 1u : 0u);
      const Scan repaired = scan_events(events_text());
      EXPECT_EQ(repaired.n, raw.n);
      EXPECT_TRUE(repaired.rest.empty()) << "repair left " << repaired.rest.size() << " bytes";
      expect_events_intact(**log, expected_start + 1);
    }
    kept = raw.lines;
    expected_start = raw.n;
  }

  // The last writer's tail is repaired here, and appending goes on at n+1.
  auto log = EventLog::open_existing(run_dir(cwd_, run_id_));
  ASSERT_TRUE(log.ok()) << log.error().to_string();
  EXPECT_EQ((*log)->recovery().last_seq, expected_start);
  expect_events_intact(**log, 1);
  auto next = (*log)->append(crash_writer_event(run_id_, "after"), Durability::kSyncNow);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->seq, expected_start + 1);
  const Scan final_scan = scan_events(events_text());
  EXPECT_EQ(final_scan.n, expected_start + 1);
  EXPECT_TRUE(final_scan.rest.empty());
}

}  // namespace
}  // namespace agenthub::hub
