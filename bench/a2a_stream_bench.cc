// a2a_stream_bench: throughput and latency of our A2A stack on loopback, next to the
// reference @a2a-js/sdk server measured in the same run on the same machine.
//
//   a2a_stream_bench [--events N] [--runs R] [--sends M] [--streams K] [--no-js]
//                    [--results FILE]
//
// Workloads (identical for every server):
//   stream   one SendStreamingMessage "burst:N": N status updates, events/s at the client
//   send     M sequential SendMessage calls that complete at once: p50 / p99 latency
//   streams  K concurrent SubscribeToTask-style streams held open ("slow:" tasks)
// Servers: ours in-process (bench_executor.h), and js_echo_agent.mjs (@a2a-js/sdk) as a
// child process. Clients: ours, and js_bench_client.mjs (@a2a-js/sdk). This is a benchmark,
// not a test: it reports numbers and never fails on them.

#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "a2a/client/client.h"
#include "a2a/server/server.h"
#include "bench_executor.h"
#include "core/clock.h"
#include "core/json.h"
#include "core/logging.h"
#include "tests/integration/a2a_client/agent_process.h"
#include "tests/integration/a2a_client/run_capture.h"

namespace agenthub::bench {
namespace {

using Clock = std::chrono::steady_clock;
using a2a::Client;
using a2a::StreamResponse;

struct Config {
  int events = 50000;
  int runs = 3;
  int sends = 2000;
  int streams = 500;
  bool js = true;
  std::string results_file;
};

struct StreamResult {
  double events_per_s = 0;
  long events = 0;
};

struct LatencyResult {
  double p50_ms = 0;
  double p99_ms = 0;
  double max_ms = 0;
  int samples = 0;
};

struct ConcurrencyResult {
  int requested = 0;
  int held = 0;
  double open_seconds = 0;
  std::string first_error;
};

// One column of the results table: a server measured with one client.
struct Column {
  std::string name;
  std::optional<StreamResult> stream;
  std::optional<LatencyResult> send;
  std::optional<ConcurrencyResult> streams;
  std::string note;
};

a2a::SendMessageRequest message(const std::string& text) {
  a2a::SendMessageRequest r;
  r.message = a2a::user_text_message(text);
  return r;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

Result<StreamResult> measure_stream(Client& client, const Config& cfg) {
  StreamResult best;
  for (int run = 0; run < cfg.runs; ++run) {
    long count = 0;
    const auto start = Clock::now();
    auto outcome = client.send_streaming_message(message("burst:" + std::to_string(cfg.events)),
                                                 [&](const StreamResponse&) {
                                                   ++count;
                                                   return true;
                                                 });
    const double secs = seconds_since(start);
    if (!outcome.ok()) return std::move(outcome).take_error();
    if (*outcome != a2a::StreamOutcome::kFinal) {
      return Error{ErrorCode::kInternal,
                   "burst stream ended " + std::string(a2a::stream_outcome_name(*outcome))};
    }
    // A server may let a slow reader skip events (resynchronising from the task); then this
    // would not measure delivering all of them.
    if (count < cfg.events) {
      return Error{ErrorCode::kInternal, "only " + std::to_string(count) + " of " +
                                             std::to_string(cfg.events) + " updates delivered"};
    }
    if (count / secs > best.events_per_s) best = {count / secs, count};
  }
  return best;
}

Result<LatencyResult> measure_send(Client& client, const Config& cfg) {
  for (int i = 0; i < std::min(100, cfg.sends); ++i) {
    auto r = client.send_message(message("burst:0"));
    if (!r.ok()) return std::move(r).take_error();
  }
  std::vector<double> ms;
  ms.reserve(static_cast<std::size_t>(cfg.sends));
  for (int i = 0; i < cfg.sends; ++i) {
    const auto start = Clock::now();
    auto r = client.send_message(message("burst:0"));
    ms.push_back(seconds_since(start) * 1000.0);
    if (!r.ok()) return std::move(r).take_error();
  }
  std::sort(ms.begin(), ms.end());
  auto pct = [&](double p) {
    std::size_t i = static_cast<std::size_t>(p / 100.0 * static_cast<double>(ms.size()));
    return ms[std::min(ms.size() - 1, i == 0 ? 0 : i - 1)];
  };
  return LatencyResult{pct(50), pct(99), ms.back(), static_cast<int>(ms.size())};
}

// Opens `streams` streams of held tasks; a stream counts as held once its first item arrived
// while all the others stay open. `release` lets the tasks finish afterwards.
ConcurrencyResult measure_concurrent(Client& client, const Config& cfg) {
  ConcurrencyResult out;
  out.requested = cfg.streams;
  std::vector<std::unique_ptr<a2a::EventStream>> open;
  const auto start = Clock::now();
  for (int i = 0; i < cfg.streams; ++i) {
    auto s = client.open_stream(message("slow: hold " + std::to_string(i)));
    if (!s.ok()) {
      if (out.first_error.empty()) out.first_error = s.error().to_string();
      continue;
    }
    open.push_back(std::move(s).value());
  }
  for (auto& s : open) {
    auto first = s->next();
    if (first.ok() && first->has_value()) {
      ++out.held;
    } else if (out.first_error.empty()) {
      out.first_error =
          first.ok() ? "stream ended before its first item" : first.error().to_string();
    }
  }
  out.open_seconds = seconds_since(start);
  for (auto& s : open) s->close();
  open.clear();
  return out;
}

void measure_all(Client& client, const Config& cfg, Column& col,
                 const std::function<void()>& release) {
  std::cerr << "  stream: " << cfg.runs << " x burst:" << cfg.events << "\n";
  auto stream = measure_stream(client, cfg);
  if (stream.ok()) {
    col.stream = *stream;
  } else {
    col.note += "stream failed: " + stream.error().to_string() + ". ";
  }
  std::cerr << "  send: " << cfg.sends << " x SendMessage\n";
  auto send = measure_send(client, cfg);
  if (send.ok()) {
    col.send = *send;
  } else {
    col.note += "send failed: " + send.error().to_string() + ". ";
  }
  std::cerr << "  streams: " << cfg.streams << " concurrent\n";
  col.streams = measure_concurrent(client, cfg);
  if (release) release();
}

// js_bench_client.mjs against `url`: fills the stream and send rows.
void measure_with_js_client(const std::string& url, const Config& cfg, Column& col) {
  auto run = a2a::testing::run_capture(
      {AGENTHUB_NODE, std::string(AGENTHUB_SOURCE_DIR) + "/tests/interop/a2a/js_bench_client.mjs",
       "--url", url, "--events", std::to_string(cfg.events), "--runs", std::to_string(cfg.runs),
       "--sends", std::to_string(cfg.sends)},
      std::chrono::minutes(20));
  auto json = parse_json(run.out);
  if (run.exit_code != 0 || !json.ok()) {
    col.note += "JS client failed (exit " + std::to_string(run.exit_code) +
                "): " + run.err.substr(0, 300) + ". ";
    return;
  }
  col.stream = StreamResult{json->value("events_per_s", 0.0), json->value("events", 0L)};
  col.send = LatencyResult{json->value("send_p50_ms", 0.0), json->value("send_p99_ms", 0.0), 0,
                           json->value("sends", 0)};
}

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  }
  return "unknown";
}

// The 1/5/15-minute load averages: other work on the machine shows in every number here.
std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

std::string fmt(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string render(const Config& cfg, const std::vector<Column>& cols,
                   const std::string& load_before) {
  std::ostringstream md;
  md << "# A2A streaming benchmark results\n\n"
     << "Produced by `bench/a2a_stream_bench` (see the header of `bench/a2a_stream_bench.cc`).\n"
     << "Loopback only; client and server share the machine, so every number includes both.\n\n"
     << "- date: " << iso8601_now() << "\n"
     << "- machine: " << sysconf(_SC_NPROCESSORS_ONLN) << " CPUs (nproc), " << cpu_model() << "\n"
     << "- load average before / after the run: " << load_before << " / " << load_average() << "\n"
     << "- workload: stream = one SendStreamingMessage of " << cfg.events
     << " bare status updates (best of " << cfg.runs << "); send = " << cfg.sends
     << " sequential SendMessage calls that complete at once; streams = " << cfg.streams
     << " concurrent streams of held tasks\n"
     << "- our server keeps every burst event for the reader (store.max_events = events + 16) "
        "so all of them are delivered; its default window is 256 events, past which a lagging "
        "reader is resynchronised from the task instead\n\n";
  md << "| | ";
  for (const auto& c : cols) md << c.name << " | ";
  md << "\n|---|";
  for (std::size_t i = 0; i < cols.size(); ++i) md << "---|";
  md << "\n| stream events/s | ";
  for (const auto& c : cols) md << (c.stream ? fmt(c.stream->events_per_s, 0) : "-") << " | ";
  md << "\n| SendMessage p50 (ms) | ";
  for (const auto& c : cols) md << (c.send ? fmt(c.send->p50_ms, 3) : "-") << " | ";
  md << "\n| SendMessage p99 (ms) | ";
  for (const auto& c : cols) md << (c.send ? fmt(c.send->p99_ms, 3) : "-") << " | ";
  md << "\n| concurrent streams held | ";
  for (const auto& c : cols) {
    md << (c.streams ? std::to_string(c.streams->held) + "/" + std::to_string(c.streams->requested)
                     : std::string("-"))
       << " | ";
  }
  md << "\n| time to open them all (s) | ";
  for (const auto& c : cols) md << (c.streams ? fmt(c.streams->open_seconds, 2) : "-") << " | ";
  md << "\n\n";
  for (const auto& c : cols) {
    if (!c.note.empty()) md << "- " << c.name << ": " << c.note << "\n";
    if (c.streams && !c.streams->first_error.empty()) {
      md << "- " << c.name << ": first stream error: " << c.streams->first_error << "\n";
    }
  }

  const Column& ours = cols.front();
  md << "\n## Against the targets\n\n";
  auto ratio_line = [&](const Column& other) {
    if (ours.stream && other.stream && other.stream->events_per_s > 0) {
      md << "- event throughput, ours / " << other.name << ": **"
         << fmt(ours.stream->events_per_s / other.stream->events_per_s, 1)
         << "x** (target >= 5x)\n";
    }
  };
  // Only columns with the reference server are the JS SDK's throughput.
  for (std::size_t i = 1; i < cols.size(); ++i) {
    if (cols[i].name.starts_with("@a2a-js/sdk server")) ratio_line(cols[i]);
  }
  if (ours.send) {
    md << "- SendMessage p99 on loopback: **" << fmt(ours.send->p99_ms, 3)
       << " ms** (target < 2 ms): " << (ours.send->p99_ms < 2.0 ? "met" : "MISSED") << "\n";
  }
  if (ours.streams) {
    md << "- concurrent streams held: **" << ours.streams->held << "** (target " << cfg.streams
       << "): " << (ours.streams->held >= cfg.streams ? "met" : "MISSED") << "\n";
  }
  return md.str();
}

std::optional<Config> parse_args(int argc, char** argv) {
  Config cfg;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto next_int = [&](int& out) {
      if (i + 1 >= argc) return false;
      out = std::atoi(argv[++i]);
      return out > 0;
    };
    bool ok = true;
    if (arg == "--events") {
      ok = next_int(cfg.events);
    } else if (arg == "--runs") {
      ok = next_int(cfg.runs);
    } else if (arg == "--sends") {
      ok = next_int(cfg.sends);
    } else if (arg == "--streams") {
      ok = next_int(cfg.streams);
    } else if (arg == "--no-js") {
      cfg.js = false;
    } else if (arg == "--results" && i + 1 < argc) {
      cfg.results_file = argv[++i];
    } else {
      ok = false;
    }
    if (!ok) {
      std::cerr << "usage: a2a_stream_bench [--events N] [--runs R] [--sends M] [--streams K] "
                   "[--no-js] [--results FILE]\n";
      return std::nullopt;
    }
  }
  return cfg;
}

// Each held stream costs descriptors on both ends (and a pipe for the JS peer).
void raise_fd_limit() {
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < lim.rlim_max) {
    lim.rlim_cur = lim.rlim_max;
    setrlimit(RLIMIT_NOFILE, &lim);
  }
}

