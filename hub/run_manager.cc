#include "hub/run_manager.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "agents/common/run_event_wire.h"
#include "core/clock.h"
#include "core/fs.h"
#include "core/ids.h"
#include "hub/artifact_store.h"
#include "hub/event_file_reader.h"
#include "hub/run_turn.h"
#include "hub/storage_layout.h"

namespace agenthub::hub {
namespace {

namespace fsys = std::filesystem;

constexpr std::int64_t kMaxPollLimit = 1000;
constexpr std::int64_t kMaxWaitMs = 30000;
constexpr std::int64_t kMaxArtifactLimit = 262144;

Error not_found(const std::string& run_id) {
  return {ErrorCode::kNotFound,
          "run_id " + run_id + " not found (list_runs shows the runs this hub knows)"};
}

Json status_answer(const RunRecord& record) {
  return {{"run_id", record.run_id}, {"status", run_status_name(record.status)}};
}

AgentEndpoint remote_endpoint(const RemoteConfig& remote) {
  AgentEndpoint endpoint;
  endpoint.url = remote.agent_url;
  endpoint.options.bearer_token = remote.auth_token;
  endpoint.options.headers = remote.headers;
  if (!remote.agent_card_path.empty()) endpoint.options.agent_card_path = remote.agent_card_path;
  if (remote.blocking) endpoint.options.request_timeout = std::chrono::hours(1);
  return endpoint;
}

// The first message of a run: the user's parts plus what the agent needs to know about the
// run (cwd, persona, output schema) in metadata.
a2a::SendMessageRequest first_request(const SpawnPlan& plan, const std::string& run_id,
                                      const std::string& context_id) {
  a2a::SendMessageRequest request;
  request.message = plan.message;
  request.message.context_id = context_id;
  Json& metadata = request.message.metadata;
  if (!metadata.is_object()) metadata = Json::object();
  metadata[agents::kMetaCwd] = plan.cwd.string();
  if (!plan.output_schema.is_null()) metadata[agents::kMetaOutputSchema] = plan.output_schema;
  if (plan.profile) {
    if (plan.backend == Backend::kRemoteA2a) {
      // A generic agent has no system prompt we can set: the persona leads the message.
      if (!plan.resume) {
        request.message.parts.insert(request.message.parts.begin(),
                                     a2a::Part::text_part(plan.profile->text));
      }
    } else {
      metadata[agents::kMetaProfile] = plan.profile->text;
    }
  }
  if (plan.remote) {
    request.configuration.accepted_output_modes = plan.remote->accepted_output_modes;
    request.configuration.history_length = plan.remote->history_length;
  }
  request.metadata = {{"agenthub.run_id", run_id}, {"agenthub.role", role_name(plan.role)}};
  return request;
}

Json run_started_data(const SpawnPlan& plan, const std::string& session_id) {
  Json data = {{"backend", backend_name(plan.backend)},
               {"role", role_name(plan.role)},
               {"cwd", plan.cwd.string()},
               {"session_id", session_id},
               {"session_mode", plan.resume ? "resume" : "new"},
               {"prompt", plan.prompt}};
  if (plan.profile) data["profile"] = plan.profile->path.string();
  if (!plan.output_schema.is_null()) data["output_schema"] = plan.output_schema;
  if (plan.remote) data["agent_url"] = plan.remote->agent_url;
  if (plan.timeout_s) data["timeout_s"] = *plan.timeout_s;
  return data;
}

// What a lease keeps of a remote run's endpoint, secrets included (0600, never in run.json).
Json encode_endpoint(const AgentEndpoint& endpoint, bool blocking) {
  Json headers = Json::array();
  for (const auto& [name, value] : endpoint.options.headers) headers.push_back({name, value});
  return {{"url", endpoint.url},
          {"bearer_token", endpoint.options.bearer_token},
          {"headers", std::move(headers)},
          {"agent_card_path", endpoint.options.agent_card_path},
          {"blocking", blocking}};
}

std::optional<AgentEndpoint> decode_endpoint(const Json& json) {
  if (!json.is_object() || json_string(json, "url").empty()) return std::nullopt;
  AgentEndpoint endpoint;
  endpoint.url = json_string(json, "url");
  endpoint.options.bearer_token = json_string(json, "bearer_token");
  if (const auto it = json.find("headers"); it != json.end() && it->is_array()) {
    for (const Json& pair : *it) {
      if (pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_string()) {
        endpoint.options.headers.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
      }
    }
  }
  if (std::string path = json_string(json, "agent_card_path"); !path.empty()) {
    endpoint.options.agent_card_path = std::move(path);
  }
  if (json.value("blocking", false)) endpoint.options.request_timeout = std::chrono::hours(1);
  return endpoint;
}

// The A2A state a stored run status stands for, for a run taken over mid-way.
a2a::TaskState task_state_of(RunStatus status) {
  switch (status) {
    case RunStatus::kInputRequired:
      return a2a::TaskState::kInputRequired;
    case RunStatus::kAuthRequired:
      return a2a::TaskState::kAuthRequired;
    case RunStatus::kRunning:
      return a2a::TaskState::kWorking;
    case RunStatus::kQueued:
      return a2a::TaskState::kSubmitted;
    default:
      return a2a::TaskState::kUnknown;
  }
}

Json encode_events(const std::vector<RunEvent>& events) {
  Json out = Json::array();
  for (const auto& event : events) out.push_back(encode(event));
  return out;
}

}  // namespace

Result<std::unique_ptr<RunManager>> RunManager::create(RunManagerOptions options) {
  fsys::path index_dir = options.run_index_dir;
  if (index_dir.empty()) {
    auto dir = RunIndex::default_dir();
    if (!dir.ok()) return dir.error();
    index_dir = std::move(dir).value();
  }
  RunStore store{RunIndex(index_dir)};
  // The hub's own state lives next to the run index.
  fsys::path state_dir = index_dir.lexically_normal().parent_path();
  if (options.local_agents.registry_dir.empty()) {
    options.local_agents.registry_dir = state_dir / "wrapper-registry";
  }
  return std::unique_ptr<RunManager>(
      new RunManager(std::move(options), std::move(store), std::move(state_dir)));
}

RunManager::RunManager(RunManagerOptions options, RunStore store, fsys::path state_dir)
    : options_(std::move(options)),
      agents_(options_.local_agents),
      store_(std::move(store)),
      lease_dir_(state_dir / "run-leases") {
  dispatcher_ = std::jthread([this](std::stop_token stop) { dispatch(stop); });
  watchdog_ = std::jthread([this](std::stop_token stop) { watch(stop); });
  // Off the caller's thread: starting stays fast however many runs were left behind.
  recovery_ = std::jthread([this](std::stop_token stop) { recover_orphans(stop); });
}

RunManager::~RunManager() {
  recovery_.request_stop();
  if (recovery_.joinable()) recovery_.join();
  watchdog_.request_stop();
  if (watchdog_.joinable()) watchdog_.join();
  dispatcher_.request_stop();
  changed_.notify_all();
  if (dispatcher_.joinable()) dispatcher_.join();
  std::map<std::string, std::shared_ptr<LiveRun>> runs;
  {
    std::lock_guard lock(mu_);
    runs.swap(runs_);
    pending_.clear();
  }
  for (auto& [id, live] : runs) interrupt_turn(*live);
  for (auto& [id, live] : runs) {
    if (live->worker.joinable()) live->worker.join();
  }
  bool left_on_agents = false;
  for (auto& [id, live] : runs) {
    const RunStatus status = live->run->status();
    if (is_terminal(status)) continue;
    bool on_agent = false;
    {
      std::lock_guard lock(live->mu);
      on_agent = !live->mapper.task_id().empty();
    }
    if (!on_agent) {
      live->run->finish(RunStatus::kFailed, std::nullopt,
                        "orphaned: the hub process stopped before the run reached its agent");
      continue;
    }
    // Its lease is given up with the Run: the next hub reattaches it.
    left_on_agents = true;
    spdlog::info("run_id={} is {} on its agent; the next hub will reattach it", id,
                 run_status_name(status));
  }
  if (left_on_agents) agents_.detach_all();
  std::lock_guard lock(mu_);
  cancellers_.clear();  // joins them
}

// ---- taking over runs of hubs that are gone ----------------------------------------------

void RunManager::recover_orphans(std::stop_token stop) {
  for (const std::string& run_id : RunLease::list(lease_dir_)) {
    if (stop.stop_requested()) return;
    (void)find_or_take_over(run_id);
  }
  recover_unleased(stop);
}

// Runs stored before leases existed (older versions, the TypeScript tool) have none: those
// left unfinished are taken over once per state directory, then never looked for again (every
// run since has its lease from birth).
void RunManager::recover_unleased(std::stop_token stop) {
  const fsys::path marker = lease_dir_ / ".unleased-runs-checked";
  if (fsys::exists(marker)) return;
  auto runs = store_.list_all_runs();
  if (!runs.ok()) {
    spdlog::warn("cannot look for unfinished runs without a lease: {}", runs.error().message);
    return;
  }
  for (const RunRecord& record : *runs) {
    if (stop.stop_requested()) return;
    if (is_terminal(record.status) || find_live(record.run_id)) continue;
    std::lock_guard lock(recover_mu_);
    if (auto lease = RunLease::claim_unleased(lease_dir_, record.run_id)) {
      recover(std::move(*lease));
    }
  }
  if (Status written = write_file_atomic(marker, ""); !written.ok()) {
    spdlog::warn("cannot record that unleased runs were checked: {}", written.error().message);
  }
}

std::shared_ptr<LiveRun> RunManager::find_or_take_over(const std::string& run_id) {
  if (auto live = find_live(run_id)) return live;
  if (!validate_storage_id("run_id", run_id).ok()) return nullptr;
  std::lock_guard lock(recover_mu_);
  if (auto live = find_live(run_id)) return live;  // taken over while we waited
  auto lease = RunLease::try_take(lease_dir_, run_id);
  if (!lease) return nullptr;  // ended, or a live hub drives it
  recover(std::move(*lease));
  return find_live(run_id);
}

std::optional<AgentEndpoint> RunManager::recovered_endpoint(const RunRecord& record,
                                                            const Json& saved_endpoint) const {
  const std::string& url = record.remote_ref->agent_url;
  if (record.backend != Backend::kRemoteA2a) return agents_.registered(url);
  if (auto saved = decode_endpoint(saved_endpoint); saved && saved->url == url) {
    return saved;
  }
  AgentEndpoint bare;  // no secrets kept: enough for agents without auth
  bare.url = url;
  return bare;
}

void RunManager::recover(RunLease lease) {
  const std::string run_id = lease.run_id();
  auto record = store_.find_run(run_id);
  if (!record.ok()) {
    if (record.error().code == ErrorCode::kNotFound) lease.finish();  // nothing left to drive
    spdlog::warn("run_id={} has a lease but no readable run: {}", run_id, record.error().message);
    return;
  }
  if (is_terminal(record->status)) {
    lease.finish();  // its hub died between ending the run and dropping the lease
    return;
  }
  auto reopened = Run::reopen(*record, store_);
  if (!reopened.ok()) {
    spdlog::error("run_id={} cannot be taken over: {}", run_id, reopened.error().message);
    return;
  }
  auto live = std::make_shared<LiveRun>();
  live->run = std::move(reopened).value();
  live->store = &store_;
  live->output_schema = record->output_schema;
  // A task on the agent is what there is to reattach to (its state may still be SUBMITTED,
  // which the run shows as queued).
  const bool on_agent = record->remote_ref && !record->remote_ref->task_id.empty();
  const Json saved_endpoint = lease.load_endpoint();
  std::optional<AgentEndpoint> endpoint;
  if (on_agent) endpoint = recovered_endpoint(*record, saved_endpoint);
  live->blocking = saved_endpoint.is_object() && saved_endpoint.value("blocking", false);
  live->run->hold_lease(std::move(lease));
  if (!on_agent) {
    live->run->finish(RunStatus::kFailed, std::nullopt,
                      "orphaned: its hub stopped before the run reached its agent");
    return;
  }
  if (!endpoint) {
    live->run->finish(RunStatus::kFailed, std::nullopt,
                      "orphaned: its hub stopped and the wrapper at " +
                          record->remote_ref->agent_url + " is no longer running");
    return;
  }
  if (auto session = store_.load_session(record->cwd, record->session_id);
      session.ok() && session->has_value()) {
    live->session = std::move(**session);
    live->session_saved = true;
  }
  live->endpoint = std::move(endpoint);
  live->mapper.resume_task(record->remote_ref->task_id, record->remote_ref->context_id,
                           task_state_of(record->status));
  spdlog::info("run_id={} taken over from a hub that is gone; reattaching", run_id);
  {
    std::lock_guard lock(mu_);
    runs_[run_id] = live;
  }
  enqueue(std::move(live), {}, /*reattach=*/true);
}

// ---- spawn -----------------------------------------------------------------------------

Result<SessionRecord> RunManager::resume_session(const SpawnPlan& plan) const {
  auto found = store_.load_session(plan.cwd, plan.session_id);
  if (!found.ok()) return found.error();
  if (!found->has_value()) {
    return Error{ErrorCode::kNotFound, "session_id " + plan.session_id + " not found under cwd " +
                                           plan.cwd.string() +
                                           " (sessions belong to the cwd they were started in)"};
  }
  SessionRecord session = std::move(**found);
  if (session.backend != plan.backend) {
    return Error{ErrorCode::kFailedPrecondition,
                 "session_id " + plan.session_id + " belongs to backend " +
                     std::string(backend_name(session.backend)) + ", not " +
                     std::string(backend_name(plan.backend))};
  }
  if (!session.remote_ref || session.remote_ref->context_id.empty()) {
    return Error{ErrorCode::kFailedPrecondition,
                 "session_id " + plan.session_id +
                     " never reached its agent (its first run failed early); start a new session"};
  }
  if (plan.remote && !session.remote_ref->agent_url.empty() &&
      plan.remote->agent_url != session.remote_ref->agent_url) {
    return Error{ErrorCode::kFailedPrecondition,
                 "session_id " + plan.session_id + " lives on " + session.remote_ref->agent_url +
                     ", not on backend_config.agent_url " + plan.remote->agent_url};
  }
  return session;
}

Result<AgentEndpoint> RunManager::resolve_endpoint(Backend backend) {
  return agents_.endpoint(backend);
}

Result<Json> RunManager::spawn_run(const SpawnRunRequest& request) {
  auto planned = plan_spawn(request, options_.profile_dirs);
  if (!planned.ok()) return planned.error();
  SpawnPlan plan = std::move(planned).value();

  const std::string now = iso8601_now();
  SessionRecord session;
  std::optional<AgentEndpoint> endpoint;
  if (plan.resume) {
    auto resumed = resume_session(plan);
    if (!resumed.ok()) return resumed.error();
    session = std::move(resumed).value();
    if (plan.backend == Backend::kRemoteA2a) {
      if (plan.remote) {
        endpoint = remote_endpoint(*plan.remote);
      } else {
        std::lock_guard lock(mu_);
        auto it = session_endpoints_.find(session.session_id);
        if (it != session_endpoints_.end()) {
          endpoint = it->second;
        } else {
          AgentEndpoint bare;
          bare.url = session.remote_ref->agent_url;
          endpoint = bare;  // no secrets known: works for agents without auth
        }
      }
    }
  } else {
    session.session_id = new_uuid_v4();
    session.backend = plan.backend;
    session.cwd = plan.cwd.string();
    session.created_at = now;
    session.updated_at = now;
    if (plan.remote) endpoint = remote_endpoint(*plan.remote);
  }
  if (endpoint && plan.backend == Backend::kRemoteA2a) {
    std::lock_guard lock(mu_);
    session_endpoints_[session.session_id] = *endpoint;
  }

  RunRecord record;
  record.run_id = new_uuid_v7();
  record.backend = plan.backend;
  record.role = plan.role;
  record.session_id = session.session_id;
  record.status = RunStatus::kQueued;
  record.cwd = plan.cwd.string();
  record.prompt = plan.prompt;
  record.profile = plan.profile_spec;
  record.metadata = plan.metadata;
  record.started_at = now;
  record.updated_at = now;
  record.input_message = plan.input_message;
  record.output_schema = plan.output_schema;
  record.backend_config = plan.backend_config;
  if (plan.remote) {
    RemoteRef ref;
    ref.provider = "a2a";
    ref.agent_url = plan.remote->agent_url;
    record.remote_ref = ref;
  }

  // The lease exists before the run does, so no other hub ever sees this run unowned.
  auto lease = RunLease::acquire_new(lease_dir_, record.run_id);
  if (lease.ok() && endpoint) {
    const bool blocking = plan.remote && plan.remote->blocking;
    if (Status saved = lease->save_endpoint(encode_endpoint(*endpoint, blocking)); !saved.ok()) {
      spdlog::warn("run_id={} cannot keep its endpoint for a later hub: {}", record.run_id,
                   saved.error().message);
    }
  } else if (!lease.ok()) {
    spdlog::warn("run_id={} has no lease ({}); a later hub cannot take it over", record.run_id,
                 lease.error().message);
  }
  auto run = Run::create(record, store_, run_started_data(plan, session.session_id));
  if (!run.ok()) {
    if (lease.ok()) lease->finish();
    return run.error();
  }

  auto live = std::make_shared<LiveRun>();
  live->run = std::move(run).value();
  live->store = &store_;
  if (lease.ok()) live->run->hold_lease(std::move(lease).value());
  live->output_schema = plan.output_schema;
  live->blocking = plan.remote && plan.remote->blocking;
  if (plan.timeout_s) {
    live->deadline = std::chrono::steady_clock::now() + std::chrono::seconds(*plan.timeout_s);
  }
  live->endpoint = endpoint;
  live->session = session;

  const std::string context_id = plan.resume ? session.remote_ref->context_id : std::string();
  a2a::SendMessageRequest first = first_request(plan, record.run_id, context_id);
  {
    std::lock_guard lock(mu_);
    runs_[record.run_id] = live;
    forget_old_runs();
  }
  enqueue(live, std::move(first));
  spdlog::info("run_id={} spawned backend={} role={} session_id={}", record.run_id,
               backend_name(plan.backend), role_name(plan.role), session.session_id);

  RunRecord now_record = live->run->snapshot();
  return Json{{"run_id", now_record.run_id},
              {"backend", backend_name(now_record.backend)},
              {"role", role_name(now_record.role)},
              {"session_id", now_record.session_id},
              {"status", run_status_name(now_record.status)}};
}

// ---- turns -----------------------------------------------------------------------------

void RunManager::enqueue(std::shared_ptr<LiveRun> live, a2a::SendMessageRequest request,
                         bool reattach) {
  {
    std::lock_guard lock(mu_);
    pending_.push_back({std::move(live), std::move(request), reattach});
  }
  changed_.notify_all();
}

void RunManager::dispatch(std::stop_token stop) {
  std::unique_lock lock(mu_);
  while (!stop.stop_requested()) {
    changed_.wait(lock, stop, [this] {
      return !pending_.empty() && active_turns_ < options_.max_concurrent_runs;
    });
    if (stop.stop_requested()) break;
    PendingTurn turn = std::move(pending_.front());
    pending_.pop_front();
    if (turn.live->run->terminal()) continue;  // cancelled while queued
    ++active_turns_;
    lock.unlock();

    std::shared_ptr<LiveRun> live = turn.live;
    // The previous turn of this run has ended (the run waited for input), but its thread may
    // still be on its way out. The worker handle changes only under the run's lock:
    // interrupt_turn (cancel_run, the watchdog) reads it from other threads.
    std::jthread previous;
    {
      std::lock_guard run_lock(live->mu);
      previous = std::move(live->worker);
      live->last_activity =
          std::chrono::steady_clock::now();  // waiting in the queue is not stalling
    }
    if (previous.joinable()) previous.join();
    // A run taken over keeps the status its storage shows until its agent says otherwise.
    if (!turn.reattach) live->run->apply({}, RunStatus::kRunning);
    const Backend backend = live->run->snapshot().backend;
    std::jthread worker([this, live, request = std::move(turn.request), reattach = turn.reattach,
                         backend](std::stop_token turn_stop) mutable {
      const EndpointResolver resolve = [this, live, backend]() -> Result<AgentEndpoint> {
        {
          std::lock_guard lock(live->mu);
          if (live->endpoint) return *live->endpoint;
        }
        if (backend == Backend::kRemoteA2a) {
          return Error{ErrorCode::kInvalidArgument, "remote_a2a run without an agent_url"};
        }
        return resolve_endpoint(backend);
      };
      if (reattach) {
        reattach_turn(*live, resolve, turn_stop);
      } else {
        drive_turn(*live, std::move(request), resolve, turn_stop);
      }
      turn_finished();
    });
    {
      // A cancel that came before this point finds no worker to stop; the turn then notices
      // the ended run itself (drive_turn checks it before and while talking to the agent).
      std::lock_guard run_lock(live->mu);
      live->worker = std::move(worker);
    }
    lock.lock();
  }
}

void RunManager::turn_finished() {
  {
    std::lock_guard lock(mu_);
    --active_turns_;
  }
  changed_.notify_all();
}

void RunManager::forget_old_runs() {
  std::size_t finished = 0;
  for (const auto& [id, live] : runs_) finished += live->run->terminal() ? 1 : 0;
  // Ids are time-ordered: the map iterates oldest first.
  for (auto it = runs_.begin(); it != runs_.end() && finished > options_.retained_finished_runs;) {
    const auto& live = it->second;
    if (live->run->terminal() && live.use_count() == 1) {
      it = runs_.erase(it);
      --finished;
    } else {
      ++it;
    }
  }
}

std::shared_ptr<LiveRun> RunManager::find_live(const std::string& run_id) {
  std::lock_guard lock(mu_);
  auto it = runs_.find(run_id);
  return it == runs_.end() ? nullptr : it->second;
}

Result<RunRecord> RunManager::find_stored(const std::string& run_id) const {
  if (!validate_storage_id("run_id", run_id).ok()) return not_found(run_id);
  auto record = store_.find_run(run_id);
  if (!record.ok()) {
    if (record.error().code == ErrorCode::kNotFound) return not_found(run_id);
    return record.error();
  }
  if (!record->result) {
    auto result = store_.load_result(record->cwd, run_id);
    if (result.ok() && result->has_value()) record->result = std::move(**result);
  }
  return record;
}

// ---- reading ---------------------------------------------------------------------------

Result<Json> RunManager::get_run(const std::string& run_id) {
  if (auto live = find_live(run_id)) return encode(summarize(live->run->snapshot()));
  auto record = find_stored(run_id);
  if (!record.ok()) return record.error();
  return encode(summarize(*record));
}

Result<Json> RunManager::poll_events(const PollEventsRequest& request) {
  if (request.after_seq < 0) {
    return Error{ErrorCode::kInvalidArgument, "after_seq: must be an integer >= 0"};
  }
  const auto limit =
      static_cast<std::size_t>(std::clamp<std::int64_t>(request.limit, 1, kMaxPollLimit));
  const auto wait_ms = std::clamp<std::int64_t>(request.wait_ms, 0, kMaxWaitMs);

  std::vector<RunEvent> events;
  RunStatus status = RunStatus::kUnknown;
  if (auto live = find_or_take_over(request.run_id)) {
    Run& run = *live->run;
    Result<std::vector<RunEvent>> got =
        run.terminal() ? run.log().read_after(request.after_seq, limit)
                       : run.log().wait_after(
                             request.after_seq, limit,
                             std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms),
                             request.stop);
    if (!got.ok()) return got.error();
    events = std::move(got).value();
    status = run.status();
  } else {
    auto record = find_stored(request.run_id);
    if (!record.ok()) return record.error();
    auto got = read_events_after(run_dir(record->cwd, request.run_id), request.after_seq, limit);
    if (!got.ok()) return got.error();
    events = std::move(got).value();
    status = record->status;
  }
  const std::int64_t next = events.empty() ? request.after_seq : events.back().seq;
  return Json{{"run_id", request.run_id},
              {"status", run_status_name(status)},
              {"events", encode_events(events)},
              {"next_after_seq", next}};
}

