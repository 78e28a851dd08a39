#include "hub/event_log.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <future>
#include <set>
#include <sstream>
#include <thread>

#include "core/fs.h"
#include "temp_dir.h"

namespace agenthub::hub {
namespace {

namespace fsys = std::filesystem;
using std::chrono::steady_clock;

constexpr auto kGenerous = std::chrono::seconds(60);

RunEvent event_with(Json data, EventType type = EventType::kAgentMessage) {
  RunEvent e;
  e.run_id = "run-1";
  e.session_id = "session-1";
  e.backend = Backend::kClaudeCode;
  e.type = type;
  e.data = std::move(data);
  return e;
}

std::vector<std::string> file_lines(const fsys::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

void append_raw(const fsys::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::app | std::ios::binary);
  out << bytes;
}

// Waits (with a generous deadline) until a reader is blocked in wait_after.
bool wait_for_waiter(EventLog& log) {
  auto deadline = steady_clock::now() + kGenerous;
  while (log.waiting_readers() == 0) {
    if (steady_clock::now() > deadline) return false;
    std::this_thread::yield();
  }
  return true;
}

class EventLogTest : public ::testing::Test {
 protected:
  std::unique_ptr<EventLog> open_log(EventLogOptions options = {}) {
    auto log = EventLog::open(run_dir_, options);
    EXPECT_TRUE(log.ok()) << log.error().to_string();
    return log.ok() ? std::move(*log) : nullptr;
  }

  testing::TempDir tmp_;
  fsys::path run_dir_ = tmp_.path() / "runs" / "run-1";
};

TEST_F(EventLogTest, AssignsContiguousSeqsFromOneAndStampsTime) {
  auto log = open_log();
  for (int i = 1; i <= 3; ++i) {
    RunEvent e = event_with(Json{{"text", "hello " + std::to_string(i)}});
    e.seq = 99;  // ignored: the log assigns seqs
    auto stored = log->append(e);
    ASSERT_TRUE(stored.ok()) << stored.error().to_string();
    EXPECT_EQ(stored->seq, i);
    EXPECT_FALSE(stored->ts.empty());
  }
  EXPECT_EQ(log->last_seq(), 3);
  auto lines = file_lines(log->path());
  ASSERT_EQ(lines.size(), 3u);
  auto second = decode_run_event(*parse_json(lines[1]));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->seq, 2);
  EXPECT_EQ(second->data["text"], "hello 2");
}

TEST_F(EventLogTest, CreatesPrivateFiles) {
  auto log = open_log();
  ASSERT_TRUE(log->append(event_with(Json{{"text", "x"}})).ok());
  struct stat st {};
  ASSERT_EQ(::stat(log->path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(run_dir_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
}

TEST_F(EventLogTest, ConcurrentAppendersGetContiguousUniqueSeqs) {
  EventLogOptions options;
  options.sync_interval = std::chrono::hours(1);
  auto log = open_log(options);
  constexpr int kThreads = 8;
  constexpr int kPerThread = 150;
  std::vector<std::vector<std::int64_t>> seqs(kThreads);
  {
    std::vector<std::jthread> writers;
    for (int t = 0; t < kThreads; ++t) {
      writers.emplace_back([&, t] {
        for (int i = 0; i < kPerThread; ++i) {
          auto stored = log->append(event_with(Json{{"writer", t}, {"i", i}}));
          ASSERT_TRUE(stored.ok());
          seqs[t].push_back(stored->seq);
        }
      });
    }
  }
  std::set<std::int64_t> all;
  for (const auto& s : seqs) {
    EXPECT_TRUE(std::is_sorted(s.begin(), s.end()));
    all.insert(s.begin(), s.end());
  }
  ASSERT_EQ(all.size(), static_cast<std::size_t>(kThreads * kPerThread));
  EXPECT_EQ(*all.begin(), 1);
  EXPECT_EQ(*all.rbegin(), kThreads * kPerThread);
  // The file holds every event exactly once, in seq order.
  auto lines = file_lines(log->path());
  ASSERT_EQ(lines.size(), all.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ((*parse_json(lines[i]))["seq"], static_cast<std::int64_t>(i + 1));
  }
}

TEST_F(EventLogTest, PollWakesAsSoonAsAnEventIsAppended) {
  EventLogOptions options;
  options.sync_interval = std::chrono::hours(1);
  auto log = open_log(options);
  ASSERT_TRUE(log->append(event_with(Json{{"text", "first"}})).ok());
  auto waiter = std::async(std::launch::async,
                           [&] { return log->wait_after(1, 10, steady_clock::now() + kGenerous); });
  ASSERT_TRUE(wait_for_waiter(*log));
  ASSERT_TRUE(log->append(event_with(Json{{"text", "second"}})).ok());
  auto events = waiter.get();
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].seq, 2);
  EXPECT_EQ((*events)[0].data["text"], "second");
}

TEST_F(EventLogTest, PollReturnsExistingEventsWithoutWaiting) {
  auto log = open_log();
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(log->append(event_with(Json{{"i", i}})).ok());
  auto events = log->wait_after(2, 2, steady_clock::now() + kGenerous);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].seq, 3);
  EXPECT_EQ((*events)[1].seq, 4);
}

