// hub_load_bench: the hub under load, end to end, on loopback only. It plays a top-level agent:
// starts the real orchestration-mcp over stdio (mcp::StdioClient) with private state, spawns
// --runs concurrent codex runs whose CLI is fake-cli emitting --events command outputs each
// (every --large-every-th one --large-bytes long, over the sanitizer's 16 KiB event target)
// and all starting together once every run is spawned (FAKE_CLI_START_GATE), polls every run with
// poll_events until it ends and checks what arrived (load_run_checker.h), reads one moved output of
// each run back with get_event_artifact, and checks each run's result with get_run. It reports
// events, wall time, events/s and the peak RSS (VmHWM) of orchestration-mcp and of the
// codex-a2a-agent wrapper it started.
//
//   hub_load_bench [--runs 50] [--events 10000] [--large-every 100] [--large-bytes 20480]
//                  [--timeout-s 1800] [--keep] [--verbose]
//
// A benchmark, not a test (no ctest label): it never judges the numbers, but exits 1 when a
// check fails or the runs do not end within --timeout-s. Results: bench/RESULTS.md.

#include <signal.h>
#include <stdlib.h>  // mkdtemp
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "agents/common/environment.h"
#include "bench/load_run_checker.h"
#include "bench/proc_stats.h"
#include "core/json.h"
#include "core/logging.h"
#include "mcp/stdio_client.h"

#ifndef AGENTHUB_SOURCE_DIR
#define AGENTHUB_SOURCE_DIR ""
#endif

namespace agenthub::bench {
namespace {

namespace fsys = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kPageLimit = 1000;            // poll_events' maximum
constexpr int kIdleWaitMs = 1000;           // when a whole sweep found nothing new
constexpr int kArtifactReadLimit = 262144;  // get_event_artifact's maximum
constexpr int kStallTimeoutSeconds = 300;   // a stuck run fails instead of holding the bench
// The last line codex_simple.jsonl's agent says: the final response of every run.
constexpr const char* kFinalResponse = "Hello! What should we work on?";

struct Config {
  long runs = 50;
  long events = 10000;
  long large_every = 100;
  long large_bytes = 20 * 1024;
  long timeout_s = 1800;
  bool keep = false;
  bool verbose = false;
};

const char* const kUsage =
    "usage: hub_load_bench [--runs N] [--events N] [--large-every K] [--large-bytes N]\n"
    "                      [--timeout-s N] [--keep] [--verbose]\n"
    "  Starts orchestration-mcp (next to this binary) with fake-cli as the Codex CLI, runs N\n"
    "  concurrent codex runs of --events command outputs each (every K-th --large-bytes long),\n"
    "  polls them all to the end and checks every event. Defaults: 50 runs, 10000 events,\n"
    "  every 100th large, 20480 bytes, 1800 s. --keep leaves the temporary directory;\n"
    "  --verbose shows the hub's and the wrapper's logs.\n";

std::optional<Config> parse_flags(int argc, char** argv) {
  Config c;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto number = [&](long& out, long min, long max) {
      if (i + 1 >= argc) return false;
      char* end = nullptr;
      const long v = std::strtol(argv[++i], &end, 10);
      if (*end != '\0' || v < min || v > max) return false;
      out = v;
      return true;
    };
    bool ok = true;
    if (arg == "--runs") {
      ok = number(c.runs, 1, 1024);  // orchestration-mcp's --max-concurrent-runs range
    } else if (arg == "--events") {
      ok = number(c.events, 0, 100000000);
    } else if (arg == "--large-every") {
      ok = number(c.large_every, 0, 100000000);
    } else if (arg == "--large-bytes") {
      ok = number(c.large_bytes, 1, 64L * 1024 * 1024);
    } else if (arg == "--timeout-s") {
      ok = number(c.timeout_s, 1, 86400);
    } else if (arg == "--keep") {
      c.keep = true;
    } else if (arg == "--verbose") {
      c.verbose = true;
    } else if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      std::exit(0);
    } else {
      ok = false;
    }
    if (!ok) {
      std::cerr << "hub_load_bench: bad or unknown argument " << arg << "\n" << kUsage;
      return std::nullopt;
    }
  }
  return c;
}

