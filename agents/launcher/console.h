#pragma once

// What start-a2a-agent writes to its terminal. Each call is one write(2), so lines from the
// wrapper's relayed log and the launcher's own messages never interleave mid-line.

#include <string_view>

namespace agenthub::agents {

// "start-a2a-agent: <message>\n" on stderr.
void say(std::string_view message);
// "<line>\n" on stderr (a relayed wrapper log line).
void relay_line(std::string_view line);
// `text` on stdout, as is. False when stdout is gone (say, a closed pipe).
bool print_stdout(std::string_view text);

}  // namespace agenthub::agents
