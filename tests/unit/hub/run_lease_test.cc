// Run leases (which hub drives a run) and the wrapper registry (which local wrappers a later hub
// can reach): locking, hand-over, clean-up and file modes.

#include "hub/run_lease.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hub/wrapper_registry.h"
#include "temp_dir.h"

namespace agenthub::hub::testing {
namespace {

namespace fsys = std::filesystem;

mode_t mode_of(const fsys::path& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 0777;
}

TEST(RunLease, NewLeaseIsListedAndCannotBeTakenWhileHeld) {
  TempDir dir;
  const fsys::path leases = dir.path() / "run-leases";
  auto lease = RunLease::acquire_new(leases, "run-1");
  ASSERT_TRUE(lease.ok()) << lease.error().message;
  EXPECT_EQ(RunLease::list(leases), std::vector<std::string>{"run-1"});
  EXPECT_EQ(mode_of(leases / "run-1.lock"), 0600u);
  EXPECT_EQ(mode_of(leases), 0700u);
  // Another open file description (another hub) cannot take it.
  EXPECT_FALSE(RunLease::try_take(leases, "run-1").has_value());
}

TEST(RunLease, ALeaseGivenUpWithoutFinishingCanBeTakenWithItsEndpoint) {
  TempDir dir;
  const Json endpoint = {{"url", "http://127.0.0.1:1/"}, {"bearer_token", "secret"}};
  {
    auto lease = RunLease::acquire_new(dir.path(), "run-2");
    ASSERT_TRUE(lease.ok());
    ASSERT_TRUE(lease->save_endpoint(endpoint).ok());
    EXPECT_EQ(mode_of(dir.path() / "run-2.endpoint.json"), 0600u);
  }  // its process stopped driving the run
  auto taken = RunLease::try_take(dir.path(), "run-2");
  ASSERT_TRUE(taken.has_value());
  EXPECT_EQ(taken->load_endpoint(), endpoint);
  EXPECT_FALSE(RunLease::try_take(dir.path(), "run-2").has_value());
}

TEST(RunLease, FinishRemovesTheLeaseAndTheSecrets) {
  TempDir dir;
  auto lease = RunLease::acquire_new(dir.path(), "run-3");
  ASSERT_TRUE(lease.ok());
  ASSERT_TRUE(lease->save_endpoint({{"url", "http://x/"}}).ok());
  lease->finish();
  EXPECT_TRUE(RunLease::list(dir.path()).empty());
  EXPECT_FALSE(fsys::exists(dir.path() / "run-3.endpoint.json"));
  EXPECT_FALSE(RunLease::try_take(dir.path(), "run-3").has_value());
  EXPECT_TRUE(lease->load_endpoint().is_null());
}

TEST(RunLease, ListIgnoresTemporariesAndOtherFiles) {
  TempDir dir;
  ASSERT_TRUE(write_file_atomic(dir.path() / ".run-9.abcd.tmp", "").ok());
  ASSERT_TRUE(write_file_atomic(dir.path() / "run-9.endpoint.json", "{}").ok());
  ASSERT_TRUE(write_file_atomic(dir.path() / "b.lock", "").ok());
  ASSERT_TRUE(write_file_atomic(dir.path() / "a.lock", "").ok());
  EXPECT_EQ(RunLease::list(dir.path()), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(RunLease::list(dir.path() / "missing").empty());
}

TEST(WrapperRegistry, FindsALiveWrapperByUrlAndForgetsDeadOnes) {
  TempDir dir;
  WrapperRegistry registry(dir.path() / "wrappers");
  const pid_t self = ::getpid();
  auto started = process_start_time(self);
  ASSERT_TRUE(started.has_value());
  ASSERT_TRUE(registry.put({Backend::kCodex, "http://127.0.0.1:5/", "tok", self, *started}).ok());
  EXPECT_EQ(mode_of(dir.path() / "wrappers" / (std::to_string(self) + ".json")), 0600u);
  auto found = registry.find_by_url("http://127.0.0.1:5/");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->token, "tok");
  EXPECT_EQ(found->backend, Backend::kCodex);
  EXPECT_FALSE(registry.find_by_url("http://127.0.0.1:6/").has_value());

  // The same pid with another start time is a recycled pid: not our wrapper.
  ASSERT_TRUE(registry.put({Backend::kCodex, "http://127.0.0.1:5/", "tok", self, *started + 1}).ok());
  EXPECT_FALSE(registry.find_by_url("http://127.0.0.1:5/").has_value());
  EXPECT_FALSE(fsys::exists(dir.path() / "wrappers" / (std::to_string(self) + ".json")));
}

TEST(WrapperRegistry, ProcessStartTimeOfNoProcessIsNothing) {
  EXPECT_FALSE(process_start_time(0).has_value());
  EXPECT_FALSE(process_start_time(-1).has_value());
  EXPECT_TRUE(process_start_time(::getpid()).has_value());
}

}  // namespace
}  // namespace agenthub::hub::testing
