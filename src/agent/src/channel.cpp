// The agent protocol's turns, limits, faults and transcript (channel.hpp).
#include "channel.hpp"

#include <fmt/format.h>

#include "casim/order/ordering_logic.hpp"

namespace casim::agent {
namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

constexpr std::size_t kStderrTailLines = 10;

// `text` as a JSON string; bytes that are not UTF-8 become U+FFFD.
std::string quoted(const std::string& text) { return json(text).dump(-1, ' ', false, json::error_handler_t::replace); }

std::string turn_name_of(const json& event) {
  return fmt::format("the {} event at {}", event.value("type", std::string("?")), event.value("at", std::string("?")));
}

}  // namespace

Channel::Channel(AgentProcess& process, std::chrono::milliseconds timeout, const sim::Kernel& kernel)
    : process_(process), timeout_(timeout), kernel_(kernel) {}

json Channel::turn(const json& event, const Handler& handler) {
  if (failed_) throw std::logic_error("Channel::turn after the agent failed");
  const std::string turn_name = turn_name_of(event);
  const Clock::time_point deadline = Clock::now() + timeout_;
  send(event, turn_name);
  try {
    for (std::size_t line = 1;; ++line) {
      json request = read_request(line, turn_name, deadline);
      const std::string op = request.at("op").get<std::string>();
      if (op == "yield") {
        record_stderr();
        return request;
      }
      if (line > kMaxRequestsPerTurn) {
        fail(mockca::Reason::AgentCallLimit,
             fmt::format("the agent made more than {} requests in {} without a yield", kMaxRequestsPerTurn, turn_name),
             false);
      }
      if (const std::optional<json> answer = handler(request)) send(*answer, turn_name);
    }
  } catch (const ProtocolError& error) {
    fail(mockca::Reason::AgentProtocolError, fmt::format("in {}: {}", turn_name, error.what()), false);
  } catch (const order::RunAborted& aborted) {
    if (failed_) throw;
    fail(aborted.reason(), fmt::format("in {}: {}", turn_name, aborted.what()), false);
  }
}

void Channel::send(const json& message, const std::string& turn_name) {
  const std::string line = message.dump(-1, ' ', false, json::error_handler_t::replace);
  record("in", line);
  if (process_.write_line(line, timeout_)) return;
  if (const auto exit = process_.exit_status(std::chrono::milliseconds(100))) {
    fail(mockca::Reason::AgentExited, fmt::format("the agent exited ({}) before {}", exit->describe(), turn_name), true);
  }
  fail(mockca::Reason::AgentTimeout,
       fmt::format("the agent did not read {} within {} ms of wall time", turn_name, timeout_.count()), true);
}

json Channel::read_request(std::size_t line_in_turn, const std::string& turn_name, Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  const ReadResult read = process_.read_line(std::max(left, std::chrono::milliseconds(0)));
  switch (read.status) {
    case ReadStatus::Timeout:
      fail(mockca::Reason::AgentTimeout,
           fmt::format("the agent did not yield within {} ms of wall time after {} ({} request(s) so far)",
                       timeout_.count(), turn_name, line_in_turn - 1),
           true);
    case ReadStatus::Closed: {
      const auto exit = process_.exit_status(std::chrono::milliseconds(500));
      fail(mockca::Reason::AgentExited,
           fmt::format("the agent {} during {}", exit ? "exited (" + exit->describe() + ")" : "closed its stdout",
                       turn_name),
           true);
    }
    case ReadStatus::TooLong:
      record("out", quoted(read.line + "…"));
      fail(mockca::Reason::AgentProtocolError,
           fmt::format("line {} of the agent's answer to {} is longer than 1 MiB", line_in_turn, turn_name), false);
    case ReadStatus::Line: break;
  }
  json request;
  try {
    request = json::parse(read.line);
  } catch (const json::parse_error& error) {
    record("out", quoted(read.line));
    fail(mockca::Reason::AgentProtocolError,
         fmt::format("line {} of the agent's answer to {} is not JSON: at byte {}: {} (the line begins \"{}\")",
                     line_in_turn, turn_name, error.byte, error.what(), read.line.substr(0, 80)),
         true);
  }
  record("out", read.line);
  if (!request.is_object() || !request.contains("op") || !request.at("op").is_string()) {
    fail(mockca::Reason::AgentProtocolError,
         fmt::format("line {} of the agent's answer to {} is not a request: expected an object with a string \"op\", "
                     "got {}",
                     line_in_turn, turn_name, read.line.substr(0, 80)),
         false);
  }
  return request;
}

void Channel::fail(mockca::Reason reason, const std::string& message, bool with_stderr) {
  failed_ = true;
  process_.terminate();
  record_stderr();
  std::string text = message;
  if (with_stderr) {
    const std::vector<std::string> tail = process_.stderr_tail(kStderrTailLines);
    if (tail.empty()) {
      text += "; it wrote nothing to stderr";
    } else {
      text += "; the last lines of its stderr:";
      for (const std::string& line : tail) text += "\n  " + line;
    }
  }
  throw order::RunAborted(reason, text + " (the agent was stopped; the next run starts it again)");
}

void Channel::record(std::string_view dir, const std::string& message_json) {
  if (transcript_.size() > kMaxTranscriptLines) return;
  if (transcript_.size() == kMaxTranscriptLines) {
    transcript_.push_back(fmt::format(R"({{"at":"{}","dir":"stderr","message":"[casim: the transcript stops after {} lines]"}})",
                                      sim::format_instant(kernel_.now()), kMaxTranscriptLines));
    return;
  }
  transcript_.push_back(fmt::format(R"({{"at":"{}","dir":"{}","message":{}}})", sim::format_instant(kernel_.now()), dir,
                                    message_json));
}

void Channel::record_stderr() {
  const std::string text = process_.take_stderr();
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    record("stderr", quoted(text.substr(begin, end - begin)));
    begin = end + 1;
  }
}

}  // namespace casim::agent
