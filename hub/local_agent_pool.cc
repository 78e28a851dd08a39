#include "hub/local_agent_pool.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <condition_variable>
#include <cstdlib>
#include <optional>
#include <thread>

#include "agents/common/environment.h"
#include "agents/common/jsonl_reader.h"
#include "agents/common/process.h"

namespace agenthub::hub {
namespace {

namespace fsys = std::filesystem;

std::string_view wrapper_name(Backend backend) {
  return backend == Backend::kCodex ? "codex-a2a-agent" : "claude-a2a-agent";
}

const char* wrapper_env(Backend backend) {
  return backend == Backend::kCodex ? "AGENTHUB_CODEX_AGENT_BIN" : "AGENTHUB_CLAUDE_AGENT_BIN";
}

std::string search_path() {
  const char* path = std::getenv("PATH");
  return path != nullptr ? path : "";
}

fsys::path own_directory() {
  std::error_code ec;
  fsys::path self = fsys::read_symlink("/proc/self/exe", ec);
  return ec ? fsys::path() : self.parent_path();
}

}  // namespace

// A running wrapper: its process, the reader thread that drains its stdout, and what its ready
// line said.
struct LocalAgentPool::Wrapper {
  std::unique_ptr<agents::Process> process;
  std::jthread stdout_reader;
  std::mutex mu;
  std::condition_variable cv;
  std::optional<Json> ready;  // the ready line, once read
  bool stdout_closed = false;
  AgentEndpoint endpoint;
  const WrapperRegistry* registry = nullptr;  // where it is recorded, if anywhere
  bool detached = false;

  ~Wrapper() {
    if (detached) {
      process->detach();
    } else if (process) {
      if (registry != nullptr) registry->remove(process->pid());
      process->terminate(std::chrono::milliseconds(10000));
      process->stop_reading();
    }
    // Before the members the reader uses go away.
    if (stdout_reader.joinable()) stdout_reader.join();
  }

