#include "core/logging.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <string>

namespace agenthub {

void init_logging(std::string_view program_name) {
  std::string name(program_name);
  auto logger = spdlog::get(name);
  if (!logger) logger = spdlog::stderr_logger_mt(name);
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l [%n] %v", spdlog::pattern_time_type::utc);
  spdlog::level::level_enum level = spdlog::level::info;
  if (const char* env = std::getenv("AGENTHUB_LOG_LEVEL"); env != nullptr && *env != '\0') {
    level = spdlog::level::from_str(env);
  }
  logger->set_level(level);
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(std::move(logger));
}

}  // namespace agenthub