TEST_F(EventLogTest, PollWithAPassedDeadlineReturnsEmpty) {
  auto log = open_log();
  auto events = log->wait_after(0, 10, steady_clock::now());
  ASSERT_TRUE(events.ok());
  EXPECT_TRUE(events->empty());
}

TEST_F(EventLogTest, StopRequestEndsAWait) {
  auto log = open_log();
  std::stop_source stop;
  auto waiter = std::async(std::launch::async, [&] {
    return log->wait_after(0, 10, steady_clock::now() + kGenerous, stop.get_token());
  });
  ASSERT_TRUE(wait_for_waiter(*log));
  stop.request_stop();
  auto events = waiter.get();
  ASSERT_TRUE(events.ok());
  EXPECT_TRUE(events->empty());
}

TEST_F(EventLogTest, CloseWakesWaitersAndRefusesAppends) {
  auto log = open_log();
  auto waiter = std::async(std::launch::async,
                           [&] { return log->wait_after(0, 10, steady_clock::now() + kGenerous); });
  ASSERT_TRUE(wait_for_waiter(*log));
  log->close();
  EXPECT_TRUE(waiter.get()->empty());
  auto refused = log->append(event_with(Json::object()));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
}

TEST_F(EventLogTest, ReadersSyncBatchedEventsBeforeSeeingThem) {
  EventLogOptions options;
  options.sync_interval = std::chrono::hours(1);  // appends after the first never sync alone
  auto log = open_log(options);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(log->append(event_with(Json{{"i", i}})).ok());
  auto events = log->read_after(0, 100);
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->size(), 3u);
  EXPECT_EQ(log->last_seq(), 3);
}

TEST_F(EventLogTest, ReadsOlderEventsFromTheFile) {
  EventLogOptions options;
  options.recent_events = 4;
  auto log = open_log(options);
  std::vector<RunEvent> stored;
  for (int i = 0; i < 20; ++i) {
    auto e = log->append(event_with(Json{{"i", i}, {"stdout", std::string(5000 + i, 'o')}},
                                    EventType::kCommandFinished));
    ASSERT_TRUE(e.ok());
    stored.push_back(*e);
  }
  auto events = log->read_after(0, 1000);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 20u);
  for (std::size_t i = 0; i < 20; ++i) EXPECT_EQ(encode((*events)[i]), encode(stored[i]));
  auto middle = log->read_after(9, 3);
  ASSERT_TRUE(middle.ok());
  ASSERT_EQ(middle->size(), 3u);
  EXPECT_EQ((*middle)[0].seq, 10);
  EXPECT_EQ((*middle)[2].seq, 12);
  EXPECT_TRUE(log->read_after(20, 10)->empty());
  EXPECT_TRUE(log->read_after(0, 0)->empty());
}

