// codex-a2a-agent: the local `codex` CLI as an A2A agent. Flags, ready line and lifecycle are
// shared with claude-a2a-agent (agents/common/wrapper_main.h); how codex is run and read is in
// codex_backend.h and codex_event_translator.h.

#include "agents/codex-wrapper/codex_backend.h"
#include "agents/common/wrapper_main.h"

int main(int argc, char** argv) {
  using namespace agenthub;
  using namespace agenthub::agents;

  CodexOptions codex;
  WrapperSpec spec;
  spec.program = "codex-a2a-agent";
  spec.backend = "codex";
  spec.cli = "codex";
  spec.bin_flag = "--codex-bin";
  spec.bin_env = "CODEX_BIN";
  spec.description =
      "Runs the local OpenAI Codex CLI (codex exec) as an A2A agent, streaming every command, "
      "file change, tool call and message it makes.";
  spec.skill_description =
      "Works on the code in the directory named by metadata.cwd with codex: reads and edits "
      "files and runs commands inside codex's sandbox; the final answer (and structured "
      "output for metadata.output_schema) is the artifact \"result\".";
  spec.help_notes =
      "Safety: commands run in codex's workspace-write sandbox unless --sandbox says otherwise;\n"
      "exec mode cannot ask for approval, so the approval policy defaults to never. A message\n"
      "may ask for a stricter sandbox (metadata.sandbox), never a looser one.\n";
  spec.extra_flags = {
      {"--sandbox", "MODE",
       "read-only | workspace-write | danger-full-access (default workspace-write)",
       [&codex](const std::string& v) -> Status {
         codex.sandbox = parse_codex_sandbox(v);
         if (codex.sandbox == CodexSandbox::kUnknown) {
           return Error{ErrorCode::kInvalidArgument,
                        "expected read-only, workspace-write or danger-full-access, got " + v};
         }
         return {};
       }},
      {"--approval-policy", "POLICY", "codex approval_policy (default never)",
       [&codex](const std::string& v) -> Status {
         codex.approval_policy = v;
         return validate_codex_options(codex);
       }},
      {"-c", "KEY=VALUE", "codex config override, passed on as -c (repeatable)",
       [&codex](const std::string& v) -> Status {
         codex.config_overrides.push_back(v);
         return validate_codex_options(codex);
       }},
  };
  spec.make_backend = [&codex](const WrapperFlags& flags) -> Result<std::unique_ptr<CliBackend>> {
    codex.codex_bin = flags.cli_bin;
    codex.model = flags.model;
    AGENTHUB_RETURN_IF_ERROR(validate_codex_options(codex));
    return std::unique_ptr<CliBackend>(std::make_unique<CodexBackend>(codex));
  };
  return run_wrapper(argc, argv, spec);
}
