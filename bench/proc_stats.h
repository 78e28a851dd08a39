#pragma once

// What /proc says about a process, for benchmarks: peak and current memory, CPU time, and
// finding a process by one of its arguments. Linux only; every reader returns nullopt when the
// process is gone or the field is missing.

#include <sys/types.h>

#include <optional>
#include <string>

namespace agenthub::bench {

// A "Vm..." field of /proc/<pid>/status in KiB, e.g. "VmHWM" (peak resident set) or "VmRSS".
[[nodiscard]] std::optional<long> proc_status_kib(pid_t pid, const std::string& field);

// User + system CPU seconds the process itself used so far (not its children).
[[nodiscard]] std::optional<double> proc_cpu_seconds(pid_t pid);

// A live process (not a zombie) whose argv holds `argument` exactly, other than this one.
[[nodiscard]] std::optional<pid_t> find_process_with_argument(const std::string& argument);

}  // namespace agenthub::bench