TEST_F(EventLogTest, StoresSanitizedEventsAndServesTheirArtifacts) {
  auto log = open_log();
  std::string big(9000, 'S');
  auto stored = log->append(
      event_with(Json{{"command", "cat big"}, {"stdout", big}}, EventType::kCommandFinished));
  ASSERT_TRUE(stored.ok());
  EXPECT_TRUE(stored->data.contains("artifact_refs"));
  std::string file = *read_file(log->path());
  EXPECT_EQ(file.find(big), std::string::npos);
  EXPECT_NE(file.find("artifact_refs"), std::string::npos);
  auto slice = log->read_artifact(stored->seq, "/stdout");
  ASSERT_TRUE(slice.ok()) << slice.error().to_string();
  EXPECT_EQ(slice->content, big);
  EXPECT_EQ(log->read_artifact(stored->seq, "/command").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(log->read_event(42).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(log->read_event(1)->seq, 1);
}

TEST_F(EventLogTest, RestartContinuesAfterTheLastSeq) {
  {
    auto log = open_log();
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(log->append(event_with(Json{{"i", i}})).ok());
  }
  auto log = open_log();
  EXPECT_EQ(log->last_seq(), 5);
  auto next = log->append(event_with(Json{{"i", 5}}));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->seq, 6);
  auto events = log->read_after(0, 100);
  ASSERT_EQ(events->size(), 6u);
  for (std::size_t i = 0; i < 6; ++i) EXPECT_EQ((*events)[i].seq, static_cast<std::int64_t>(i + 1));
}

TEST_F(EventLogTest, TornLastLineIsTruncatedOnOpen) {
  std::uintmax_t good_size = 0;
  {
    auto log = open_log();
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(log->append(event_with(Json{{"i", i}})).ok());
    good_size = fsys::file_size(log->path());
  }
  append_raw(run_dir_ / "events.jsonl", R"({"seq":4,"ts":"2026-11-28T0)");
  auto log = open_log();
  EXPECT_EQ(fsys::file_size(log->path()), good_size);
  EXPECT_EQ(log->last_seq(), 3);
  auto next = log->append(event_with(Json{{"i", 3}}));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->seq, 4);
  auto lines = file_lines(log->path());
  ASSERT_EQ(lines.size(), 4u);
  for (const auto& line : lines) EXPECT_TRUE(parse_json(line).ok()) << line;
}

TEST_F(EventLogTest, CompleteLineWithoutNewlineCountsAsTorn) {
  {
    auto log = open_log();
    ASSERT_TRUE(log->append(event_with(Json{{"i", 0}})).ok());
  }
  RunEvent e = event_with(Json{{"i", 1}});
  e.seq = 2;
  e.ts = "2026-11-28T03:24:38.123Z";
  append_raw(run_dir_ / "events.jsonl", dump_json(encode(e)));
  auto log = open_log();
  EXPECT_EQ(log->last_seq(), 1);
}

TEST_F(EventLogTest, GarbageAfterTheLastEventIsTruncated) {
  {
    auto log = open_log();
    ASSERT_TRUE(log->append(event_with(Json{{"i", 0}})).ok());
  }
  append_raw(run_dir_ / "events.jsonl", std::string("\0\0\0\0\n\0\0", 7));
  auto log = open_log();
  EXPECT_EQ(log->last_seq(), 1);
  ASSERT_EQ(log->append(event_with(Json{{"i", 1}}))->seq, 2);
  EXPECT_EQ(file_lines(log->path()).size(), 2u);
}

TEST_F(EventLogTest, OldLogsWithBadOrDuplicateLinesAreReadTolerantly) {
  ASSERT_TRUE(ensure_dir(run_dir_).ok());
  // An old-tool log: a garbage line and a duplicated seq in the middle.
  std::string text =
      R"({"seq":1,"ts":"t","run_id":"r","session_id":"s","backend":"codex","type":"run_started","data":{"status":"running"}})"
      "\n"
      "not json\n"
      R"({"seq":2,"ts":"t","run_id":"r","session_id":"s","backend":"codex","type":"agent_message","data":{"text":"a"}})"
      "\n"
      R"({"seq":2,"ts":"t","run_id":"r","session_id":"s","backend":"codex","type":"agent_message","data":{"text":"dup"}})"
      "\n"
      R"({"seq":3,"ts":"t","runId":"r","backend":"future_backend","type":"future_type","data":{}})"
      "\n";
  ASSERT_TRUE(write_file_atomic(run_dir_ / "events.jsonl", text).ok());
  auto log = open_log();
  auto events = log->read_after(0, 100);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 3u);
  EXPECT_EQ((*events)[1].data["text"], "a");
  EXPECT_EQ((*events)[2].type_name(), "future_type");
  EXPECT_EQ(encode((*events)[2])["backend"], "future_backend");
  EXPECT_EQ(log->append(event_with(Json::object()))->seq, 4);
  // Middle lines are skipped, not deleted.
  EXPECT_NE(read_file(run_dir_ / "events.jsonl")->find("not json"), std::string::npos);
}

