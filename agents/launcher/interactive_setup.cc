#include "agents/launcher/interactive_setup.h"

#include <istream>
#include <ostream>

#include "agents/launcher/host_address.h"

namespace agenthub::agents {
namespace {

namespace fsys = std::filesystem;

using Check = std::function<Result<std::string>(const std::string& answer)>;

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

Error rejected(std::string why) { return Error{ErrorCode::kInvalidArgument, std::move(why)}; }

// Asks one question until `check` accepts the (trimmed) answer; an empty answer is passed to
// `check` too, which maps it to the default.
class Prompter {
 public:
  Prompter(std::istream& in, std::ostream& out) : in_(in), out_(out) {}

  Result<std::string> ask(const std::string& label, const std::string& shown_default,
                          const Check& check) {
    while (true) {
      out_ << label;
      if (!shown_default.empty()) out_ << " [" << shown_default << "]";
      out_ << ": " << std::flush;
      std::string line;
      if (!std::getline(in_, line)) {
        out_ << "\n";
        return Error{ErrorCode::kCancelled, "setup aborted (end of input)"};
      }
      auto accepted = check(trim(line));
      if (accepted.ok()) return accepted;
      out_ << "  " << accepted.error().message << "\n";
    }
  }

  std::ostream& out() { return out_; }

