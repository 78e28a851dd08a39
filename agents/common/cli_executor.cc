#include "agents/common/cli_executor.h"

#include <signal.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <exception>
#include <optional>

#include "agents/common/run_event_parts.h"
#include "agents/common/task_params.h"

namespace agenthub::agents {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// A CLI that does not take its prompt or an answer within this long is treated as gone.
constexpr milliseconds kPromptWriteTimeout{60000};
constexpr milliseconds kControlWriteTimeout{10000};
// The graceful interrupt must not hold up the canceling thread.
constexpr milliseconds kInterruptWriteTimeout{500};

Error cwd_required() {
  return Error{ErrorCode::kInvalidArgument,
               "metadata.cwd is required on the first message of a context: an absolute path to "
               "an existing directory"};
}

// The user message that started a task (its first user message in history).
const a2a::Message* original_request(const a2a::Task& task) {
  for (const a2a::Message& m : task.history) {
    if (m.role == a2a::Role::kUser) return &m;
  }
  return nullptr;
}

}  // namespace

// One CLI process serving one task. Fields under "guarded" belong to CliExecutor::mu_.
struct CliExecutor::LiveRun {
  std::string task_id;
  std::string context_id;
  CliInvocation invocation;  // keeps its temp files until the run is gone
  std::shared_ptr<Process> process;
  std::unique_ptr<JsonlReader> reader;
  std::unique_ptr<CliEventTranslator> translator;
  std::string session_id;  // as the CLI reported it (execute() thread only)
  // Set under CliExecutor::mu_ (so a question is never left open for a process being stopped);
  // read anywhere.
  std::atomic<bool> stop_requested{false};

  // guarded:
  Json pending_request;  // the question the client has to answer; null when none
  std::uint64_t pending_serial = 0;
};

// Counts an execute() call as activity for idle_for().
class CliExecutor::BusyScope {
 public:
  explicit BusyScope(CliExecutor& executor) : executor_(executor) {
    std::lock_guard lock(executor_.mu_);
    ++executor_.busy_;
    executor_.last_activity_ = Clock::now();
  }
  ~BusyScope() {
    std::lock_guard lock(executor_.mu_);
    --executor_.busy_;
    executor_.last_activity_ = Clock::now();
  }
  BusyScope(const BusyScope&) = delete;
  BusyScope& operator=(const BusyScope&) = delete;

 private:
  CliExecutor& executor_;
};

CliExecutor::CliExecutor(std::unique_ptr<CliBackend> backend,
                         std::unique_ptr<ContextRegistry> registry, CliExecutorOptions options)
    : backend_(std::move(backend)),
      registry_(std::move(registry)),
      options_(std::move(options)),
      last_activity_(Clock::now()) {}

CliExecutor::~CliExecutor() { shutdown(); }

void CliExecutor::touch() {
  std::lock_guard lock(mu_);
  last_activity_ = Clock::now();
}

Clock::duration CliExecutor::idle_for() const {
  std::lock_guard lock(mu_);
  if (busy_ > 0 || !runs_.empty()) return Clock::duration::zero();
  return Clock::now() - last_activity_;
}

std::size_t CliExecutor::live_runs() const {
  std::lock_guard lock(mu_);
  return runs_.size();
}

// ---- admission ----------------------------------------------------------------------------

Status CliExecutor::admit(const a2a::RequestContext& ctx) {
  touch();
  if (ctx.existing_task) return admit_continuation(ctx);

  auto params = parse_task_params(ctx.message);
  if (!params.ok()) return params.error();
  AGENTHUB_RETURN_IF_ERROR(backend_->validate_metadata(params->metadata));

  auto record = registry_->lookup(ctx.context_id);
  if (!record.ok()) return record.error();
  if (!record->has_value()) {
    if (!params->cwd) return cwd_required();
    auto cwd = resolve_cwd(*params->cwd);
    if (!cwd.ok()) return cwd.error();
  } else if (params->cwd) {
    auto cwd = resolve_cwd(*params->cwd);
    if (!cwd.ok()) return cwd.error();
    if (*cwd != (*record)->cwd) {
      return Error{ErrorCode::kFailedPrecondition,
                   "context " + ctx.context_id + " works in " + (*record)->cwd.string() +
                       "; this message names " + cwd->string() +
                       ". Start a new context (omit contextId) to work in another directory"};
    }
  }

  std::lock_guard lock(mu_);
  if (shut_down_) return Error{ErrorCode::kUnavailable, "the agent is shutting down"};
  if (auto it = context_owner_.find(ctx.context_id); it != context_owner_.end()) {
    return Error{ErrorCode::kFailedPrecondition,
                 "context " + ctx.context_id + " already has a task in progress (" + it->second +
                     "); wait until it ends, answer it, or cancel it before sending another"};
  }
  return {};
}