Result<Json> RunManager::list_runs(const ListRunsRequest& request) {
  std::optional<RunStatus> status;
  if (request.status) {
    status = parse_run_status(*request.status);
    if (*status == RunStatus::kUnknown) {
      return Error{ErrorCode::kInvalidArgument,
                   "status: unknown run status \"" + *request.status + "\""};
    }
  }
  std::optional<Backend> backend;
  if (request.backend) {
    backend = parse_backend(*request.backend);
    if (*backend == Backend::kUnknown) {
      return Error{ErrorCode::kInvalidArgument,
                   "backend: unknown backend \"" + *request.backend + "\""};
    }
  }
  Result<std::vector<RunRecord>> stored =
      request.cwd ? store_.list_runs(fsys::path(*request.cwd).lexically_normal())
                  : store_.list_all_runs();
  if (!stored.ok()) return stored.error();
  std::map<std::string, RunRecord> by_id;
  for (auto& record : *stored) by_id[record.run_id] = std::move(record);
  {
    std::lock_guard lock(mu_);
    for (const auto& [id, live] : runs_) {
      RunRecord snapshot = live->run->snapshot();
      if (request.cwd && fsys::path(snapshot.cwd) != fsys::path(*request.cwd).lexically_normal()) {
        continue;
      }
      by_id[id] = std::move(snapshot);
    }
  }
  Json runs = Json::array();
  // Newest first: run ids are time-ordered.
  for (auto it = by_id.rbegin(); it != by_id.rend(); ++it) {
    const RunRecord& record = it->second;
    if (status && record.status != *status) continue;
    if (backend && record.backend != *backend) continue;
    runs.push_back(encode(summarize(record)));
  }
  return Json{{"runs", std::move(runs)}};
}

