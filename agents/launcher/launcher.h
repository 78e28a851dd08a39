#pragma once

// start-a2a-agent's main(): parse the flags, ask on a terminal what they leave open, check
// them, find the wrapper, then supervise it (see supervisor.h for the exit statuses; 2 is bad
// usage).

namespace agenthub::agents {

int run_launcher(int argc, char** argv);

}  // namespace agenthub::agents
