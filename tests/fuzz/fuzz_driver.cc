// Our own deterministic fuzz driver for libFuzzer-style targets, so the fuzz label runs under
// GCC, in CTest, with the same inputs every time.
//
//   <target>                 runs every file of the target's committed corpus, then
//                            AGENTHUB_FUZZ_ITERATIONS mutants of it (seed AGENTHUB_FUZZ_SEED)
//   <target> FILE|DIR...     replays those inputs only (a crash file, a corpus directory)
//
// Environment: AGENTHUB_FUZZ_ITERATIONS (default per target, a quarter of it under ASan),
// AGENTHUB_FUZZ_SEED, AGENTHUB_FUZZ_MAX_LEN,
// AGENTHUB_FUZZ_TIMEOUT_S (per input, default 60), AGENTHUB_FUZZ_MAX_SECONDS (stop generating
// after this long; 0 = no limit), AGENTHUB_FUZZ_CRASH_DIR.
//
// A failure is anything that kills the process: an exception escaping the target, abort()
// (FUZZ_CHECK, assert), a fatal signal, a sanitizer report, or an input running longer than
// the timeout. Before the process dies the input is written to the crash directory and the
// command replaying it is printed.

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <string>
#include <typeinfo>
#include <vector>

#include "core/fs.h"
#include "fuzz_mutator.h"
#include "fuzz_target_info.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);
// Provided by the sanitizer runtimes: called when a sanitizer is about to end the process.
extern "C" __attribute__((weak)) void __sanitizer_set_death_callback(void (*callback)());

// GCC links UBSan as its own runtime (libubsan), whose reports do not reach the death callback
// registered with ASan above: make them abort, so the SIGABRT handler saves the input, and
// print a stack trace with them.
extern "C" const char* __ubsan_default_options() { return "abort_on_error=1:print_stacktrace=1"; }

namespace agenthub::fuzz {
namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t kDefaultSeed = 20240601;
constexpr unsigned kDefaultTimeoutSeconds = 60;

// What the fatal-signal path needs, set before each input. Only read from handlers, which
// may run on any thread; plain stores are published by the atomics.
std::atomic<const std::vector<std::uint8_t>*> g_input{nullptr};
std::atomic<bool> g_written{false};
char g_crash_path[4096];
char g_crash_dir[2048];
char g_replay_hint[8192];
bool g_replaying = false;

void write_stderr(const char* text) {
  std::size_t left = std::strlen(text);
  while (left > 0) {
    ssize_t n = ::write(STDERR_FILENO, text, left);
    if (n <= 0) return;
    text += n;
    left -= static_cast<std::size_t>(n);
  }
}

// Async-signal-safe: saves the current input once.
void save_input() {
  if (g_written.exchange(true)) return;
  const std::vector<std::uint8_t>* input = g_input.load();
  if (input == nullptr) return;
  if (g_replaying) {
    write_stderr(g_replay_hint);
    return;
  }
  ::mkdir(g_crash_dir, 0755);
  int fd = ::open(g_crash_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    write_stderr("fuzz: could not write the failing input to ");
    write_stderr(g_crash_path);
    write_stderr("\n");
    return;
  }
  const std::uint8_t* p = input->data();
  std::size_t left = input->size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n <= 0) break;
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  ::close(fd);
  write_stderr(g_replay_hint);
}

void on_fatal_signal(int sig) {
  if (sig == SIGALRM) write_stderr("fuzz: input ran longer than the per-input timeout\n");
  save_input();
  ::signal(sig == SIGALRM ? SIGABRT : sig, SIG_DFL);
  if (sig == SIGALRM) std::abort();
  ::raise(sig);
}

void on_terminate() {
  if (std::exception_ptr current = std::current_exception()) {
    try {
      std::rethrow_exception(current);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "fuzz: uncaught exception (%s): %s\n", typeid(e).name(), e.what());
    } catch (...) {
      std::fprintf(stderr, "fuzz: uncaught exception of unknown type\n");
    }
  } else {
    std::fprintf(stderr, "fuzz: std::terminate called\n");
  }
  save_input();
  std::abort();
}

