#include "mcp/stdio_server.h"

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <unistd.h>

#include <optional>
#include <thread>

#include "core/fs.h"
#include "core/unique_fd.h"
#include "tests/unit/mcp/fake_run_service.h"

namespace agenthub::mcp::testing {
namespace {

using ::testing::HasSubstr;
constexpr auto kDeadline = std::chrono::seconds(20);

std::pair<UniqueFd, UniqueFd> make_pipe() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) std::abort();
  return {UniqueFd(fds[0]), UniqueFd(fds[1])};
}

// A StdioServer on pipes, serving on its own thread, over a FakeRunService.
class Harness {
 public:
  explicit Harness(StdioServerOptions options = {}) {
    auto [in_r, in_w] = make_pipe();
    auto [out_r, out_w] = make_pipe();
    auto [stop_r, stop_w] = make_pipe();
    in_read_ = std::move(in_r);
    in_write_ = std::move(in_w);
    out_read_ = std::move(out_r);
    out_write_ = std::move(out_w);
    stop_read_ = std::move(stop_r);
    stop_write_ = std::move(stop_w);
    stdio_.emplace(server_, in_read_.get(), out_write_.get(), options);
    thread_ = std::jthread([this] {
      result_ = stdio_->run(stop_read_.get());
      // The test's reader sees EOF once the server is done; calls abandoned past the grace
      // may still write, so then the pipe stays open until the harness goes away.
      if (result_.drained) out_write_.reset();
    });
  }
  ~Harness() {
    service.release_polls();
    in_write_.reset();
  }

  void send(std::string_view line) {
    std::string data(line);
    data += '\n';
    ASSERT_TRUE(write_all(in_write_.get(), data).ok());
  }
  void send_json(const Json& message) { send(dump_json(message)); }
  void close_input() { in_write_.reset(); }
  void stop() { ASSERT_TRUE(write_all(stop_write_.get(), "x").ok()); }
  StdioServer::RunResult join() {
    thread_.join();
    return result_;
  }

  // The next output line; nullopt at EOF or when the deadline passes.
  std::optional<std::string> read_line() {
    auto until = std::chrono::steady_clock::now() + kDeadline;
    for (;;) {
      if (auto nl = buffer_.find('\n'); nl != std::string::npos) {
        std::string line = buffer_.substr(0, nl);
        buffer_.erase(0, nl + 1);
        return line;
      }
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          until - std::chrono::steady_clock::now());
      pollfd fd{out_read_.get(), POLLIN, 0};
      if (left.count() <= 0 || ::poll(&fd, 1, static_cast<int>(left.count())) <= 0) {
        return std::nullopt;
      }
      char chunk[4096];
      ssize_t got = ::read(out_read_.get(), chunk, sizeof chunk);
      if (got <= 0) return std::nullopt;
      buffer_.append(chunk, static_cast<std::size_t>(got));
    }
  }
  Json read_json() {
    auto line = read_line();
    if (!line) return nullptr;
    return parse_json(*line).value_or(Json("unparsable: " + *line));
  }

  FakeRunService service;

 private:
  McpServer server_{service};
  UniqueFd in_read_, in_write_, out_read_, out_write_, stop_read_, stop_write_;
  std::optional<StdioServer> stdio_;
  StdioServer::RunResult result_;
  std::string buffer_;
  std::jthread thread_;
};

Json ping(const Json& id) { return {{"jsonrpc", "2.0"}, {"id", id}, {"method", "ping"}}; }

Json call(const Json& id, std::string_view tool, Json arguments) {
  return {{"jsonrpc", "2.0"},
          {"id", id},
          {"method", "tools/call"},
          {"params", {{"name", tool}, {"arguments", std::move(arguments)}}}};
}

Json poll_call(const Json& id) {
  return call(id, "poll_events", {{"run_id", "r"}, {"after_seq", 0}, {"wait_ms", 30000}});
}

Json cancelled(const Json& id) {
  return {{"jsonrpc", "2.0"},
          {"method", "notifications/cancelled"},
          {"params", {{"requestId", id}, {"reason", "user gave up"}}}};
}