int run(const Config& cfg) {
  raise_fd_limit();
  const std::string load_before = load_average();
  a2a::ClientOptions client_options;
  client_options.request_timeout = std::chrono::seconds(120);
  client_options.stream_idle_timeout = std::chrono::seconds(120);
  std::vector<Column> cols;

  // Ours: in-process server, our client.
  auto executor = std::make_shared<BenchExecutor>();
  a2a::ServerOptions server_options;
  server_options.max_connections = static_cast<std::size_t>(cfg.streams) + 64;
  // Keep every burst event for the reader, so the stream delivers all of them rather than
  // resynchronising a lagging reader from the task snapshot (the default, bounded window).
  server_options.store.max_events = static_cast<std::size_t>(cfg.events) + 16;
  a2a::Server server(BenchExecutor::card(), executor, server_options);
  if (auto st = server.start(); !st.ok()) {
    std::cerr << "cannot start our server: " << st.error().to_string() << "\n";
    return 1;
  }
  {
    std::cerr << "our server + our client (" << server.base_url() << ")\n";
    Column col{"agenthub (C++ server + C++ client)", {}, {}, {}, {}};
    auto client = Client::connect(server.base_url(), client_options);
    if (!client.ok()) {
      std::cerr << client.error().to_string() << "\n";
      return 1;
    }
    measure_all(**client, cfg, col, [&] { executor->release_all(); });
    cols.push_back(std::move(col));
  }

  if (cfg.js) {
    std::cerr << "@a2a-js/sdk server + our client\n";
    Column col{"@a2a-js/sdk server + C++ client", {}, {}, {}, {}};
    auto agent = a2a::testing::AgentProcess::start(
        {AGENTHUB_NODE, std::string(AGENTHUB_SOURCE_DIR) + "/tests/interop/a2a/js_echo_agent.mjs",
         "--port", "0", "--mode", "v1"});
    if (!agent.ok()) {
      col.note = "could not start the JS agent: " + agent.error().to_string();
      cols.push_back(std::move(col));
    } else {
      auto client = Client::connect((*agent)->url(), client_options);
      if (client.ok()) {
        measure_all(**client, cfg, col, nullptr);
      } else {
        col.note = client.error().to_string();
      }
      cols.push_back(std::move(col));

      std::cerr << "@a2a-js/sdk server + @a2a-js/sdk client\n";
      Column js{"@a2a-js/sdk server + JS client", {}, {}, {}, {}};
      measure_with_js_client((*agent)->url(), cfg, js);
      cols.push_back(std::move(js));
    }
    std::cerr << "our server + @a2a-js/sdk client\n";
    Column mixed{"C++ server + @a2a-js/sdk client", {}, {}, {}, {}};
    measure_with_js_client(server.base_url(), cfg, mixed);
    cols.push_back(std::move(mixed));
  }
  server.stop();

  const std::string md = render(cfg, cols, load_before);
  std::cout << md;
  if (!cfg.results_file.empty()) {
    std::ofstream out(cfg.results_file);
    out << md;
    if (!out) {
      std::cerr << "cannot write " << cfg.results_file << "\n";
      return 1;
    }
  }
  return 0;
}

}  // namespace
}  // namespace agenthub::bench

int main(int argc, char** argv) {
  agenthub::init_logging("a2a_stream_bench");
  // Per-task info logs from the in-process server would be measured along with it.
  if (std::getenv("AGENTHUB_LOG_LEVEL") == nullptr) spdlog::set_level(spdlog::level::warn);
  auto cfg = agenthub::bench::parse_args(argc, argv);
  if (!cfg) return 2;
  return agenthub::bench::run(*cfg);
}