Status CliExecutor::admit_continuation(const a2a::RequestContext& ctx) {
  auto params = parse_task_params(ctx.message);
  if (!params.ok()) return params.error();
  if (params->cwd) {
    auto record = registry_->lookup(ctx.context_id);
    if (!record.ok()) return record.error();
    auto cwd = resolve_cwd(*params->cwd);
    if (!cwd.ok()) return cwd.error();
    if (record->has_value() && *cwd != (*record)->cwd) {
      return Error{ErrorCode::kFailedPrecondition, "context " + ctx.context_id + " works in " +
                                                       (*record)->cwd.string() +
                                                       "; this message names " + cwd->string()};
    }
  }
  if (ctx.existing_task->status.state != a2a::TaskState::kInputRequired) return {};
  Json request;
  {
    std::lock_guard lock(mu_);
    if (auto it = runs_.find(ctx.task_id); it != runs_.end()) request = it->second->pending_request;
  }
  // Without a waiting process execute() fails the task with an explanation.
  if (request.is_null()) return {};
  return backend_->check_input_reply(request, ctx.message);
}

// ---- execution ----------------------------------------------------------------------------

void CliExecutor::execute(const a2a::RequestContext& ctx, a2a::TaskUpdater& updater) {
  BusyScope busy(*this);
  if (!ctx.existing_task) {
    start_turn(ctx, ctx.message, updater);
    return;
  }
  if (ctx.existing_task->status.state == a2a::TaskState::kInputRequired) {
    continue_with_answer(ctx, updater);
    return;
  }
  // AUTH_REQUIRED: the credentials were fixed meanwhile; run the original request again.
  const a2a::Message* original = original_request(*ctx.existing_task);
  spdlog::info("{}: running task_id={} again after {}", backend_->cli_name(), ctx.task_id,
               a2a::task_state_name(ctx.existing_task->status.state));
  start_turn(ctx, original != nullptr ? *original : ctx.message, updater);
}

Result<ContextRecord> CliExecutor::bind_context(const std::string& context_id,
                                                const std::optional<std::string>& cwd) {
  if (cwd) {
    auto resolved = resolve_cwd(*cwd);
    if (!resolved.ok()) return resolved.error();
    return registry_->bind(context_id, *resolved);
  }
  auto record = registry_->lookup(context_id);
  if (!record.ok()) return record.error();
  if (!record->has_value()) return cwd_required();
  // The directory may have gone away since the context was bound.
  auto resolved = resolve_cwd((*record)->cwd.string());
  if (!resolved.ok()) {
    return Error{ErrorCode::kFailedPrecondition, "the working directory of context " + context_id +
                                                     " is unusable: " + resolved.error().message};
  }
  return std::move(*record).value();
}

bool CliExecutor::acquire_context(const std::string& context_id, const std::string& task_id,
                                  const std::stop_token& stop) {
  std::unique_lock lock(mu_);
  context_cv_.wait(lock, stop, [&] {
    auto it = context_owner_.find(context_id);
    return it == context_owner_.end() || it->second == task_id;
  });
  if (stop.stop_requested()) return false;
  context_owner_[context_id] = task_id;
  return true;
}

void CliExecutor::unregister(const LiveRun& run) {
  std::lock_guard lock(mu_);
  unregister_locked(run);
}

void CliExecutor::unregister_locked(const LiveRun& run) {
  if (auto it = runs_.find(run.task_id); it != runs_.end() && it->second.get() == &run) {
    runs_.erase(it);
  }
  if (auto it = context_owner_.find(run.context_id);
      it != context_owner_.end() && it->second == run.task_id) {
    context_owner_.erase(it);
    context_cv_.notify_all();
  }
  last_activity_ = Clock::now();
}