// A complete line in the tail whose seq repeats or skips (a second writer, a damaged file)
// breaks the sequence: it is cut away like a torn line, and kept aside in .dropped.
TEST_F(EventLogTest, DuplicateOrOutOfSequenceTailIsCutAndKeptAside) {
  std::uintmax_t good_size = 0;
  {
    auto log = open_log();
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(log->append(event_with(Json{{"i", i}})).ok());
    good_size = fsys::file_size(log->path());
  }
  RunEvent dup = event_with(Json{{"i", "dup"}});
  dup.seq = 3;
  dup.ts = "2026-11-28T03:24:38.123Z";
  RunEvent gap = event_with(Json{{"i", "gap"}});
  gap.seq = 7;
  gap.ts = dup.ts;
  const std::string tail = dump_json(encode(dup)) + "\n" + dump_json(encode(gap)) + "\n";
  append_raw(run_dir_ / "events.jsonl", tail);

  auto log = open_log();
  EXPECT_EQ(fsys::file_size(log->path()), good_size);
  EXPECT_EQ(log->recovery().last_seq, 3);
  EXPECT_EQ(log->recovery().kept_bytes, good_size);
  EXPECT_EQ(log->recovery().truncated_bytes, tail.size());
  EXPECT_EQ(log->recovery().dropped_events, 2u);
  EXPECT_EQ(log->recovery().skipped_lines, 0u);
  EXPECT_EQ(*read_file(run_dir_ / kDroppedEventsFileName), tail);
  EXPECT_EQ(log->read_event(3)->data["i"], 2);
  EXPECT_EQ(log->append(event_with(Json{{"i", 3}}))->seq, 4);
}

// Out-of-sequence lines before the last event are skipped (not served, not deleted), so what
// is served stays 1..n.
TEST_F(EventLogTest, OutOfSequenceLineInTheMiddleIsSkipped) {
  ASSERT_TRUE(ensure_dir(run_dir_).ok());
  auto line = [](std::int64_t seq) {
    RunEvent e = event_with(Json{{"seq_was", seq}});
    e.seq = seq;
    e.ts = "2025-01-01T00:00:00Z";
    return dump_json(encode(e)) + "\n";
  };
  const std::string text = line(1) + line(2) + line(9) + line(3);
  ASSERT_TRUE(write_file_atomic(run_dir_ / "events.jsonl", text).ok());
  auto log = open_log();
  EXPECT_EQ(log->recovery().last_seq, 3);
  EXPECT_EQ(log->recovery().skipped_lines, 1u);
  EXPECT_FALSE(log->recovery().repaired());
  auto events = log->read_after(0, 100);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ((*events)[i].seq, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ((*events)[i].data["seq_was"], static_cast<std::int64_t>(i + 1));
  }
  EXPECT_EQ(*read_file(run_dir_ / "events.jsonl"), text);
  EXPECT_FALSE(fsys::exists(run_dir_ / kDroppedEventsFileName));
}