void install_handlers() {
  // Our own alternate stack, so a stack overflow still gets its input saved.
  static std::vector<char> alt_stack(1 << 16);
  stack_t ss{};
  ss.ss_sp = alt_stack.data();
  ss.ss_size = alt_stack.size();
  ::sigaltstack(&ss, nullptr);

  struct sigaction sa {};
  sa.sa_handler = on_fatal_signal;
  sa.sa_flags = SA_ONSTACK;
  sigemptyset(&sa.sa_mask);
  std::vector<int> signals{SIGABRT, SIGALRM};
#ifndef __SANITIZE_ADDRESS__
  // Under ASan its own handlers report these (with a stack trace) and call the death callback.
  signals.insert(signals.end(), {SIGSEGV, SIGBUS, SIGFPE, SIGILL});
#endif
  for (int sig : signals) ::sigaction(sig, &sa, nullptr);
  std::set_terminate(on_terminate);
  if (__sanitizer_set_death_callback != nullptr) __sanitizer_set_death_callback(save_input);
}

std::uint64_t env_number(const char* name, std::uint64_t fallback) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return fallback;
  char* end = nullptr;
  unsigned long long value = std::strtoull(text, &end, 0);
  if (end == text || *end != '\0') {
    std::fprintf(stderr, "fuzz: ignoring %s=%s (not a number)\n", name, text);
    return fallback;
  }
  return value;
}

std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Runs one input; returns only when the target survived it.
void run_one(const std::vector<std::uint8_t>& input, unsigned timeout_seconds) {
  g_input.store(&input);
  ::alarm(timeout_seconds);
  try {
    LLVMFuzzerTestOneInput(input.data(), input.size());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz: exception escaped the target (%s): %s\n", typeid(e).name(),
                 e.what());
    save_input();
    std::abort();
  } catch (...) {
    std::fprintf(stderr, "fuzz: exception of unknown type escaped the target\n");
    save_input();
    std::abort();
  }
  ::alarm(0);
  g_input.store(nullptr);
}

std::vector<std::uint8_t> bytes_of(const std::string& s) { return {s.begin(), s.end()}; }

// Copies `text` into a fixed buffer the signal handlers can read, cut to fit.
template <std::size_t N>
void set_buffer(char (&buffer)[N], const std::string& text) {
  std::size_t n = std::min(text.size(), N - 1);
  std::memcpy(buffer, text.data(), n);
  buffer[n] = '\0';
}

int replay(const std::vector<std::string>& args, const char* argv0, unsigned timeout_seconds) {
  g_replaying = true;
  std::size_t count = 0;
  for (const auto& arg : args) {
    std::vector<fs::path> paths =
        fs::is_directory(arg) ? files_in(arg) : std::vector<fs::path>{fs::path(arg)};
    for (const auto& path : paths) {
      auto content = read_file(path.string());
      if (!content.ok()) {
        std::fprintf(stderr, "fuzz: cannot read %s: %s\n", path.c_str(),
                     content.error().message.c_str());
        return 2;
      }
      set_buffer(g_replay_hint, "fuzz: failed on " + path.string() + "\n");
      g_written.store(false);
      run_one(bytes_of(*content), timeout_seconds);
      ++count;
    }
  }
  std::printf("fuzz %s: replayed %zu inputs with %s, no failure\n", kFuzzTargetInfo.name, count,
              argv0);
  return 0;
}

}  // namespace
}  // namespace agenthub::fuzz