 private:
  std::istream& in_;
  std::ostream& out_;
};

// A word the shell reads back as is: single-quoted when it holds anything unusual.
std::string shell_word(const std::string& word) {
  const bool plain = !word.empty() && word.find_first_not_of(
                                          "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                          "0123456789_./:=@%+-,") == std::string::npos;
  if (plain) return word;
  std::string quoted = "'";
  for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

Result<std::string> no_whitespace(const std::string& answer, std::string_view what) {
  if (answer.find_first_of(" \t") != std::string::npos) {
    return rejected(std::string(what) + " must not contain spaces");
  }
  return answer;
}

Result<WrappedBackend> ask_backend(Prompter& p, const CliLocator& locate,
                                   const LauncherOptions& given) {
  std::ostream& out = p.out();
  out << "Which coding agent should be exposed?\n";
  std::string default_choice;
  int index = 0;
  for (WrappedBackend b : {WrappedBackend::kCodex, WrappedBackend::kClaudeCode}) {
    ++index;
    auto found = locate(b, b == WrappedBackend::kCodex ? given.codex_bin : given.claude_bin);
    if (found && default_choice.empty()) default_choice = std::to_string(index);
    const std::string name(backend_name(b));
    out << "  " << index << ") " << name << std::string(13 - name.size(), ' ')
        << (found ? "(" + std::string(cli_name(b)) + ": " + found->string() + ")"
                  : "(" + std::string(cli_name(b)) + " not found)")
        << "\n";
  }
  if (default_choice.empty()) default_choice = "1";
  WrappedBackend chosen = WrappedBackend::kUnknown;
  auto answer = p.ask("Backend", default_choice, [&](const std::string& a) -> Result<std::string> {
    const std::string text = a.empty() ? default_choice : a;
    chosen = text == "1"   ? WrappedBackend::kCodex
             : text == "2" ? WrappedBackend::kClaudeCode
                           : parse_backend(text);
    if (chosen == WrappedBackend::kUnknown)
      return rejected("please answer 1 (codex) or 2 (claude_code)");
    return text;
  });
  if (!answer.ok()) return answer.error();
  return chosen;
}

Result<std::string> ask_cli_path(Prompter& p, WrappedBackend backend, const CliLocator& locate) {
  const std::string cli(cli_name(backend));
  p.out() << cli << " was not found (no " << cli_bin_flag(backend) << ", $" << cli_bin_env(backend)
          << " or " << cli << " on PATH).\n";
  return p.ask("Path to the " + cli + " executable", "",
               [&](const std::string& a) -> Result<std::string> {
                 if (a.empty())
                   return rejected("please type the path of the " + cli + " executable");
                 auto found = locate(backend, a);
                 if (!found) return rejected("cannot run " + a + ": not an executable file");
                 return found->string();
               });
}

Result<std::string> ask_host(Prompter& p) {
  p.out() << "Listen address: 127.0.0.1 keeps the agent on this machine, 0.0.0.0 opens it to "
             "the network.\n";
  while (true) {
    auto host = p.ask("Host", std::string(kDefaultHost), [](const std::string& a) {
      return no_whitespace(a.empty() ? std::string(kDefaultHost) : a, "the host");
    });
    if (!host.ok() || is_loopback_host(*host)) return host;
    p.out() << "  Warning: on " << *host
            << " anyone on the network who has the token can run the agent as you.\n";
    bool confirmed = false;
    auto answer = p.ask("Expose it to the network? (y/n)", "n",
                        [&](const std::string& a) -> Result<std::string> {
                          if (a.empty() || a == "n" || a == "N" || a == "no") return a;
                          if (a == "y" || a == "Y" || a == "yes") {
                            confirmed = true;
                            return a;
                          }
                          return rejected("please answer y or n");
                        });
    if (!answer.ok()) return answer.error();
    if (confirmed) return host;
  }
}

Result<int> ask_port(Prompter& p) {
  int port = 0;
  auto answer =
      p.ask("Port (0 = random)", "random", [&](const std::string& a) -> Result<std::string> {
        if (a.empty() || a == "random") return std::string("0");
        auto n = parse_integer(a, 0, 65535);
        if (!n.ok()) return rejected("please answer a port number 0..65535, or Enter for random");
        port = static_cast<int>(*n);
        return a;
      });
  if (!answer.ok()) return answer.error();
  return port;
}

// "" means: generate one.
Result<std::string> ask_token(Prompter& p) {
  return p.ask("Bearer token", "generate a new one",
               [](const std::string& a) { return no_whitespace(a, "the token"); });
}

Result<std::string> ask_sandbox(Prompter& p) {
  p.out() << "Sandbox for codex's commands: read-only, workspace-write (may edit files under "
             "cwd), danger-full-access (no sandbox).\n";
  return p.ask(
      "Sandbox", std::string(kDefaultSandbox), [](const std::string& a) -> Result<std::string> {
        const std::string mode = a.empty() ? std::string(kDefaultSandbox) : a;
        if (!is_sandbox_mode(mode)) {
          return rejected("please answer read-only, workspace-write or danger-full-access");
        }
        return mode;
      });
}

Result<std::string> ask_permission(Prompter& p) {
  p.out() << "Tool permissions: auto (Claude Code runs its tools without asking) or relay "
             "(each permission request\nbecomes an input-required question for the "
             "orchestrator).\n";
  return p.ask("Permission", std::string(kDefaultPermission),
               [](const std::string& a) -> Result<std::string> {
                 const std::string policy = a.empty() ? std::string(kDefaultPermission) : a;
                 if (!is_permission_policy(policy)) return rejected("please answer auto or relay");
                 return policy;
               });
}

// "" means: the CLI's default.
Result<std::string> ask_model(Prompter& p) {
  return p.ask("Model", "the CLI's default",
               [](const std::string& a) { return no_whitespace(a, "the model"); });
}

}  // namespace

CliLocator env_cli_locator(EnvList env) {
  return [env = std::move(env)](WrappedBackend backend,
                                const std::string& given) -> std::optional<fsys::path> {
    const std::string search_path = env_value(env, "PATH").value_or("");
    std::string name = given;
    if (name.empty()) name = env_value(env, cli_bin_env(backend)).value_or("");
    if (name.empty()) name = std::string(cli_name(backend));
    auto found = find_executable(name, search_path);
    if (!found.ok()) return std::nullopt;
    return *found;
  };
}

Result<LauncherOptions> interactive_setup(LauncherOptions o, std::istream& in, std::ostream& out,
                                          const CliLocator& locate) {
  Prompter p(in, out);
  out << kLauncherProgram
      << ": expose a local coding agent over A2A. Enter takes the [default]; Ctrl-C quits.\n\n";
  if (o.backend == WrappedBackend::kUnknown) {
    auto backend = ask_backend(p, locate, o);
    if (!backend.ok()) return backend.error();
    o.backend = *backend;
  }
  std::string& bin = o.backend == WrappedBackend::kCodex ? o.codex_bin : o.claude_bin;
  if (!locate(o.backend, bin)) {
    auto path = ask_cli_path(p, o.backend, locate);
    if (!path.ok()) return path.error();
    bin = *path;
  }
  if (!o.host) {
    auto host = ask_host(p);
    if (!host.ok()) return host.error();
    o.host = *host;
  }
  if (!o.port) {
    auto port = ask_port(p);
    if (!port.ok()) return port.error();
    o.port = *port;
  }
  if (!o.token && !o.no_auth) {
    auto token = ask_token(p);
    if (!token.ok()) return token.error();
    if (!token->empty()) o.token = *token;
  }
  if (o.backend == WrappedBackend::kCodex && !o.sandbox) {
    auto sandbox = ask_sandbox(p);
    if (!sandbox.ok()) return sandbox.error();
    o.sandbox = *sandbox;
  }
  if (o.backend == WrappedBackend::kClaudeCode && !o.permission) {
    auto permission = ask_permission(p);
    if (!permission.ok()) return permission.error();
    o.permission = *permission;
  }
  if (!o.model) {
    auto model = ask_model(p);
    if (!model.ok()) return model.error();
    if (!model->empty()) o.model = *model;
  }
  resolve_defaults(o);
  out << "\nStarting " << wrapper_program(o.backend) << ". Next time, skip the questions with:\n  "
      << equivalent_command(o) << "\n\n"
      << std::flush;
  return o;
}

std::string equivalent_command(const LauncherOptions& o) {
  std::string cmd =
      std::string(kLauncherProgram) + " --backend " + std::string(backend_name(o.backend));
  auto add = [&cmd](std::string_view flag, const std::string& value) {
    cmd += " " + std::string(flag) + " " + shell_word(value);
  };
  if (o.host && *o.host != kDefaultHost) add("--host", *o.host);
  if (o.port && *o.port != 0) add("--port", std::to_string(*o.port));
  if (o.no_auth) cmd += " --no-auth";
  if (o.allow_network_no_auth) cmd += " --i-understand-no-auth";
  if (!o.state_dir.empty()) add("--state-dir", o.state_dir);
  if (o.max_tasks) add("--max-tasks", std::to_string(*o.max_tasks));
  if (o.model) add("--model", *o.model);
  if (o.sandbox) add("--sandbox", *o.sandbox);
  if (o.permission) add("--permission", *o.permission);
  if (!cli_bin(o).empty()) add(cli_bin_flag(o.backend), cli_bin(o));
  if (o.json) cmd += " --json";
  return cmd;
}

}  // namespace agenthub::agents
