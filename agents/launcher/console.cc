#include "agents/launcher/console.h"

#include <unistd.h>

#include <string>

#include "agents/launcher/launcher_options.h"
#include "core/fs.h"

namespace agenthub::agents {

void say(std::string_view message) {
  std::string line(kLauncherProgram);
  line += ": ";
  line += message;
  line += '\n';
  (void)write_all(STDERR_FILENO, line);
}

void relay_line(std::string_view line) {
  std::string text(line);
  text += '\n';
  (void)write_all(STDERR_FILENO, text);
}

bool print_stdout(std::string_view text) { return write_all(STDOUT_FILENO, text).ok(); }

}  // namespace agenthub::agents