// A private temporary directory, removed at the end unless kept.
class Workspace {
 public:
  explicit Workspace(bool keep) : keep_(keep) {
    std::string pattern = (fsys::temp_directory_path() / "hub-load-bench-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    root_ = pattern;
    for (const char* dir : {"project", "state", "home", "xdg-state"}) {
      fsys::create_directories(root_ / dir);
    }
  }
  ~Workspace() {
    std::error_code ec;
    if (keep_) {
      std::cout << "kept " << root_.string() << "\n";
    } else {
      fsys::remove_all(root_, ec);
    }
  }
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;
  [[nodiscard]] fsys::path operator/(const char* sub) const { return root_ / sub; }

 private:
  fsys::path root_;
  bool keep_;
};

// The hub's stderr (its log and its wrappers'): echoed with --verbose, its tail kept for errors.
class LogTail {
 public:
  explicit LogTail(bool echo) : echo_(echo) {}
  void add(std::string_view line) {
    std::lock_guard lock(mu_);
    if (echo_) std::cerr << line << "\n";
    lines_.emplace_back(line);
    if (lines_.size() > 40) lines_.pop_front();
  }
  void print() {
    std::lock_guard lock(mu_);
    std::cerr << "last lines of the hub's stderr:\n";
    for (const auto& line : lines_) std::cerr << "  " << line << "\n";
  }

 private:
  std::mutex mu_;
  const bool echo_;
  std::deque<std::string> lines_;
};

// Leaves nothing running, whatever way the bench ends: opens the start gate (so waiting CLIs
// finish), then stops the wrapper if it outlives the hub (a hub may leave its wrappers running
// for a later hub). Destroy it after the hub's client. The wrapper is ours: its argv names our
// private state directory.
class Cleanup {
 public:
  Cleanup(fsys::path gate, std::string wrapper_argument)
      : gate_(std::move(gate)), wrapper_argument_(std::move(wrapper_argument)) {}
  ~Cleanup() {
    std::error_code ec;
    if (!fsys::exists(gate_, ec)) std::ofstream(gate_).put('\n');
    const auto gone_by = Clock::now() + std::chrono::seconds(10);
    std::optional<pid_t> wrapper;
    while ((wrapper = find_process_with_argument(wrapper_argument_)) && Clock::now() < gone_by) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    if (wrapper) {
      std::cerr << "the wrapper outlived the hub by 10 s; stopping it\n";
      ::kill(*wrapper, SIGTERM);
    }
  }
  Cleanup(const Cleanup&) = delete;
  Cleanup& operator=(const Cleanup&) = delete;