Result<Json> RunManager::get_event_artifact(const EventArtifactRequest& request) {
  if (request.seq < 1) return Error{ErrorCode::kInvalidArgument, "seq: must be an integer >= 1"};
  if (request.offset < 0) {
    return Error{ErrorCode::kInvalidArgument, "offset: must be an integer >= 0"};
  }
  if (request.limit < 1 || request.limit > kMaxArtifactLimit) {
    return Error{ErrorCode::kInvalidArgument, "limit: must be from 1 to 262144 bytes"};
  }
  Result<ArtifactSlice> slice = Error{ErrorCode::kUnknown, ""};
  if (auto live = find_live(request.run_id)) {
    slice = live->run->log().read_artifact(request.seq, request.field_path, request.offset,
                                           request.limit);
  } else {
    auto record = find_stored(request.run_id);
    if (!record.ok()) return record.error();
    const fsys::path dir = run_dir(record->cwd, request.run_id);
    auto event = read_event_at(dir, request.seq);
    if (!event.ok()) {
      return Error{ErrorCode::kNotFound, "run " + request.run_id + " has no event with seq " +
                                             std::to_string(request.seq)};
    }
    const Json refs =
        event->data.contains("artifact_refs") ? event->data["artifact_refs"] : Json::object();
    slice = ArtifactStore(dir).read(refs, request.field_path, request.offset, request.limit);
  }
  if (!slice.ok()) return slice.error();
  Json out = encode(*slice);
  out["run_id"] = request.run_id;
  out["seq"] = request.seq;
  return out;
}