  bool alive() const { return process && !process->exit_status().has_value(); }
};

LocalAgentPool::LocalAgentPool(LocalAgentOptions options)
    : options_(std::move(options)),
      registry_(options_.registry_dir.empty()
                    ? std::nullopt
                    : std::optional<WrapperRegistry>(WrapperRegistry(options_.registry_dir))) {}

void LocalAgentPool::detach_all() {
  std::lock_guard lock(mu_);
  for (auto& [backend, wrapper] : wrappers_) {
    if (wrapper->registry != nullptr && wrapper->alive()) {
      wrapper->detached = true;
      spdlog::info("leaving {} (pid {}) running for the runs still on it",
                   wrapper_name(backend), wrapper->process->pid());
    }
  }
}

std::optional<AgentEndpoint> LocalAgentPool::registered(const std::string& agent_url) const {
  if (!registry_) return std::nullopt;
  auto entry = registry_->find_by_url(agent_url);
  if (!entry) return std::nullopt;
  AgentEndpoint endpoint;
  endpoint.url = entry->agent_url;
  endpoint.options.bearer_token = entry->token;
  endpoint.local = true;
  return endpoint;
}

LocalAgentPool::~LocalAgentPool() {
  std::lock_guard lock(mu_);
  wrappers_.clear();
}

Result<fsys::path> LocalAgentPool::executable(Backend backend) const {
  const fsys::path& configured =
      backend == Backend::kCodex ? options_.codex_agent_bin : options_.claude_agent_bin;
  if (!configured.empty()) return agents::find_executable(configured.string(), search_path());
  if (const char* env = std::getenv(wrapper_env(backend)); env != nullptr && *env != '\0') {
    return agents::find_executable(env, search_path());
  }
  fsys::path beside = own_directory() / wrapper_name(backend);
  if (::access(beside.c_str(), X_OK) == 0) return beside;
  auto on_path = agents::find_executable(wrapper_name(backend), search_path());
  if (on_path.ok()) return on_path;
  return Error{ErrorCode::kNotFound,
               std::string(wrapper_name(backend)) + " not found next to the hub or on PATH; set " +
                   wrapper_env(backend) + " or pass --" +
                   (backend == Backend::kCodex ? "codex" : "claude") + "-agent-bin"};
}

Result<std::unique_ptr<LocalAgentPool::Wrapper>> LocalAgentPool::start(Backend backend) {
  auto program = executable(backend);
  if (!program.ok()) return program.error();

  agents::SpawnOptions spawn;
  spawn.argv = {program->string(), "--host", "127.0.0.1", "--port", "0"};
  const auto& extra =
      backend == Backend::kCodex ? options_.codex_agent_args : options_.claude_agent_args;
  spawn.argv.insert(spawn.argv.end(), extra.begin(), extra.end());
  if (registry_) {
    spawn.argv.push_back("--idle-exit-after");
    spawn.argv.push_back(std::to_string(options_.idle_exit_after.count()));
  }
  // The wrapper makes its own token and reports it on the ready line; a token inherited from
  // our environment must not leak into it.
  spawn.env = agents::inherited_env({"AGENTHUB_AGENT_TOKEN"}, {});
  const std::string name(wrapper_name(backend));
  spawn.on_stderr_line = [name](std::string_view line) { spdlog::info("[{}] {}", name, line); };
  auto process = agents::Process::spawn(std::move(spawn));
  if (!process.ok()) return process.error();

  auto wrapper = std::make_unique<Wrapper>();
  wrapper->process = std::move(process).value();
  Wrapper* w = wrapper.get();
  wrapper->stdout_reader = std::jthread([w] {
    agents::JsonlReader reader(w->process->stdout_source());
    while (auto item = reader.next()) {
      if (item->kind != agents::JsonlItem::Kind::kObject) continue;
      std::lock_guard lock(w->mu);
      if (!w->ready) {
        w->ready = std::move(item->value);
        w->cv.notify_all();
      }
    }
    std::lock_guard lock(w->mu);
    w->stdout_closed = true;
    w->cv.notify_all();
  });

  std::unique_lock lock(w->mu);
  const bool got = w->cv.wait_for(lock, options_.startup_timeout,
                                  [w] { return w->ready.has_value() || w->stdout_closed; });
  if (!got || !w->ready) {
    lock.unlock();
    std::string why = got ? "exited before it was ready" : "did not report ready in time";
    wrapper.reset();  // terminates and reaps it
    return Error{ErrorCode::kUnavailable, name + " " + why + " (see its log lines above)"};
  }
  const Json& ready = *w->ready;
  std::string url = json_string(ready, "agent_url");
  if (url.empty()) {
    lock.unlock();
    wrapper.reset();
    return Error{ErrorCode::kUnavailable, name + " printed a ready line without agent_url"};
  }
  w->endpoint.url = std::move(url);
  w->endpoint.options.bearer_token = json_string(ready, "token");
  w->endpoint.local = true;
  spdlog::info("started {} at {} (pid {})", name, w->endpoint.url, w->process->pid());
  lock.unlock();
  if (registry_) {
    WrapperEntry entry{backend, w->endpoint.url, w->endpoint.options.bearer_token,
                       w->process->pid(), process_start_time(w->process->pid()).value_or(0)};
    if (Status put = registry_->put(entry); put.ok()) {
      w->registry = &*registry_;
    } else {
      spdlog::warn("cannot record {} in {}: {} (runs on it cannot outlive this hub)", name,
                   registry_->dir().string(), put.error().message);
    }
  }
  return wrapper;
}

Result<AgentEndpoint> LocalAgentPool::endpoint(Backend backend) {
  if (backend != Backend::kCodex && backend != Backend::kClaudeCode) {
    return Error{ErrorCode::kInvalidArgument, "no local wrapper for this backend"};
  }
  std::lock_guard lock(mu_);
  auto it = wrappers_.find(backend);
  if (it != wrappers_.end() && it->second->alive()) return it->second->endpoint;
  if (it != wrappers_.end()) {
    spdlog::warn("{} exited ({}); starting it again", wrapper_name(backend),
                 it->second->process->exit_status()->to_string());
    wrappers_.erase(it);
  }
  auto started = start(backend);
  if (!started.ok()) return started.error();
  AgentEndpoint endpoint = (*started)->endpoint;
  wrappers_[backend] = std::move(started).value();
  return endpoint;
}

}  // namespace agenthub::hub
