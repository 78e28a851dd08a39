#include "agents/launcher/supervisor.h"

#include <poll.h>
#include <signal.h>
#include <string.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <vector>

#include "agents/launcher/console.h"
#include "agents/launcher/host_address.h"
#include "agents/launcher/launch_report.h"
#include "agents/launcher/wrapper_session.h"

namespace agenthub::agents {
namespace {

using Clock = std::chrono::steady_clock;

// The last `count` lines of `tail`, indented, for an error message.
std::string last_lines(const std::string& tail, std::size_t count) {
  std::vector<std::string_view> lines;
  std::string_view rest(tail);
  while (!rest.empty()) {
    const auto nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    if (!line.empty()) lines.push_back(line);
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  if (lines.empty()) return "  (it wrote nothing on stderr)\n";
  std::string out;
  for (std::size_t i = lines.size() > count ? lines.size() - count : 0; i < lines.size(); ++i) {
    out += "  | " + std::string(lines[i]) + "\n";
  }
  return out;
}

int exit_code_for(const ExitStatus& status) {
  if (!status.exited()) return 128 + status.term_signal;
  return status.exit_code == 0 ? 1 : status.exit_code;
}

class Supervisor {
 public:
  Supervisor(const SuperviseOptions& options, StopSignals& signals)
      : options_(options), signals_(signals) {}

  int run(WrapperCommand command) {
    // Named after what actually runs (--wrapper-bin may point elsewhere).
    program_ = command.argv.empty() ? std::string(wrapper_program(options_.backend))
                                    : std::filesystem::path(command.argv[0]).filename().string();
    const std::string name = program_;
    auto started = WrapperSession::start(
        std::move(command), [name](WrapperSession::Stream stream, std::string_view line) {
          if (stream == WrapperSession::Stream::kStderr) {
            relay_line(line);
          } else {
            relay_line("[" + name + " stdout] " + std::string(line));
          }
        });
    if (!started.ok()) {
      say("cannot start " + program_ + ": " + started.error().message);
      return 1;
    }
    session_ = std::move(started).value();
    const auto ready_deadline = Clock::now() + options_.startup_timeout;

    while (true) {
      const WrapperSession::State state = session_->state();
      if (!announced_ && state.ready) announce(*state.ready);
      if (!announced_ && !stopping_ && state.bad_ready_line) {
        return fail_startup("printed something else than its ready line; " + *state.bad_ready_line);
      }
      if (state.ended()) return finish(*state.exit);

      int timeout_ms = -1;
      if (!announced_ && !stopping_) {
        const auto left =
            std::chrono::ceil<std::chrono::milliseconds>(ready_deadline - Clock::now());
        if (left.count() <= 0) {
          return fail_startup("did not report ready within " +
                              std::to_string(options_.startup_timeout.count()) +
                              " s (raise --startup-timeout if it is just slow)");
        }
        timeout_ms = static_cast<int>(std::min<long long>(left.count(), 60'000));
      }
      pollfd fds[2] = {{signals_.fd(), POLLIN, 0}, {session_->notify_fd(), POLLIN, 0}};
      const int n = ::poll(fds, 2, timeout_ms);
      if (n < 0 && errno != EINTR) {
        // Cannot happen with two valid descriptors; never spin on it. The session's destructor
        // reaps the killed wrapper.
        say(std::string("poll failed: ") + strerror(errno) + "; killing " + program_);
        session_->kill();
        return 1;
      }
      if (n > 0 && (fds[0].revents & POLLIN) != 0) {
        while (const int sig = signals_.take()) on_signal(sig);
      }
      if (n > 0 && (fds[1].revents & POLLIN) != 0) session_->clear_notifications();
    }
  }

 private:
  void announce(const ReadyLine& ready) {
    announced_ = true;
    LaunchInfo info;
    info.backend = options_.backend;
    info.listen_url = ready.agent_url;
    info.host = options_.host;
    info.wrapper_pid = ready.pid != 0 ? ready.pid : session_->pid();
    // The ready line says what the server enforces; trust it over what we asked for.
    info.token = ready.token;
    if (!options_.token.empty() && ready.token != options_.token) {
      say(ready.token.empty() ? "warning: the agent reports it runs WITHOUT authentication"
                              : "warning: the agent uses another token than the one given");
    }
    if (!ready.backend.empty() && ready.backend != backend_name(options_.backend)) {
      say("warning: the wrapper serves backend \"" + ready.backend + "\", not \"" +
          std::string(backend_name(options_.backend)) + "\"");
    }
    if (is_wildcard_host(options_.host)) info.machine_name = machine_hostname();
    auto url = advertised_url(ready.agent_url, options_.host, info.machine_name);
    info.agent_url = url.ok() ? *url : ready.agent_url;
    if (info.agent_url == info.listen_url) info.machine_name.clear();
    const std::string report = options_.json ? launch_json_line(info) + "\n" : launch_text(info);
    if (!print_stdout(report)) say("cannot write to stdout; the agent keeps running");
  }

  // The first signal stops the wrapper gracefully. Only a second Ctrl-C (SIGINT) kills it at
  // once: tools like timeout(1) or a service manager may deliver one SIGTERM twice (to the
  // process and to its group), which must not cut the grace short.
  void on_signal(int sig) {
    if (!stopping_) {
      say(std::string("got ") + sigabbrev_np(sig) + ", stopping " + program_ +
          " (running tasks are cancelled; Ctrl-C again kills it at once)...");
      stop();
      return;
    }
    if (sig != SIGINT) return;
    say("got INT again, killing " + program_);
    killed_ = true;
    session_->kill();
  }

  void stop() {
    if (stopping_) return;
    stopping_ = true;
    session_->request_stop(options_.stop_grace);
  }

  // Stops the wrapper, waits for it, and reports why it never became ready.
  int fail_startup(const std::string& why) {
    stop();
    wait_until_ended();
    say(program_ + " " + why + ". Its last log lines:\n" + last_lines(session_->stderr_tail(), 15));
    return 1;
  }

  void wait_until_ended() {
    while (!session_->state().ended()) {
      pollfd fd{session_->notify_fd(), POLLIN, 0};
      if (::poll(&fd, 1, -1) > 0) session_->clear_notifications();
    }
  }

  int finish(const ExitStatus& status) {
    if (stopping_) {
      if (killed_) {
        say(program_ + " killed");
      } else if (!status.exited() && status.term_signal == SIGKILL) {
        say(program_ + " did not stop within " + std::to_string(options_.stop_grace.count()) +
            " s and was killed");
      } else {
        say(program_ + " stopped (" + status.to_string() + ")");
      }
      return 0;
    }
    const std::string when = announced_ ? "exited unexpectedly" : "exited before it was ready";
    say(program_ + " " + when + " (" + status.to_string() + "). Its last log lines:\n" +
        last_lines(session_->stderr_tail(), 15));
    return announced_ ? exit_code_for(status) : 1;
  }

  const SuperviseOptions& options_;
  StopSignals& signals_;
  std::string program_;
  std::unique_ptr<WrapperSession> session_;
  bool announced_ = false;
  bool stopping_ = false;
  bool killed_ = false;  // by a second Ctrl-C
};

}  // namespace

int supervise_wrapper(WrapperCommand command, const SuperviseOptions& options,
                      StopSignals& signals) {
  Supervisor supervisor(options, signals);
  return supervisor.run(std::move(command));
}

}  // namespace agenthub::agents