// ---- steering --------------------------------------------------------------------------

void RunManager::interrupt_turn(LiveRun& live) {
  std::shared_ptr<a2a::EventStream> stream;
  {
    std::lock_guard lock(live.mu);  // the dispatcher replaces `worker` under it
    live.worker.request_stop();
    stream = live.stream;
  }
  if (stream) stream->close();
}

bool RunManager::end_run(const std::shared_ptr<LiveRun>& live, RunStatus status,
                         std::string reason) {
  if (!live->run->finish(status, std::nullopt, std::move(reason))) return false;
  interrupt_turn(*live);
  std::lock_guard lock(mu_);
  std::erase_if(cancellers_, [](const Canceller& c) { return c.done->load(); });
  auto done = std::make_shared<std::atomic<bool>>(false);
  cancellers_.push_back({std::jthread([live, done] {
                           cancel_remote_task(*live);
                           done->store(true);
                         }),
                         done});
  return true;
}

void RunManager::watch(std::stop_token stop) {
  std::mutex mu;
  std::condition_variable_any tick;
  for (;;) {
    {
      std::unique_lock lock(mu);
      if (tick.wait_for(lock, stop, std::chrono::seconds(1), [] { return false; })) break;
      if (stop.stop_requested()) break;
    }
    const auto now = std::chrono::steady_clock::now();
    std::vector<std::pair<std::shared_ptr<LiveRun>, std::string>> expired;
    {
      std::lock_guard lock(mu_);
      for (const auto& [id, live] : runs_) {
        const RunStatus status = live->run->status();
        if (is_terminal(status)) continue;
        if (live->deadline && now >= *live->deadline) {
          expired.emplace_back(live, "timeout: the run exceeded its timeout_s");
          continue;
        }
        if (status != RunStatus::kRunning || options_.stall_timeout.count() <= 0) continue;
        std::lock_guard run_lock(live->mu);
        if (now - live->last_activity >= options_.stall_timeout) {
          expired.emplace_back(live, "stalled: no event from the agent for " +
                                         std::to_string(options_.stall_timeout.count()) + " s");
        }
      }
    }
    for (auto& [live, reason] : expired) {
      if (end_run(live, RunStatus::kFailed, reason)) {
        spdlog::warn("run_id={} {}", live->run->id(), reason);
      }
    }
  }
}

