// A writer process is killed while appending; the log it leaves must reopen contiguous, with
// every event's artifacts readable, and continue where it stopped.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "core/fs.h"
#include "core/ids.h"
#include "hub/event_log.h"

namespace agenthub::hub {
namespace {

namespace fsys = std::filesystem;

// Every third event carries an stdout large enough to become an artifact.
std::string stdout_for(std::int64_t seq) {
  std::size_t size = seq % 3 == 0 ? 9000 + static_cast<std::size_t>(seq) : 10;
  return std::string(size, static_cast<char>('a' + seq % 26));
}

RunEvent event_for(std::int64_t seq) {
  RunEvent e;
  e.run_id = "run-crash";
  e.session_id = "s";
  e.backend = Backend::kCodex;
  e.type = EventType::kCommandFinished;
  e.data = Json{{"command", "step " + std::to_string(seq)}, {"stdout", stdout_for(seq)}};
  return e;
}

// Appends events forever, reporting each stored seq on `ack_fd`. Never returns.
[[noreturn]] void run_writer(const fsys::path& run_dir, int ack_fd) {
  EventLogOptions options;
  options.sync_interval = std::chrono::milliseconds(5);
  auto log = EventLog::open(run_dir, options);
  if (!log.ok()) ::_exit(2);
  for (std::int64_t seq = (*log)->last_seq() + 1; seq < 1000000; ++seq) {
    auto stored = (*log)->append(event_for(seq));
    if (!stored.ok() || stored->seq != seq) ::_exit(3);
    if (::write(ack_fd, &seq, sizeof seq) != sizeof seq) ::_exit(4);
  }
  ::_exit(0);
}

class CrashRecoveryTest : public ::testing::Test {
 protected:
  void TearDown() override {
    std::error_code ec;
    fsys::remove_all(root_, ec);
  }

  // Starts a writer, waits until it acknowledged `count` more events, kills it with SIGKILL and
  // returns the last acknowledged seq.
  std::int64_t write_then_kill(int count) {
    int fds[2];
    EXPECT_EQ(::pipe(fds), 0);
    pid_t pid = ::fork();
    if (pid == 0) {
      ::close(fds[0]);
      run_writer(run_dir_, fds[1]);
    }
    ::close(fds[1]);
    std::int64_t last = 0;
    for (int i = 0; i < count; ++i) {
      std::int64_t seq = 0;
      if (::read(fds[0], &seq, sizeof seq) != sizeof seq) break;  // blocks until the next ack
      last = seq;
    }
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ::close(fds[0]);
    EXPECT_TRUE(WIFSIGNALED(status)) << "writer exited early with status " << status;
    return last;
  }

  fsys::path root_ = fsys::temp_directory_path() / ("agenthub-crash-" + random_hex(8));
  fsys::path run_dir_ = root_ / "runs" / "run-crash";
};

TEST_F(CrashRecoveryTest, KilledWriterLeavesAContiguousLogThatContinues) {
  std::int64_t acked = write_then_kill(60);
  ASSERT_GE(acked, 60);
  // A crash in the middle of a write leaves a partial line behind.
  {
    std::ofstream out(run_dir_ / "events.jsonl", std::ios::app | std::ios::binary);
    out << R"({"seq":)" << acked + 1000 << R"(,"ts":"2026-11-28T03:24)";
  }
  std::int64_t acked_again = write_then_kill(40);
  ASSERT_GT(acked_again, acked);

  auto log = EventLog::open(run_dir_);
  ASSERT_TRUE(log.ok()) << log.error().to_string();
  std::int64_t last = (*log)->last_seq();
  EXPECT_GE(last, acked_again);  // SIGKILL loses nothing the kernel already accepted
  auto events = (*log)->read_after(0, 1000);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(static_cast<std::int64_t>(events->size()), last);
  for (std::int64_t i = 0; i < last; ++i) {
    const RunEvent& e = (*events)[static_cast<std::size_t>(i)];
    ASSERT_EQ(e.seq, i + 1);
    EXPECT_EQ(e.data["command"], "step " + std::to_string(e.seq));
    if (e.data.contains("artifact_refs")) {
      auto slice = (*log)->read_artifact(e.seq, "/stdout", 0, kMaxArtifactReadLimit);
      ASSERT_TRUE(slice.ok()) << "seq " << e.seq << ": " << slice.error().to_string();
      EXPECT_TRUE(slice->content == stdout_for(e.seq)) << "seq " << e.seq;
    } else {
      EXPECT_EQ(e.data["stdout"], stdout_for(e.seq));
    }
  }
  auto next = (*log)->append(event_for(last + 1));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->seq, last + 1);
}

}  // namespace
}  // namespace agenthub::hub