void CliExecutor::start_turn(const a2a::RequestContext& ctx, const a2a::Message& request,
                             a2a::TaskUpdater& updater) {
  const std::string cli(backend_->cli_name());
  auto params = parse_task_params(request);
  if (!params.ok()) {
    updater.fail(params.error().message);
    return;
  }
  auto record = bind_context(ctx.context_id, params->cwd);
  if (!record.ok()) {
    updater.fail(record.error().message);
    return;
  }
  if (!acquire_context(ctx.context_id, ctx.task_id, ctx.stop)) return;  // canceled meanwhile

  auto run = std::make_shared<LiveRun>();
  run->task_id = ctx.task_id;
  run->context_id = ctx.context_id;
  // Settles the context lease on every early return below.
  struct Release {
    CliExecutor& self;
    LiveRun& run;
    bool armed = true;
    ~Release() {
      if (armed) self.unregister(run);
    }
  } release{*this, *run};

  TurnRequest turn;
  turn.task_id = ctx.task_id;
  turn.context_id = ctx.context_id;
  turn.cwd = record->cwd;
  turn.prompt = prompt_text(request);
  turn.session_id = record->session_id;
  turn.profile = params->profile;
  turn.output_schema = params->output_schema;
  turn.model = params->model;
  turn.metadata = params->metadata;

  auto invocation = backend_->build_invocation(turn);
  if (!invocation.ok()) {
    updater.fail("cannot run " + cli + ": " + invocation.error().message);
    return;
  }
  run->invocation = std::move(invocation).value();
  run->translator = backend_->make_translator(turn);

  SpawnOptions spawn;
  spawn.argv = run->invocation.argv;
  spawn.env = inherited_env(options_.env_drop, run->invocation.env_set);
  spawn.cwd = turn.cwd;
  spawn.on_stderr_line = [cli, task_id = ctx.task_id](std::string_view line) {
    spdlog::debug("{} stderr task_id={}: {}", cli, task_id, line);
  };
  auto process = Process::spawn(std::move(spawn));
  if (!process.ok()) {
    updater.fail("could not start " + cli + " (" + run->invocation.argv.front() +
                 "): " + process.error().message);
    return;
  }
  run->process = std::shared_ptr<Process>(std::move(process).value());
  run->reader = std::make_unique<JsonlReader>(run->process->stdout_source(), options_.jsonl);
  spdlog::info("{} started task_id={} context_id={} pid={} resume={}", cli, ctx.task_id,
               ctx.context_id, run->process->pid(), turn.session_id.empty() ? "no" : "yes");
  {
    std::lock_guard lock(mu_);
    runs_[ctx.task_id] = run;
  }
  release.armed = false;  // from here on pump()/finish() settle the run

  std::stop_callback on_stop(ctx.stop, [this, &run] { stop_run(*run); });
  if (!run->invocation.stdin_data.empty()) {
    if (auto written = run->process->write_stdin(run->invocation.stdin_data, kPromptWriteTimeout);
        !written.ok()) {
      // The CLI may still say why it does not read; its output decides the outcome.
      spdlog::warn("{} did not take its prompt task_id={}: {}", cli, ctx.task_id,
                   written.error().message);
    }
  }
  if (run->invocation.stdin_policy != StdinPolicy::kCloseAfterTurn) run->process->close_stdin();
  updater.update_status(a2a::TaskState::kWorking);
  pump(run, ctx, updater);
}

void CliExecutor::continue_with_answer(const a2a::RequestContext& ctx, a2a::TaskUpdater& updater) {
  std::shared_ptr<LiveRun> run;
  Json request;
  {
    std::lock_guard lock(mu_);
    if (auto it = runs_.find(ctx.task_id); it != runs_.end()) run = it->second;
    if (run) {
      request = std::move(run->pending_request);
      run->pending_request = nullptr;
      ++run->pending_serial;  // voids the pending timeout
    }
  }
  if (!run || request.is_null()) {
    updater.fail(std::string(backend_->cli_name()) +
                 " is no longer waiting for this answer: its process was stopped (the question "
                 "timed out, the task was canceled, or the agent restarted). Send the request "
                 "again as a new task");
    return;
  }
  std::stop_callback on_stop(ctx.stop, [this, &run] { stop_run(*run); });
  auto line = backend_->input_reply_line(request, ctx.message);
  if (!line.ok()) {
    // admit() checked the reply; this only happens if the backend changed its mind.
    stop_run(*run);
    updater.fail(line.error().message);
  } else if (auto written = run->process->write_stdin(*line + "\n", kControlWriteTimeout);
             !written.ok()) {
    spdlog::warn("{} did not take the answer task_id={}: {}", backend_->cli_name(), ctx.task_id,
                 written.error().message);
  } else {
    updater.update_status(a2a::TaskState::kWorking);
  }
  pump(run, ctx, updater);
}

