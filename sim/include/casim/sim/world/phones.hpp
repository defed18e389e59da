// Phone lines as a CA's reviewer reaches them: per number, from an instant on, a scripted sequence
// of answers (consumed call by call, with an explicit rule for after its end) or a weighted
// distribution drawn from the caller's RandomStream, answered only in the line's own hours when it
// has them; and the log of every call made.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "casim/sim/calendar.hpp"
#include "casim/sim/random.hpp"
#include "casim/sim/string_map.hpp"
#include "casim/sim/time.hpp"
#include "casim/sim/world/names.hpp"
#include "casim/sim/world/timeline.hpp"

namespace casim::sim::world {

// Confirmed: answered and the order confirmed. Refused: answered, but the person denies the order.
// CallBack: answered, call again later. NotInService: the number does not exist (or not yet).
enum class CallResult {
  Confirmed,
  NoAnswer,
  Busy,
  Voicemail,
  WrongNumber,
  Refused,
  CallBack,
  NotInService
};
std::string_view to_string(CallResult result);
// "confirmed", "no answer", "call-back", … (case and '_'/'-'/' ' ignored); InputError naming `where`.
CallResult parse_call_result(std::string_view text, const std::string& where = "call result");

// One answer as configured. Converts from a CallResult, so `CallResult::Busy` is an answer.
struct PhoneAnswer {
  using CallBackTime = std::variant<std::monostate, Instant, Duration>;

  CallResult result = CallResult::Confirmed;
  // CallBack only: at a fixed instant, or a delay after the call.
  CallBackTime call_back;

  PhoneAnswer(CallResult what = CallResult::Confirmed, CallBackTime when = {})
      : result(what), call_back(when) {}

  static PhoneAnswer call_back_at(Instant at) { return {CallResult::CallBack, at}; }
  static PhoneAnswer call_back_after(Duration delay) { return {CallResult::CallBack, delay}; }

  friend bool operator==(const PhoneAnswer&, const PhoneAnswer&) = default;
};

// What a script does once every answer in it has been given.
struct ScriptEnd {
  std::optional<PhoneAnswer> then;  // nullopt: repeat the script's last answer

  static ScriptEnd repeat_last() { return {}; }
  static ScriptEnd answer(PhoneAnswer reply) { return {reply}; }
};

struct WeightedAnswer {
  PhoneAnswer answer;
  double weight = 1;
};

// How one number answers calls.
struct PhoneLine {
  std::vector<PhoneAnswer> script;
  ScriptEnd end;
  std::vector<WeightedAnswer> distribution;  // when not empty, used instead of the script
  // When the line is staffed: its business time (days, hours, time zone); outside it nobody
  // answers and no answer of the script or the distribution is used. Nothing: always.
  std::optional<Calendar> hours;

  static PhoneLine scripted(std::vector<PhoneAnswer> script, ScriptEnd end) {
    return {std::move(script), std::move(end), {}, std::nullopt};
  }
  static PhoneLine always(PhoneAnswer answer) { return {{answer}, ScriptEnd::repeat_last(), {}, std::nullopt}; }
  static PhoneLine weighted(std::vector<WeightedAnswer> answers) {
    return {{}, {}, std::move(answers), std::nullopt};
  }
};

struct CallOutcome {
  CallResult result = CallResult::NotInService;
  std::optional<Instant> call_back_at;  // CallBack: when to call again (never before the call)
  bool outside_hours = false;           // NoAnswer because the line was not staffed then

  friend bool operator==(const CallOutcome&, const CallOutcome&) = default;
};

// `call back at 2026-03-02T09:00:00Z`, `no answer`, `no answer (outside the line's hours)`, …
std::string describe(const CallOutcome& outcome);

struct CallRecord {
  std::string number;  // normalized
  Instant at;
  CallOutcome outcome;
};

class Phones {
 public:
  // From `at` on, calls to `number` follow `line`; a script starts from its first answer. Throws
  // InputError naming `where` for a bad number, an empty script that repeats its last answer,
  // a CallBack without a time (or with a negative delay), time given for another result, or weights
  // that are negative, not finite or sum to zero.
  void set_line(std::string_view number, Instant at, PhoneLine line,
                const std::string& where = "phone line");

  // A call to `number` at `at`: the line's next scripted answer, or a draw from `stream` for a
  // weighted line (scripted lines draw nothing); NoAnswer (outside_hours) outside the line's
  // hours. A number without a line in force gives NotInService. Every call is appended to the
  // call log. Throws CalendarDataMissing when the line's hours have no data for the year.
  CallOutcome call(std::string_view number, Instant at, RandomStream& stream);

  const std::vector<CallRecord>& call_log() const { return call_log_; }

 private:
  struct LineState {
    PhoneLine line;
    std::vector<double> weights;  // of line.distribution, for RandomStream::choose
    std::size_t answered = 0;     // scripted answers given so far
  };

  StringMap<Timeline<LineState>> lines_;
  std::vector<CallRecord> call_log_;
};

}  // namespace casim::sim::world