TEST_F(EventLogTest, OpenExistingContinuesAndReportsTheRepair) {
  std::uintmax_t good_size = 0;
  {
    auto log = open_log();
    for (int i = 0; i < 2; ++i) ASSERT_TRUE(log->append(event_with(Json{{"i", i}})).ok());
    good_size = fsys::file_size(log->path());
  }
  append_raw(run_dir_ / "events.jsonl", R"({"seq":3,"ts":"2026)");
  auto log = EventLog::open_existing(run_dir_);
  ASSERT_TRUE(log.ok()) << log.error().to_string();
  const EventLogRecovery& found = (*log)->recovery();
  EXPECT_FALSE(found.created);
  EXPECT_TRUE(found.repaired());
  EXPECT_EQ(found.last_seq, 2);
  EXPECT_EQ(found.kept_bytes, good_size);
  EXPECT_EQ(found.truncated_bytes, std::string(R"({"seq":3,"ts":"2026)").size());
  EXPECT_EQ(found.dropped_events, 0u);  // a torn line is no event: nothing kept aside
  EXPECT_FALSE(fsys::exists(run_dir_ / kDroppedEventsFileName));
  EXPECT_EQ((*log)->last_seq(), 2);
  EXPECT_EQ((*log)->append(event_with(Json{{"i", 2}}))->seq, 3);
}

TEST_F(EventLogTest, OpenExistingCreatesNothing) {
  auto missing_dir = EventLog::open_existing(run_dir_);
  ASSERT_FALSE(missing_dir.ok());
  EXPECT_EQ(missing_dir.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(fsys::exists(run_dir_));
  ASSERT_TRUE(ensure_dir(run_dir_).ok());
  auto missing_file = EventLog::open_existing(run_dir_);
  ASSERT_FALSE(missing_file.ok());
  EXPECT_EQ(missing_file.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(fsys::exists(run_dir_ / "events.jsonl"));

  auto created = open_log();
  EXPECT_TRUE(created->recovery().created);
  EXPECT_EQ(created->recovery().last_seq, 0);
}

// Wherever a write is cut (every byte of the last line), the log reopens at the events before
// it, byte for byte, and the next append gets the next seq.
TEST_F(EventLogTest, EveryCutOfTheLastLineIsRepaired) {
  std::string intact;
  std::uintmax_t two_events = 0;
  {
    auto log = open_log();
    for (int i = 0; i < 2; ++i) ASSERT_TRUE(log->append(event_with(Json{{"i", i}})).ok());
    two_events = fsys::file_size(log->path());
    ASSERT_TRUE(log->append(event_with(Json{{"i", 2}})).ok());
  }
  intact = *read_file(run_dir_ / "events.jsonl");
  for (std::size_t cut = two_events; cut < intact.size(); ++cut) {
    SCOPED_TRACE("cut at byte " + std::to_string(cut));
    ASSERT_TRUE(write_file_atomic(run_dir_ / "events.jsonl", intact.substr(0, cut)).ok());
    auto log = open_log();
    ASSERT_NE(log, nullptr);
    EXPECT_EQ(log->recovery().last_seq, 2);
    EXPECT_EQ(log->recovery().truncated_bytes, cut - two_events);
    EXPECT_EQ(*read_file(run_dir_ / "events.jsonl"), intact.substr(0, two_events));
    ASSERT_EQ(log->append(event_with(Json{{"i", 2}}))->seq, 3);
  }
}

TEST_F(EventLogTest, ArtifactsOfUncommittedEventsAreRemovedOnOpen) {
  {
    auto log = open_log();
    ASSERT_TRUE(log->append(event_with(Json{{"stdout", std::string(5000, 'a')}},
                                       EventType::kCommandFinished))
                    .ok());
  }
  ASSERT_TRUE(ensure_dir(run_dir_ / "artifacts" / "000002-command_finished").ok());
  auto log = open_log();
  EXPECT_TRUE(fsys::exists(run_dir_ / "artifacts" / "000001-command_finished"));
  EXPECT_FALSE(fsys::exists(run_dir_ / "artifacts" / "000002-command_finished"));
}

TEST_F(EventLogTest, SyncNowMakesTheEventVisibleAtOnce) {
  EventLogOptions options;
  options.sync_interval = std::chrono::hours(1);
  auto log = open_log(options);
  ASSERT_TRUE(log->append(event_with(Json{{"i", 0}})).ok());
  ASSERT_TRUE(log->append(event_with(Json{{"status", "completed"}}, EventType::kRunCompleted),
                          Durability::kSyncNow)
                  .ok());
  EXPECT_EQ(log->last_seq(), 2);
}

}  // namespace
}  // namespace agenthub::hub