int main(int argc, char** argv) {
  using namespace agenthub::fuzz;
  const FuzzTargetInfo& info = kFuzzTargetInfo;
  if (LLVMFuzzerInitialize != nullptr) LLVMFuzzerInitialize(&argc, &argv);
  install_handlers();
  const auto timeout =
      static_cast<unsigned>(env_number("AGENTHUB_FUZZ_TIMEOUT_S", kDefaultTimeoutSeconds));

  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && (args[0] == "-h" || args[0] == "--help")) {
    std::printf(
        "usage: %s [FILE|DIR]...\n  no arguments: run the corpus %s and mutants of it\n"
        "  FILE|DIR: replay those inputs\n",
        argv[0], info.corpus_dir);
    return 0;
  }
  if (!args.empty()) return replay(args, argv[0], timeout);

  const char* crash_dir = std::getenv("AGENTHUB_FUZZ_CRASH_DIR");
  set_buffer(g_crash_dir, crash_dir != nullptr && *crash_dir != '\0' ? crash_dir : info.crash_dir);
  const std::uint64_t seed = env_number("AGENTHUB_FUZZ_SEED", kDefaultSeed);
  std::uint64_t default_iterations = info.default_iterations;
#ifdef __SANITIZE_ADDRESS__
  // ASan runs several times slower; a quarter of the mutants keeps the label's time similar.
  default_iterations = std::max<std::uint64_t>(1, default_iterations / 4);
#endif
  const std::uint64_t iterations = env_number("AGENTHUB_FUZZ_ITERATIONS", default_iterations);
  const std::uint64_t max_len = env_number("AGENTHUB_FUZZ_MAX_LEN", info.max_input_bytes);
  const std::uint64_t max_seconds = env_number("AGENTHUB_FUZZ_MAX_SECONDS", 0);

  std::vector<std::string> corpus;
  for (const auto& path : files_in(info.corpus_dir)) {
    auto content = agenthub::read_file(path.string());
    if (content.ok()) corpus.push_back(std::move(content).value());
  }
  if (corpus.empty()) {
    std::fprintf(stderr, "fuzz %s: no corpus files in %s\n", info.name, info.corpus_dir);
    return 2;
  }
  std::printf("fuzz %s: seed=%llu iterations=%llu corpus=%zu files (%s)\n", info.name,
              static_cast<unsigned long long>(seed), static_cast<unsigned long long>(iterations),
              corpus.size(), info.corpus_dir);
  std::fflush(stdout);

  auto arm = [&](const char* kind, std::uint64_t index) {
    const std::string where = std::string(kind) + " input " + std::to_string(index);
    const std::string path = std::string(g_crash_dir) + "/" + info.name + "-" + kind + "-seed" +
                             std::to_string(seed) + "-" + std::to_string(index);
    set_buffer(g_crash_path, path);
    set_buffer(g_replay_hint, "fuzz " + std::string(info.name) + ": FAILED on " + where +
                                  " (seed " + std::to_string(seed) + "); input saved to " + path +
                                  "\n  replay: " + argv[0] + " " + path + "\n");
  };

  const auto start = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    arm("corpus", i);
    run_one(bytes_of(corpus[i]), timeout);
  }
  Mutator mutator(corpus, seed, max_len);
  std::uint64_t ran = 0;
  for (; ran < iterations; ++ran) {
    if (max_seconds > 0 &&
        std::chrono::steady_clock::now() - start > std::chrono::seconds(max_seconds)) {
      std::printf("fuzz %s: stopping after %llu mutants (AGENTHUB_FUZZ_MAX_SECONDS=%llu)\n",
                  info.name, static_cast<unsigned long long>(ran),
                  static_cast<unsigned long long>(max_seconds));
      break;
    }
    arm("mutant", ran);
    run_one(bytes_of(mutator.next()), timeout);
  }
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  std::printf("fuzz %s: ok, %zu corpus inputs + %llu mutants in %.2f s (seed %llu)\n", info.name,
              corpus.size(), static_cast<unsigned long long>(ran), took.count(),
              static_cast<unsigned long long>(seed));
  return 0;
}