TEST(StdioServer, EchoesIdsExactlyAsSent) {
  Harness h;
  h.send(R"({"jsonrpc":"2.0","id":0,"method":"ping"})");
  EXPECT_EQ(h.read_line(), R"({"id":0,"jsonrpc":"2.0","result":{}})");
  h.send(R"({"jsonrpc":"2.0","id":-12,"method":"ping"})");
  EXPECT_EQ(h.read_line(), R"({"id":-12,"jsonrpc":"2.0","result":{}})");
  h.send(R"({"jsonrpc":"2.0","id":"0","method":"ping"})");
  EXPECT_EQ(h.read_line(), R"({"id":"0","jsonrpc":"2.0","result":{}})");
  h.send(R"({"jsonrpc":"2.0","id":18446744073709551615,"method":"ping"})");
  EXPECT_EQ(h.read_line(), R"({"id":18446744073709551615,"jsonrpc":"2.0","result":{}})");
  h.send(
      R"({"jsonrpc":"2.0","id":9007199254740993,"method":"tools/call","params":{"name":"get_run","arguments":{"run_id":"r"}}})");
  EXPECT_EQ(h.read_json()["id"].get<std::uint64_t>(), 9007199254740993ull);
}

TEST(StdioServer, NotificationsAreNeverAnswered) {
  Harness h;
  h.send(R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
  h.send_json(cancelled(99));
  h.send(R"({"jsonrpc":"2.0","method":"some/unknown"})");
  h.send(
      R"({"jsonrpc":"2.0","method":"tools/call","params":{"name":"get_run","arguments":{"run_id":"r"}}})");
  h.send(R"({"jsonrpc":"2.0","id":1,"result":{}})");  // a stray client response
  h.send_json(ping(1));
  // Quick messages are handled in order, so the first line out is the ping's answer.
  EXPECT_EQ(h.read_json(), (Json{{"jsonrpc", "2.0"}, {"id", 1}, {"result", Json::object()}}));
  h.close_input();
  h.join();
  EXPECT_EQ(h.read_line(), std::nullopt);
  EXPECT_EQ(h.service.calls(), 0);
}

TEST(StdioServer, ProtocolErrorsOverTheWire) {
  Harness h;
  h.send("{oops");
  Json parse_error = h.read_json();
  EXPECT_EQ(parse_error["error"]["code"], -32700);
  EXPECT_TRUE(parse_error["id"].is_null());
  h.send(R"([{"jsonrpc":"2.0","id":1,"method":"ping"}])");
  EXPECT_EQ(h.read_json()["error"]["code"], -32600);
  h.send(R"({"jsonrpc":"2.0","id":3,"method":"server/discover"})");
  Json unknown = h.read_json();
  EXPECT_EQ(unknown["error"]["code"], -32601);
  EXPECT_EQ(unknown["id"], 3);
  h.send_json(call(4, "no_such_tool", Json::object()));
  Json bad_tool = h.read_json();
  EXPECT_EQ(bad_tool["error"]["code"], -32602);
  EXPECT_EQ(bad_tool["id"], 4);
  h.send("\xff\xfe\x80");
  EXPECT_EQ(h.read_json()["error"]["code"], -32700);
  h.send_json(ping(5));
  EXPECT_EQ(h.read_json()["id"], 5);
}

TEST(StdioServer, OversizedLinesAreRefusedAndServingGoesOn) {
  StdioServerOptions options;
  options.max_line_bytes = 1024;
  Harness h(options);
  h.send(R"({"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":")" + std::string(5000, 'x') +
         "\"}}");
  Json refused = h.read_json();
  EXPECT_EQ(refused["error"]["code"], -32600);
  EXPECT_TRUE(refused["id"].is_null());
  h.send_json(ping(2));
  EXPECT_EQ(h.read_json()["id"], 2);
}

TEST(StdioServer, AWaitingPollDoesNotBlockLaterRequests) {
  Harness h;
  h.service.block_polls();
  h.send_json(poll_call(1));
  ASSERT_TRUE(h.service.wait_polls_entered(1));
  h.send_json(call(2, "cancel_run", {{"run_id", "r"}}));
  // The poll cannot answer before release_polls(), so these must come first.
  Json first = h.read_json();
  EXPECT_EQ(first["id"], 2) << first;
  EXPECT_FALSE(first["result"].contains("isError")) << first;
  h.send_json(ping(3));
  EXPECT_EQ(h.read_json()["id"], 3);
  h.service.release_polls();
  Json poll = h.read_json();
  EXPECT_EQ(poll["id"], 1) << poll;
  EXPECT_FALSE(h.service.poll_stopped);
}