 private:
  const fsys::path gate_;
  const std::string wrapper_argument_;
};

struct RunProgress {
  std::string run_id;
  long long after_seq = 0;
  std::string status = "queued";
  bool done = false;
  LoadRunChecker checker;
};

bool is_terminal(const std::string& status) {
  return status == "completed" || status == "failed" || status == "cancelled" ||
         status == "rejected";
}

struct DiskUse {
  std::uintmax_t bytes = 0;
  long files = 0;
  long artifacts = 0;  // moved fields
};

DiskUse disk_use(const fsys::path& dir) {
  DiskUse use;
  std::error_code ec;
  for (auto it = fsys::recursive_directory_iterator(dir, ec);
       it != fsys::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    use.bytes += it->file_size(ec);
    ++use.files;
    // artifacts/<seq>-<type>/ holds a manifest.json and one file per moved field.
    if (it->path().string().find("/artifacts/") != std::string::npos &&
        it->path().filename() != "manifest.json") {
      ++use.artifacts;
    }
  }
  return use;
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

std::string seconds_text(std::optional<double> seconds) {
  if (!seconds) return "n/a";
  char text[64];
  std::snprintf(text, sizeof text, "%.2f s", *seconds);
  return text;
}

std::string kib_text(std::optional<long> kib) {
  if (!kib) return "n/a";
  char text[64];
  std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(*kib) / 1024.0);
  return text;
}

Json optional_json(const auto& value) { return value ? Json(*value) : Json(nullptr); }

// A tool call that must succeed; the structuredContent, or nullopt after printing why not.
std::optional<Json> call(mcp::StdioClient& client, const std::string& tool, Json args) {
  auto result = client.call_tool(tool, std::move(args));
  if (!result.ok()) {
    std::cerr << tool << ": " << result.error().message << "\n";
    return std::nullopt;
  }
  if (result->value("isError", false)) {
    std::cerr << tool << ": " << dump_json(*result) << "\n";
    return std::nullopt;
  }
  return (*result)["structuredContent"];
}

int run_bench(const Config& cfg) {
  const fsys::path bin = fsys::read_symlink("/proc/self/exe").parent_path();
  const fsys::path hub_bin = bin / "orchestration-mcp";
  const fsys::path wrapper_bin = bin / "codex-a2a-agent";
  const fsys::path fake_cli = bin / "fake-cli";
  const fsys::path transcript =
      fsys::path(AGENTHUB_SOURCE_DIR) / "tests/fakes/fake_cli/samples/codex_simple.jsonl";
  for (const fsys::path& needed : {hub_bin, wrapper_bin, fake_cli, transcript}) {
    if (!fsys::exists(needed)) {
      std::cerr << "hub_load_bench: missing " << needed << " (build orchestration-mcp, "
                << "codex-a2a-agent and fake-cli)\n";
      return 2;
    }
  }

  Workspace work(cfg.keep);
  const fsys::path project = work / "project";
  const fsys::path state = work / "state";
  // Every CLI waits for this file, created once all runs are spawned: spawn_run calls come one
  // at a time, and without the gate the first runs would be done before the last began.
  const fsys::path gate = work / "start-gate";
  // The hub passes its environment to the wrapper and the wrapper to the CLI: fake-cli's
  // instructions travel that way, and HOME / XDG_STATE_HOME keep every default path private.
  agents::EnvList env = agents::inherited_env(
      {"FAKE_CLI_*", "CODEX_BIN", "AGENTHUB_CODEX_AGENT_BIN", "HOME", "XDG_STATE_HOME"},
      {"HOME=" + (work / "home").string(), "XDG_STATE_HOME=" + (work / "xdg-state").string(),
       "CODEX_BIN=" + fake_cli.string(), "FAKE_CLI_REPLAY=" + transcript.string(),
       "FAKE_CLI_EVENTS=" + std::to_string(cfg.events),
       "FAKE_CLI_LARGE_EVERY=" + std::to_string(cfg.large_every),
       "FAKE_CLI_LARGE_BYTES=" + std::to_string(cfg.large_bytes),
       "FAKE_CLI_START_GATE=" + gate.string(),
       std::string("AGENTHUB_LOG_LEVEL=") + (cfg.verbose ? "info" : "warn")});
  const std::string runs_text = std::to_string(cfg.runs);
  std::vector<std::string> argv = {hub_bin.string(),
                                   "--state-dir",
                                   state.string(),
                                   "--codex-agent-bin",
                                   wrapper_bin.string(),
                                   "--max-concurrent-runs",
                                   runs_text,
                                   "--wrapper-max-tasks",
                                   runs_text,
                                   "--stall-timeout-s",
                                   std::to_string(kStallTimeoutSeconds),
                                   "--log-level",
                                   cfg.verbose ? "info" : "warn"};
  std::cout << "hub_load_bench: " << cfg.runs << " runs x " << cfg.events << " events, every "
            << cfg.large_every << "th " << cfg.large_bytes << " bytes; load average "
            << load_average() << "\n";

  const std::string wrapper_state = (state / "codex-a2a-agent").string();  // in its argv
  Cleanup cleanup(gate, wrapper_state);
  LogTail log(cfg.verbose);
  auto started = mcp::StdioClient::start(argv, env, [&log](std::string_view l) { log.add(l); });
  if (!started.ok()) {
    std::cerr << "orchestration-mcp: " << started.error().message << "\n";
    return 1;
  }
  std::unique_ptr<mcp::StdioClient> client = std::move(started).value();
  const pid_t hub_pid = client->pid();

  LoadShape shape;
  shape.events = cfg.events;
  shape.large_every = cfg.large_every;
  shape.large_bytes = static_cast<std::size_t>(cfg.large_bytes);

  const auto t0 = Clock::now();
  const auto deadline = t0 + std::chrono::seconds(cfg.timeout_s);
  std::vector<RunProgress> runs;
  runs.reserve(static_cast<std::size_t>(cfg.runs));
  for (long i = 0; i < cfg.runs; ++i) {
    auto spawned = call(*client, "spawn_run",
                        {{"backend", "codex"},
                         {"role", "worker"},
                         {"cwd", project.string()},
                         {"session_mode", "new"},
                         {"prompt", "load run " + std::to_string(i)}});
    if (!spawned) {
      log.print();
      return 1;
    }
    runs.push_back(RunProgress{json_string(*spawned, "run_id"), 0,
                               json_string(*spawned, "status", "queued"), false,
                               LoadRunChecker(shape)});
  }
  const auto t_spawned = Clock::now();
  if (!std::ofstream(gate).put('\n')) {
    std::cerr << "hub_load_bench: cannot create " << gate << "\n";
    return 1;
  }

  // One request at a time, like an agent calling tools: sweep every unfinished run without
  // waiting; after a sweep that found nothing, wait on one run for its next event.
  std::size_t finished = 0;
  long long polls = 0;
  // Reads the run's next page; nullopt when the call failed, else whether events came.
  auto poll = [&](RunProgress& run, int wait_ms) -> std::optional<bool> {
    ++polls;
    auto page = call(*client, "poll_events",
                     {{"run_id", run.run_id},
                      {"after_seq", run.after_seq},
                      {"limit", kPageLimit},
                      {"wait_ms", wait_ms}});
    if (!page) return std::nullopt;
    const Json& events = (*page)["events"];
    for (const Json& event : events) run.checker.add(event);
    run.after_seq = page->value("next_after_seq", run.after_seq);
    run.status = json_string(*page, "status");
    if (is_terminal(run.status) && events.empty()) {
      run.done = true;
      ++finished;
    }
    return !events.empty();
  };
  while (finished < runs.size()) {
    if (Clock::now() > deadline) {
      std::cerr << "hub_load_bench: " << runs.size() - finished << " runs still unfinished after "
                << cfg.timeout_s << " s\n";
      log.print();
      return 1;
    }
    bool progressed = false;
    for (RunProgress& run : runs) {
      if (run.done) continue;
      auto got = poll(run, 0);
      if (!got) {
        log.print();
        return 1;
      }
      progressed = progressed || *got;
    }
    if (progressed) continue;
    // Nothing new anywhere: block on the first unfinished run until its next event.
    for (RunProgress& run : runs) {
      if (run.done) continue;
      if (!poll(run, kIdleWaitMs)) {
        log.print();
        return 1;
      }
      break;
    }
  }
  const auto t_done = Clock::now();

  // Peak memory now, while both processes still run (VmHWM is their high-water mark).
  const std::optional<pid_t> wrapper_pid = find_process_with_argument(wrapper_state);
  const auto hub_hwm = proc_status_kib(hub_pid, "VmHWM");
  const auto hub_rss = proc_status_kib(hub_pid, "VmRSS");
  const auto hub_cpu = proc_cpu_seconds(hub_pid);
  std::optional<long> wrapper_hwm;
  std::optional<double> wrapper_cpu;
  if (wrapper_pid) {
    wrapper_hwm = proc_status_kib(*wrapper_pid, "VmHWM");
    wrapper_cpu = proc_cpu_seconds(*wrapper_pid);
  }

  // The checks that need more calls: results, and one moved output per run read back whole.
  long failed_runs = 0;
  long long total_events = 0;
  std::size_t total_bytes = 0;
  std::size_t largest_event = 0;
  long moved_events = 0;
  long long load_events = 0;
  std::vector<std::pair<long long, long long>> working;  // each run's running..terminal, in ms
  for (RunProgress& run : runs) {
    if (run.checker.running_since_ms() && run.checker.ended_ms()) {
      working.emplace_back(*run.checker.running_since_ms(), *run.checker.ended_ms());
    }
    std::vector<std::string> problems = run.checker.finish(run.status);
    if (auto got = call(*client, "get_run", {{"run_id", run.run_id}}); !got) {
      problems.emplace_back("get_run failed");
    } else if (json_string((*got)["result"], "final_response") != kFinalResponse) {
      problems.push_back("final_response " + dump_json((*got)["result"]));
    }
    if (const auto& probe = run.checker.first_large()) {
      auto artifact = call(*client, "get_event_artifact",
                           {{"run_id", run.run_id},
                            {"seq", probe->seq},
                            {"field_path", "/aggregated_output"},
                            {"limit", kArtifactReadLimit}});
      if (!artifact) {
        problems.push_back("get_event_artifact of seq " + std::to_string(probe->seq) + " failed");
      } else if (artifact->value("total_bytes", 0L) != cfg.large_bytes ||
                 !json_string(*artifact, "content").starts_with(probe->preview)) {
        problems.push_back("the artifact of seq " + std::to_string(probe->seq) +
                           " is not the full output (" +
                           std::to_string(artifact->value("total_bytes", 0L)) + " bytes)");
      }
    } else if (cfg.large_every > 0 && cfg.large_every <= cfg.events) {
      problems.emplace_back("no large output to read back");
    }
    for (const auto& problem : problems) std::cerr << run.run_id << ": " << problem << "\n";
    failed_runs += problems.empty() ? 0 : 1;
    total_events += run.checker.events();
    total_bytes += run.checker.bytes();
    largest_event = std::max(largest_event, run.checker.largest_event_bytes());
    moved_events += run.checker.moved_outputs();
    load_events += run.checker.load_events();
  }
  const DiskUse disk = disk_use(project / ".nanobot-orchestrator");
  // How many runs really worked at once, by the hub's own event times.
  const std::size_t peak_running = max_overlap(working);

  client.reset();  // the hub exits on EOF; `cleanup` sees to the wrapper

  // From the gate opening (every CLI starts emitting) to the last run's end, as polled.
  const double wall = std::chrono::duration<double>(t_done - t_spawned).count();
  const double spawn_s = std::chrono::duration<double>(t_spawned - t0).count();
  const double rate = wall > 0 ? static_cast<double>(total_events) / wall : 0;
  char line[256];
  std::cout << "runs: " << runs.size() << " (" << runs.size() - failed_runs
            << " passed every check), at most " << peak_running
            << " running at once (by event ts)\n";
  std::snprintf(line, sizeof line,
                "events: %lld (%.1f MB of event JSON, largest %zu bytes, %ld "
                "with moved fields)\n",
                total_events, static_cast<double>(total_bytes) / 1e6, largest_event, moved_events);
  std::cout << line;
  const long long load_expected = static_cast<long long>(runs.size()) * cfg.events;
  std::cout << "fake-cli outputs arrived: " << load_events << " of " << load_expected << " ("
            << load_expected - load_events << " missing)\n";
  std::snprintf(
      line, sizeof line,
      "wall: %.2f s from the start gate to the last run polled to its end (%.0f events/s); "
      "spawning took %.2f s before; %lld polls\n",
      wall, rate, spawn_s, polls);
  std::cout << line;
  std::cout << "orchestration-mcp: peak RSS " << kib_text(hub_hwm) << ", RSS at the end "
            << kib_text(hub_rss) << ", CPU " << seconds_text(hub_cpu) << "\n";
  std::cout << "codex-a2a-agent: "
            << (wrapper_pid
                    ? "peak RSS " + kib_text(wrapper_hwm) + ", CPU " + seconds_text(wrapper_cpu)
                    : std::string("not found"))
            << "\n";
  std::snprintf(line, sizeof line, "on disk: %.1f MB in %ld files, %ld moved fields in artifacts\n",
                static_cast<double>(disk.bytes) / 1e6, disk.files, disk.artifacts);
  std::cout << line << "load average after: " << load_average() << "\n";
  const Json summary = {{"runs", runs.size()},
                        {"runs_failed", failed_runs},
                        {"events_per_run", cfg.events},
                        {"large_every", cfg.large_every},
                        {"large_bytes", cfg.large_bytes},
                        {"total_events", total_events},
                        {"load_events_expected", load_expected},
                        {"load_events_arrived", load_events},
                        {"wall_s", wall},
                        {"spawn_s", spawn_s},
                        {"events_per_s", rate},
                        {"peak_running", peak_running},
                        {"hub_vm_hwm_kib", optional_json(hub_hwm)},
                        {"hub_cpu_s", optional_json(hub_cpu)},
                        {"wrapper_vm_hwm_kib", optional_json(wrapper_hwm)},
                        {"wrapper_cpu_s", optional_json(wrapper_cpu)},
                        {"disk_bytes", disk.bytes},
                        {"artifacts", disk.artifacts}};
  std::cout << dump_json(summary) << "\n";
  if (failed_runs > 0) {
    std::cerr << "hub_load_bench: " << failed_runs << " runs failed a check\n";
    return 1;
  }
  return 0;
}

}  // namespace
}  // namespace agenthub::bench

int main(int argc, char** argv) {
  auto cfg = agenthub::bench::parse_flags(argc, argv);
  if (!cfg) return 2;
  agenthub::init_logging("hub_load_bench");
  try {
    return agenthub::bench::run_bench(*cfg);
  } catch (const std::exception& e) {
    std::cerr << "hub_load_bench: " << e.what() << "\n";
    return 1;
  }
}