void CliExecutor::pump(const std::shared_ptr<LiveRun>& run, const a2a::RequestContext& ctx,
                       a2a::TaskUpdater& updater) {
  try {
    while (auto item = run->reader->next()) {
      if (!item->ok()) {
        report_bad_line(*run, *item, updater);
        continue;
      }
      std::vector<CliOutput> outputs;
      try {
        outputs = run->translator->on_line(item->value);
      } catch (const std::exception& e) {
        spdlog::warn("{} line {} not understood task_id={}: {}", backend_->cli_name(),
                     item->line_number, run->task_id, e.what());
        continue;
      }
      if (handle_outputs(*run, std::move(outputs), updater)) return;
    }
  } catch (...) {
    // Never leave a CLI running behind a failed executor.
    stop_run(*run);
    run->process->wait();
    unregister(*run);
    throw;
  }
  finish(run, ctx, updater);
}

bool CliExecutor::handle_outputs(LiveRun& run, std::vector<CliOutput> outputs,
                                 a2a::TaskUpdater& updater) {
  bool asked = false;
  for (CliOutput& out : outputs) {
    switch (out.kind) {
      case CliOutput::Kind::kRunEvent:
        updater.update_status(
            a2a::TaskState::kWorking,
            updater.agent_message(run_event_parts(std::move(out.event), std::move(out.text))));
        break;
      case CliOutput::Kind::kSession:
        if (out.session_id != run.session_id) {
          run.session_id = out.session_id;
          if (auto stored = registry_->set_session(run.context_id, out.session_id); !stored.ok()) {
            spdlog::error("cannot record the session of context_id={}: {}", run.context_id,
                          stored.error().message);
          }
          updater.update_status(a2a::TaskState::kWorking,
                                updater.agent_message(run_event_parts(std::move(out.event))));
        }
        break;
      case CliOutput::Kind::kWriteStdin:
        if (auto written = run.process->write_stdin(out.text + "\n", kControlWriteTimeout);
            !written.ok()) {
          spdlog::warn("{} stdin write failed task_id={}: {}", backend_->cli_name(), run.task_id,
                       written.error().message);
        }
        break;
      case CliOutput::Kind::kTurnEnded:
        if (run.invocation.stdin_policy == StdinPolicy::kCloseAfterTurn) {
          run.process->close_stdin();
        }
        break;
      case CliOutput::Kind::kInputRequest: {
        std::uint64_t serial = 0;
        std::shared_ptr<LiveRun> self;
        {
          std::lock_guard lock(mu_);
          // A process being stopped gets no answer: read on to its end instead.
          if (run.stop_requested.load()) break;
          auto it = runs_.find(run.task_id);
          if (it == runs_.end() || it->second.get() != &run) break;
          self = it->second;
          run.pending_request = out.event;
          serial = ++run.pending_serial;
        }
        a2a::Part data = a2a::Part::data_part(std::move(out.event));
        data.media_type = "application/json";
        updater.update_status(
            a2a::TaskState::kInputRequired,
            updater.agent_message({a2a::Part::text_part(std::move(out.text)), std::move(data)}));
        schedule_input_timeout(self, serial);
        asked = true;
        break;
      }
      case CliOutput::Kind::kUnknown:
        break;
    }
  }
  return asked;
}

void CliExecutor::report_bad_line(LiveRun& run, const JsonlItem& item, a2a::TaskUpdater& updater) {
  const std::string cli(backend_->cli_name());
  switch (item.kind) {
    case JsonlItem::Kind::kOversizedLine:
      spdlog::warn("{} printed an oversized line task_id={} line={} bytes={}", cli, run.task_id,
                   item.line_number, item.line_bytes);
      updater.update_status(
          a2a::TaskState::kWorking,
          updater.agent_message(run_event_parts(
              {{"type", "message_added"},
               {"role", "system"},
               {"is_error", true},
               {"content", cli + " printed a line of " + std::to_string(item.line_bytes) +
                               " bytes, more than the wrapper accepts; it was skipped"}})));
      break;
    case JsonlItem::Kind::kReadError:
      spdlog::warn("{} stdout read failed task_id={}: {}", cli, run.task_id, item.error);
      break;
    default:
      spdlog::warn("{} printed a line that is not a JSON object task_id={} line={}: {} ({})", cli,
                   run.task_id, item.line_number, item.error, item.preview);
      break;
  }
}