TEST(StdioServer, CancelledRequestStopsWaitingAndIsNotAnswered) {
  Harness h;
  h.service.block_polls();
  h.send_json(poll_call(7));
  ASSERT_TRUE(h.service.wait_polls_entered(1));
  h.send_json(cancelled(7));
  ASSERT_TRUE(h.service.wait_polls_left(1));
  EXPECT_TRUE(h.service.poll_stopped);
  h.send_json(ping(8));
  EXPECT_EQ(h.read_json()["id"], 8);
  h.close_input();
  EXPECT_TRUE(h.join().drained);
  // The poll's worker has finished (drained) and wrote nothing.
  EXPECT_EQ(h.read_line(), std::nullopt);
}

TEST(StdioServer, CancellationMatchesTheIdWithItsType) {
  Harness h;
  h.service.block_polls();
  h.send_json(poll_call(7));
  ASSERT_TRUE(h.service.wait_polls_entered(1));
  h.send_json(cancelled("7"));  // a different request id
  h.send_json(ping(8));
  EXPECT_EQ(h.read_json()["id"], 8);
  h.service.release_polls();
  EXPECT_EQ(h.read_json()["id"], 7);
  EXPECT_FALSE(h.service.poll_stopped);
}

TEST(StdioServer, CancelledCallThatCannotStopStillSendsNoResponse) {
  Harness h;
  h.service.block_polls();
  h.service.ignore_stop();
  h.send_json(poll_call("p"));
  ASSERT_TRUE(h.service.wait_polls_entered(1));
  h.send_json(cancelled("p"));
  h.send_json(ping(1));
  EXPECT_EQ(h.read_json()["id"], 1);
  h.service.release_polls();
  ASSERT_TRUE(h.service.wait_polls_left(1));
  h.close_input();
  EXPECT_TRUE(h.join().drained);
  EXPECT_EQ(h.read_line(), std::nullopt);
}

TEST(StdioServer, EofStopsWaitingPollsButStillAnswersThem) {
  Harness h;
  h.service.block_polls();
  h.send_json(poll_call(1));
  ASSERT_TRUE(h.service.wait_polls_entered(1));
  h.close_input();
  Json poll = h.read_json();
  EXPECT_EQ(poll["id"], 1) << poll;
  auto result = h.join();
  EXPECT_EQ(result.reason, StdioServer::EndReason::kEof);
  EXPECT_TRUE(result.drained);
  EXPECT_TRUE(h.service.poll_stopped);
}

TEST(StdioServer, StopFdEndsServing) {
  Harness h;
  h.send_json(ping(1));
  EXPECT_EQ(h.read_json()["id"], 1);
  h.stop();
  EXPECT_EQ(h.join().reason, StdioServer::EndReason::kStopped);
}

TEST(StdioServer, ReportsCallsThatOutliveTheGrace) {
  StdioServerOptions options;
  options.shutdown_grace = std::chrono::milliseconds(0);
  Harness h(options);
  h.service.block_polls();
  h.service.ignore_stop();
  h.send_json(poll_call(1));
  ASSERT_TRUE(h.service.wait_polls_entered(1));
  h.close_input();
  EXPECT_FALSE(h.join().drained);
  h.service.release_polls();  // lets the pool's thread finish before the harness goes away
}

TEST(StdioServer, RefusesCallsBeyondTheConcurrencyLimit) {
  StdioServerOptions options;
  options.max_concurrent_calls = 1;
  Harness h(options);
  h.service.block_polls();
  h.send_json(poll_call(1));
  ASSERT_TRUE(h.service.wait_polls_entered(1));
  h.send_json(call(2, "get_run", {{"run_id", "r"}}));
  Json busy = h.read_json();
  EXPECT_EQ(busy["id"], 2);
  EXPECT_EQ(busy["result"]["isError"], true);
  EXPECT_THAT(busy["result"]["content"][0]["text"].get<std::string>(),
              HasSubstr("get_run failed (resource_exhausted): the server is busy"));
  h.service.release_polls();
  EXPECT_EQ(h.read_json()["id"], 1);
}

TEST(StdioServer, ServesRequestsBeforeInitialize) {
  Harness h;
  h.send_json({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "tools/list"}});
  EXPECT_EQ(h.read_json()["result"]["tools"].size(), 7u);
}

}  // namespace
}  // namespace agenthub::mcp::testing
