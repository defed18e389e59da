// Channel: the turns of the agent protocol over one AgentProcess — send an event, serve the agent's
// requests (answering `call` and `dns` at once) until its `yield`, within the turn's wall-time and
// request limits — and the run's transcript of every line both ways. A fault ends the agent's
// process and is thrown as order::RunAborted with its catalogue reason.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "casim/agent/process.hpp"
#include "casim/mockca/reason.hpp"
#include "casim/sim/kernel.hpp"

namespace casim::agent {

// Thrown by a request handler: the request breaks the protocol (an AgentProtocolError).
class ProtocolError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr std::size_t kMaxRequestsPerTurn = 10'000;
inline constexpr std::size_t kMaxTranscriptLines = 200'000;

class Channel {
 public:
  // The answer to send back for a request (a `result`), if it has one.
  using Handler = std::function<std::optional<nlohmann::json>(const nlohmann::json& request)>;

  // Everything referred to must outlive the channel.
  Channel(AgentProcess& process, std::chrono::milliseconds timeout, const sim::Kernel& kernel);

  // Sends `event` and serves the agent's requests with `handler` until its yield, which it returns.
  nlohmann::json turn(const nlohmann::json& event, const Handler& handler);
  // Whether a fault has ended the agent (no turn can be taken any more).
  bool failed() const { return failed_; }
  std::vector<std::string> take_transcript() { return std::move(transcript_); }

 private:
  void send(const nlohmann::json& message, const std::string& turn_name);
  nlohmann::json read_request(std::size_t line_in_turn, const std::string& turn_name,
                              std::chrono::steady_clock::time_point deadline);
  // Ends the agent and throws RunAborted(reason, message + what its stderr last said when asked).
  [[noreturn]] void fail(mockca::Reason reason, const std::string& message, bool with_stderr);
  void record(std::string_view dir, const std::string& message_json);
  void record_stderr();

  AgentProcess& process_;
  std::chrono::milliseconds timeout_;
  const sim::Kernel& kernel_;
  std::vector<std::string> transcript_;
  bool failed_ = false;
};

}  // namespace casim::agent
