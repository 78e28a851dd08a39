#include "agents/launcher/launch_report.h"

#include "a2a/client/url.h"
#include "agents/launcher/host_address.h"

namespace agenthub::agents {

namespace {

using OrderedJson = nlohmann::ordered_json;

// The payload with its keys in reading order (backend first, backend_config last).
OrderedJson ordered_payload(const LaunchInfo& info) {
  OrderedJson config = {{"agent_url", info.agent_url}};
  if (!info.token.empty()) config["auth_token"] = info.token;
  OrderedJson payload;
  payload["backend"] = "remote_a2a";
  payload["role"] = "worker";
  payload["cwd"] = kCwdPlaceholder;
  payload["session_mode"] = "new";
  payload["prompt"] = kPromptPlaceholder;
  payload["backend_config"] = std::move(config);
  return payload;
}

std::string dump_ordered(const OrderedJson& value, int indent) {
  return value.dump(indent, ' ', false, OrderedJson::error_handler_t::replace);
}

std::string port_of(const std::string& url) {
  auto parsed = a2a::parse_url(url);
  return parsed.ok() ? std::to_string(parsed->port) : "PORT";
}

}  // namespace

Json spawn_run_payload(const LaunchInfo& info) {
  return parse_json(dump_ordered(ordered_payload(info), -1)).value_or(Json::object());
}

Json launch_json(const LaunchInfo& info) {
  return parse_json(launch_json_line(info)).value_or(Json::object());
}

std::string launch_json_line(const LaunchInfo& info) {
  OrderedJson doc;
  doc["agent_url"] = info.agent_url;
  doc["token"] = info.token.empty() ? OrderedJson(nullptr) : OrderedJson(info.token);
  doc["backend"] = backend_name(info.backend);
  doc["listen_url"] = info.listen_url;
  doc["wrapper_pid"] = info.wrapper_pid;
  doc["spawn_run"] = ordered_payload(info);
  return dump_ordered(doc, -1);
}

std::string launch_text(const LaunchInfo& info) {
  const std::string program(wrapper_program(info.backend));
  std::string out = program + " is ready (pid " + std::to_string(info.wrapper_pid) +
                    "), exposing " + std::string(cli_name(info.backend)) + ".\n\n";
  out += "  agent_url  " + info.agent_url + "\n";
  if (info.listen_url != info.agent_url) {
    out += "             (on this machine: " + info.listen_url + ")\n";
  }
  out += "  token      " + (info.token.empty() ? std::string("none (--no-auth)") : info.token) +
         "\n\n";
  out +=
      "In the orchestrator, call the spawn_run MCP tool with this input. Replace cwd by an\n"
      "absolute directory on THIS machine (the agent works there) and write the prompt:\n\n";
  out += dump_ordered(ordered_payload(info), 2) + "\n\n";
  if (!info.token.empty()) {
    out +=
        "The token travels as backend_config.auth_token; \"headers\": {\"Authorization\": "
        "\"Bearer <token>\"}\nworks as well. Treat the token like a password.\n";
  }
  out += "\n";
  if (is_loopback_host(info.host)) {
    const std::string port = port_of(info.listen_url);
    out +=
        "The agent listens on " + info.host +
        " only: an orchestrator on this machine can use the payload\n"
        "as it is, one on another machine cannot reach it. Either restart with --host "
        "0.0.0.0\n(auth stays on), or open a tunnel from here:\n  ssh -N -R " +
        port + ":" + info.host + ":" + port +
        " ORCHESTRATOR-HOST\nand the orchestrator reaches the agent at http://127.0.0.1:" + port +
        " on its side.\n";
  } else if (!info.machine_name.empty()) {
    out += "The agent listens on every interface (" + info.host +
           "); the payload names this machine \"" + info.machine_name +
           "\".\nIf the orchestrator cannot resolve that name, use this machine's IP address "
           "instead.\n";
  } else if (is_wildcard_host(info.host)) {
    out += "The agent listens on every interface (" + info.host +
           "); replace the host in agent_url by\nthis machine's address as the orchestrator "
           "sees it.\n";
  } else {
    out += "The agent is reachable from the network at " + info.agent_url +
           "; if the orchestrator sees\nthis machine under another address, use that one.\n";
  }
  out +=
      "\nLogs follow on stderr. Press Ctrl-C to stop the agent (running tasks are "
      "cancelled).\n";
  return out;
}

}  // namespace agenthub::agents