Result<Json> RunManager::cancel_run(const std::string& run_id) {
  auto live = find_or_take_over(run_id);
  if (!live) {
    auto record = find_stored(run_id);
    if (!record.ok()) return record.error();
    if (is_terminal(record->status)) {
      Json out = status_answer(*record);
      out["cancelled_at"] =
          record->cancelled_at.empty() ? Json(nullptr) : Json(record->cancelled_at);
      return out;
    }
    return Error{ErrorCode::kFailedPrecondition,
                 "run " + run_id + " is " + std::string(run_status_name(record->status)) +
                     " and driven by another hub process (another MCP server on this state "
                     "directory); cancel it there"};
  }
  if (end_run(live, RunStatus::kCancelled, "cancelled by cancel_run")) {
    spdlog::info("run_id={} cancelled", run_id);
  }
  RunRecord record = live->run->snapshot();
  Json out = status_answer(record);
  out["cancelled_at"] = record.cancelled_at.empty() ? Json(nullptr) : Json(record.cancelled_at);
  return out;
}

Result<Json> RunManager::continue_run(const std::string& run_id, const Json& input_message) {
  auto message = plan_continue_message(input_message);
  if (!message.ok()) return message.error();
  auto live = find_or_take_over(run_id);
  if (!live) {
    auto record = find_stored(run_id);
    if (!record.ok()) return record.error();
    return Error{ErrorCode::kFailedPrecondition,
                 "run " + run_id + " is " + std::string(run_status_name(record->status)) +
                     "; continue_run applies to input_required or auth_required runs of this hub "
                     "process"};
  }
  a2a::SendMessageRequest request;
  request.message = std::move(message).value();
  request.metadata = {{"agenthub.run_id", run_id}};
  {
    // The check and the move to running are one step under the run's lock: of two answers
    // sent at once, one is taken and the other refused (both used to be acknowledged, and the
    // second was silently dropped).
    std::lock_guard lock(live->mu);
    const RunStatus status = live->run->status();
    if (!is_waiting_for_input(status)) {
      return Error{ErrorCode::kFailedPrecondition,
                   "run " + run_id + " is " + std::string(run_status_name(status)) +
                       "; continue_run applies only to input_required or auth_required runs"};
    }
    request.message.task_id = live->mapper.task_id();
    request.message.context_id = live->mapper.context_id();
    const bool moved = live->run->apply({{EventType::kStatusChanged,
                                          {{"status", "running"},
                                           {"previous_status", run_status_name(status)},
                                           {"reason", "continue_run"},
                                           {"task_id", request.message.task_id},
                                           {"context_id", request.message.context_id}}}},
                                        RunStatus::kRunning);
    if (!moved) {
      return Error{ErrorCode::kFailedPrecondition,
                   "run " + run_id + " ended before the answer could be sent (" +
                       std::string(run_status_name(live->run->status())) + ")"};
    }
    live->mapper.assume_state(a2a::TaskState::kWorking);
  }
  enqueue(live, std::move(request));
  return status_answer(live->run->snapshot());
}

}  // namespace agenthub::hub
