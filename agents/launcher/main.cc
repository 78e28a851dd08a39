// start-a2a-agent: exposes a local coding agent (codex or Claude Code) to a remote orchestrator
// by starting codex-a2a-agent / claude-a2a-agent and printing a ready spawn_run payload. See
// launcher.h and `start-a2a-agent --help`.

#include "agents/launcher/launcher.h"

int main(int argc, char** argv) { return agenthub::agents::run_launcher(argc, argv); }