void CliExecutor::finish(const std::shared_ptr<LiveRun>& run, const a2a::RequestContext& ctx,
                         a2a::TaskUpdater& updater) {
  const ExitStatus status = run->process->wait();
  run->invocation.temp_files.clear();  // gone before the client hears the task ended
  const std::string stderr_tail = run->process->stderr_tail();
  TurnOutcome outcome = run->translator->finish(status, stderr_tail);
  spdlog::info("{} ended task_id={} status={} stopped={}", backend_->cli_name(), run->task_id,
               status.to_string(), run->stop_requested.load());
  if (outcome.forget_session) {
    if (auto cleared = registry_->set_session(run->context_id, ""); !cleared.ok()) {
      spdlog::error("cannot forget the session of context_id={}: {}", run->context_id,
                    cleared.error().message);
    }
  }
  // The context is free before the client can see the end of the task.
  unregister(*run);
  if (run->stop_requested.load() || ctx.stop.stop_requested()) return;  // canceled: settled

  switch (outcome.kind) {
    case TurnOutcome::Kind::kCompleted: {
      updater.add_artifact(result_artifact(outcome, backend_->backend_name(), run->session_id));
      updater.complete(updater.agent_message({a2a::Part::text_part(outcome.final_text)}));
      break;
    }
    case TurnOutcome::Kind::kAuthRequired:
      updater.update_status(a2a::TaskState::kAuthRequired,
                            updater.agent_message({a2a::Part::text_part(outcome.message)}));
      break;
    case TurnOutcome::Kind::kFailed:
    case TurnOutcome::Kind::kUnknown: {
      std::string message = outcome.message.empty() ? std::string(backend_->cli_name()) +
                                                          " failed (" + status.to_string() + ")"
                                                    : outcome.message;
      if (outcome.include_stderr) message = with_stderr_tail(std::move(message), stderr_tail);
      updater.fail(std::move(message));
      break;
    }
  }
}

// ---- stopping -----------------------------------------------------------------------------

void CliExecutor::stop_run(LiveRun& run) {
  {
    // Under the lock: see the question case in handle_outputs().
    std::lock_guard lock(mu_);
    if (run.stop_requested.exchange(true) || !run.process) return;
  }
  std::shared_ptr<Process> process = run.process;
  const std::string line = backend_->interrupt_line();
  const milliseconds grace = options_.cancel_grace;
  spdlog::info("{} stopping task_id={} pid={}", backend_->cli_name(), run.task_id, process->pid());
  if (line.empty()) {
    process->request_terminate(grace);
    return;
  }
  process->request_terminate(grace, [process, line] {
    if (!process->write_stdin(line + "\n", kInterruptWriteTimeout).ok()) return false;
    // Without more input the CLI exits once the interrupted turn is wrapped up.
    process->close_stdin();
    return true;
  });
  deferred_.run_at(Clock::now() + grace / 2, [process] { (void)process->signal_group(SIGTERM); });
}

void CliExecutor::schedule_input_timeout(const std::shared_ptr<LiveRun>& run,
                                         std::uint64_t serial) {
  std::weak_ptr<LiveRun> weak = run;
  deferred_.run_at(Clock::now() + options_.input_timeout, [this, weak, serial] {
    std::shared_ptr<LiveRun> run = weak.lock();
    if (!run) return;
    {
      std::lock_guard lock(mu_);
      if (run->pending_request.is_null() || run->pending_serial != serial) return;
      run->pending_request = nullptr;
      unregister_locked(*run);
    }
    spdlog::warn("{} question unanswered for {} ms, stopping task_id={}", backend_->cli_name(),
                 options_.input_timeout.count(), run->task_id);
    stop_run(*run);
    run->process->wait();
  });
}

void CliExecutor::cancel(const std::string& task_id) {
  std::shared_ptr<LiveRun> run;
  bool waiting = false;
  {
    std::lock_guard lock(mu_);
    auto it = runs_.find(task_id);
    if (it == runs_.end()) return;
    run = it->second;
    waiting = !run->pending_request.is_null();
    if (waiting) {
      // No execute() runs for a task that waits for an answer: settle the run here.
      run->pending_request = nullptr;
      unregister_locked(*run);
    }
  }
  spdlog::info("{} cancel task_id={}", backend_->cli_name(), task_id);
  stop_run(*run);
  // Reap off the canceling thread; the action keeps the run (and its temp files) until then.
  if (waiting) deferred_.run_soon([run] { run->process->wait(); });
}

void CliExecutor::shutdown() {
  std::vector<std::shared_ptr<LiveRun>> left;
  {
    std::lock_guard lock(mu_);
    shut_down_ = true;
    for (auto& [id, run] : runs_) left.push_back(run);
  }
  for (auto& run : left) stop_run(*run);
  for (auto& run : left) run->process->wait();
  {
    std::lock_guard lock(mu_);
    for (auto& run : left) unregister_locked(*run);
  }
  deferred_.flush();
}

}  // namespace agenthub::agents
