// The manual review process: its events on the kernel (start, organization and EV checks, calls,
// letter, end), the checks themselves, and reuse of saved organization data.
#include "casim/mockca/review.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

#include "casim/mockca/trace.hpp"
#include "casim/mockca/validity_policy.hpp"
#include "casim/sim/business_time.hpp"
#include "casim/sim/random.hpp"
#include "casim/sim/text.hpp"

namespace casim::mockca {

namespace world = sim::world;

struct ReviewSetting {
  ReviewPolicy policy;
  sim::Calendar calendar;
  world::World* world;
  std::uint64_t seed;
  std::uint64_t run_index;
  bool keep_text;  // steps carry their detail text
};

namespace {

// The fields of the request that differ from the registry's entry, as "field 'given' (registry:
// 'shown')" phrases.
std::vector<std::string> mismatches(const ReviewRequest& request, const world::Organization& org) {
  std::vector<std::string> found;
  const auto differ = [&](std::string_view field, const std::string& given, const std::string& shown) {
    found.push_back(fmt::format("{} '{}' (registry: '{}')", field, given, shown));
  };
  if (request.legal_name != org.legal_name) differ("legal name", request.legal_name, org.legal_name);
  if (!request.registration_number.empty() && request.registration_number != org.registration_number) {
    differ("registration number", request.registration_number, org.registration_number);
  }
  const world::Jurisdiction& given = request.jurisdiction;
  const world::Jurisdiction& shown = org.jurisdiction;
  if (!sim::equal_ignoring_case(given.country, shown.country)) differ("country", given.country, shown.country);
  if (!given.state_or_province.empty() &&
      !sim::equal_ignoring_case(given.state_or_province, shown.state_or_province)) {
    differ("state or province", given.state_or_province, shown.state_or_province);
  }
  if (!given.locality.empty() && !sim::equal_ignoring_case(given.locality, shown.locality)) {
    differ("locality", given.locality, shown.locality);
  }
  return found;
}

std::string joined(const std::vector<std::string>& parts) {
  std::string text;
  for (const auto& part : parts) text += (text.empty() ? "" : "; ") + part;
  return text;
}

void check_duration(const sim::DurationSpec& spec, std::string_view field) {
  if (!std::isfinite(spec.amount) || spec.amount < 0) {
    throw std::invalid_argument(fmt::format("review policy: {} is negative or not finite", field));
  }
}

}  // namespace

// One review: its state between the kernel events that move it on.
class ReviewProcess : public std::enable_shared_from_this<ReviewProcess> {
 public:
  ReviewProcess(std::shared_ptr<const ReviewSetting> setting, sim::Kernel& kernel, sim::Instant at,
                ReviewRequest request, ReviewDone done, ReviewStepSeen on_step)
      : setting_(std::move(setting)),
        kernel_(&kernel),
        request_(std::move(request)),
        duration_stream_(sim::RandomStream::for_attempt(setting_->seed, setting_->run_index, "review.duration",
                                                        request_.order, request_.attempt)),
        answer_stream_(sim::RandomStream::for_attempt(setting_->seed, setting_->run_index, "review.call.answer",
                                                      request_.order, request_.attempt)),
        done_(std::move(done)),
        on_step_(std::move(on_step)) {
    result_.order = request_.order;
    result_.attempt = request_.attempt;
    result_.level = request_.level;
    result_.started = at;
    result_.planned_end = at;
    result_.finished = at;
  }

  // Schedules the next event; nothing once cancelled (e.g. by an observer of the current step).
  void schedule(sim::Instant at, void (ReviewProcess::*action)()) {
    if (!active_) return;
    pending_ = kernel_->schedule_at(at, [self = shared_from_this(), action] { (self.get()->*action)(); });
  }

  bool active() const { return active_; }
  const ReviewResult& progress() const { return result_; }

  std::optional<ReviewResult> cancel() {
    if (!active_) return std::nullopt;
    active_ = false;
    kernel_->cancel(pending_);
    result_.verdict = ReviewVerdict::Cancelled;
    result_.finished = std::max(kernel_->now(), result_.started);
    result_.business_time = calendar().business_time_between(result_.started, result_.finished);
    return result_;
  }

  void begin() {
    const sim::Instant now = kernel_->now();
    const std::optional<OrganizationValidationRecord>& saved = request_.saved;
    const bool reuse = saved && reusable(*saved, request_.level, now) &&
                       (request_.registration_number.empty() ||
                        saved->organization_id == request_.registration_number);
    const sim::DurationDistribution& duration =
        reuse ? policy().reuse_duration
              : request_.level == ValidationLevel::EV ? policy().ev_duration : policy().ov_duration;
    result_.drawn = duration.draw(duration_stream_);
    result_.planned_end = sim::advance(now, result_.drawn, calendar());
    add_step(ReviewStepKind::Started, std::nullopt, [&] {
      return fmt::format("{} review of '{}' (attempt {}): drew {} on {}, earliest end {}", level_name(request_.level),
                         request_.legal_name, result_.attempt, sim::format_duration(result_.drawn), calendar().name(),
                         sim::format_instant(result_.planned_end));
    });
    if (saved) {
      add_step(ReviewStepKind::Reuse, std::nullopt, [&] { return reuse_detail(*saved, reuse, now); });
    }
    if (reuse) {
      result_.reused = true;
      result_.verdict = ReviewVerdict::Passed;
      result_.record = *saved;
      schedule(result_.planned_end, &ReviewProcess::finish);
      return;
    }
    schedule(calendar().next_business_instant(now), &ReviewProcess::check_organization);
  }

  void check_organization() {
    const sim::Instant now = kernel_->now();
    const world::OrganizationRegistry& registry = setting_->world->registry;
    world::RegistryAnswer answer;
    if (!request_.registration_number.empty()) {
      answer = registry.find_by_number(request_.registration_number, now);
    }
    if (answer.status == world::RegistryStatus::NotFound) {
      answer = registry.find_by_name(request_.legal_name, now);
    }
    if (answer.status == world::RegistryStatus::NotFound) {
      fail(ReviewStepKind::OrganizationCheck, Reason::ReviewOrganizationNotFound, [&] {
        const std::string looked_up =
            request_.registration_number.empty()
                ? fmt::format("'{}'", request_.legal_name)
                : fmt::format("'{}' ({})", request_.legal_name, request_.registration_number);
        return fmt::format("registry at {}: no organization {}", sim::format_instant(now), looked_up);
      });
      return;
    }
    const world::Organization& org = *answer.organization;
    if (answer.status == world::RegistryStatus::Inactive) {
      fail(ReviewStepKind::OrganizationCheck, Reason::ReviewOrganizationInactive, [&] {
        return fmt::format("registry at {}: '{}' ({}) is inactive", sim::format_instant(now), org.legal_name,
                           org.registration_number);
      });
      return;
    }
    if (const auto differences = mismatches(request_, org); !differences.empty()) {
      fail(ReviewStepKind::OrganizationCheck, Reason::ReviewOrganizationMismatch, [&] {
        return fmt::format("registry at {} differs from the application: {}", sim::format_instant(now),
                           joined(differences));
      });
      return;
    }
    organization_ = org;
    add_step(ReviewStepKind::OrganizationCheck, std::nullopt, [&] {
      return fmt::format("registry at {}: '{}' ({}) active in {}; listed phone {}", sim::format_instant(now),
                         org.legal_name, org.registration_number, jurisdiction_text(org.jurisdiction),
                         org.directory_phone.empty() ? "none" : org.directory_phone);
    });
    if (request_.level == ValidationLevel::EV && !ev_checks_pass(now)) {
      fail_at(now);
      return;
    }
    if (org.directory_phone.empty()) {
      no_listed_phone(now);
      return;
    }
    schedule(next_call_instant(sim::advance(now, policy().first_call_delay, calendar())),
             &ReviewProcess::call);
  }

  void call() {
    const sim::Instant now = kernel_->now();
    const std::string& number = organization_.directory_phone;
    const world::CallOutcome outcome = setting_->world->phones.call(number, now, answer_stream_);
    ++result_.calls;
    if (!outcome.outside_hours) connected_ = true;
    const auto call_text = [&] {
      return fmt::format("call {} to {} at {}: {}", result_.calls, number, sim::format_instant(now),
                         world::describe(outcome));
    };
    const LazyText what(call_text);
    switch (outcome.result) {
      case world::CallResult::Confirmed:
        add_step(ReviewStepKind::Call, std::nullopt, what, outcome);
        validated(now);
        return;
      case world::CallResult::Refused:
        fail(ReviewStepKind::Call, Reason::ReviewCallRefused, what, outcome);
        return;
      case world::CallResult::WrongNumber:
      case world::CallResult::NotInService:
        fail(ReviewStepKind::Call, Reason::ReviewWrongNumber, what, outcome);
        return;
      case world::CallResult::NoAnswer:
      case world::CallResult::Busy:
      case world::CallResult::Voicemail:
        unanswered(what, outcome, sim::advance(now, policy().retry_spacing, calendar()));
        return;
      case world::CallResult::CallBack:
        if (policy().call_back_counts_as_attempt || call_backs_ >= policy().max_call_backs) {
          unanswered(what, outcome, *outcome.call_back_at);
          return;
        }
        ++call_backs_;
        retry(what, outcome, *outcome.call_back_at,
              [&] { return fmt::format("call-back {} of {} honoured", call_backs_, policy().max_call_backs); });
        return;
    }
  }

  void letter_returned() {
    const sim::Instant now = kernel_->now();
    add_step(ReviewStepKind::Letter, std::nullopt, [&] {
      return fmt::format("verification code from the letter to '{}' entered at {}", organization_.address,
                         sim::format_instant(now));
    });
    validated(now);
  }

  void finish() {
    active_ = false;
    result_.finished = kernel_->now();
    result_.business_time = calendar().business_time_between(result_.started, result_.finished);
    if (done_) done_(result_);
  }

 private:
  const ReviewPolicy& policy() const { return setting_->policy; }
  const sim::Calendar& calendar() const { return setting_->calendar; }

  // The detail is built only when the review keeps text.
  void add_step(ReviewStepKind kind, std::optional<Reason> reason, const LazyText& detail,
                std::optional<world::CallOutcome> call = std::nullopt) {
    result_.steps.push_back({kind, kernel_->now(), reason, call, setting_->keep_text ? detail() : std::string()});
    if (reason) result_.reasons.push_back(*reason);
    if (on_step_) on_step_(result_.steps.back());
  }

  // The step fails the review: it ends when the drawn duration is over (or now, if later).
  void fail(ReviewStepKind kind, Reason reason, const LazyText& detail,
            std::optional<world::CallOutcome> call = std::nullopt) {
    add_step(kind, reason, detail, call);
    fail_at(kernel_->now());
  }

  void fail_at(sim::Instant now) {
    result_.verdict = ReviewVerdict::Failed;
    schedule(std::max(result_.planned_end, now), &ReviewProcess::finish);
  }

  // The call or the letter confirmed the organization.
  void validated(sim::Instant now) {
    result_.verdict = ReviewVerdict::Passed;
    result_.record = OrganizationValidationRecord{organization_.registration_number, now, request_.level};
    schedule(std::max(result_.planned_end, now), &ReviewProcess::finish);
  }

  // A call nobody took up (or a call-back that counts as an attempt): retry at `due`, or fail
  // when the attempts are used up.
  void unanswered(const LazyText& what, const world::CallOutcome& outcome, sim::Instant due) {
    ++attempts_;
    if (attempts_ >= policy().max_call_attempts) {
      fail(ReviewStepKind::Call, connected_ ? Reason::ReviewNoAnswerAfterRetries : Reason::ReviewCallsOutsideLineHours,
           [&] {
             return fmt::format("{}; attempt {} of {}, no attempts left{}", what(), attempts_,
                                policy().max_call_attempts,
                                connected_ ? "" : "; every call fell outside the line's hours");
           },
           outcome);
      return;
    }
    retry(what, outcome, due, [&] { return fmt::format("attempt {} of {}", attempts_, policy().max_call_attempts); });
  }

  void retry(const LazyText& what, const world::CallOutcome& outcome, sim::Instant due, const LazyText& count) {
    const sim::Instant next = next_call_instant(due);
    add_step(
        ReviewStepKind::Call, std::nullopt,
        [&] { return fmt::format("{}; {}, next call at {}", what(), count(), sim::format_instant(next)); }, outcome);
    schedule(next, &ReviewProcess::call);
  }

  // Calls are made in the calling hours only (by default the CA's business hours).
  sim::Instant next_call_instant(sim::Instant due) const {
    const sim::Calendar& calling = policy().calling_hours ? *policy().calling_hours : calendar();
    return calling.next_business_instant(std::max(due, kernel_->now()));
  }

  // EV Guidelines checks beyond the organization check; a step each. False when any failed.
  bool ev_checks_pass(sim::Instant now) {
    const world::Organization& org = organization_;
    bool pass = true;
    const int years = org.years_registered(now);
    const auto registered = [&] {
      return fmt::format("registered {} ({} full years)", sim::format_date(org.registration_date), years);
    };
    if (years >= kEvOperationalExistenceYears) {
      add_step(ReviewStepKind::EvCheck, std::nullopt, [&] { return "operational existence: " + registered(); });
    } else if (org.operational_existence_evidence) {
      add_step(ReviewStepKind::EvCheck, std::nullopt,
               [&] { return "operational existence: " + registered() + ", independent evidence on file"; });
    } else {
      pass = false;
      add_step(ReviewStepKind::EvCheck, Reason::ReviewEvOperationalExistence, [&] {
        return fmt::format("operational existence: {}, under {} years and no independent evidence", registered(),
                           kEvOperationalExistenceYears);
      });
    }
    if (org.signer_authority_confirmed) {
      add_step(ReviewStepKind::EvCheck, std::nullopt, [] { return "signer authority: confirmed"; });
    } else {
      pass = false;
      add_step(ReviewStepKind::EvCheck, Reason::ReviewEvSignerAuthority,
               [] { return "signer authority: the contract signer's and approver's authority is not confirmed"; });
    }
    std::vector<std::string> missing;
    if (request_.registration_number.empty()) missing.push_back("no registration number given");
    if (!request_.business_category) {
      missing.push_back("no business category given");
    } else if (*request_.business_category != org.category) {
      missing.push_back(fmt::format("business category '{}' (registry: '{}')",
                                    world::to_string(*request_.business_category), world::to_string(org.category)));
    }
    if (missing.empty()) {
      add_step(ReviewStepKind::EvCheck, std::nullopt, [&] {
        return fmt::format("registration details: {} in {}, {}", org.registration_number,
                           jurisdiction_text(org.jurisdiction), world::to_string(org.category));
      });
    } else {
      pass = false;
      add_step(ReviewStepKind::EvCheck, Reason::ReviewEvRegistrationDetails,
               [&] { return "registration details: " + joined(missing); });
    }
    return pass;
  }

  void no_listed_phone(sim::Instant now) {
    const auto applicant = [&] {
      return organization_.applicant_phone.empty()
                 ? std::string()
                 : fmt::format(" (the applicant's {} is never called)", organization_.applicant_phone);
    };
    if (policy().no_listed_phone == NoListedPhone::Fail) {
      fail(ReviewStepKind::Call, Reason::ReviewNoListedPhone, [&] {
        return fmt::format("no phone number listed for '{}' in an independent directory{}", organization_.legal_name,
                           applicant());
      });
      return;
    }
    if (organization_.address.empty()) {
      fail(ReviewStepKind::Letter, Reason::ReviewNoListedPhone, [&] {
        return fmt::format("no phone number listed for '{}' in an independent directory{}, and no registered "
                           "address to mail a verification letter to",
                           organization_.legal_name, applicant());
      });
      return;
    }
    const sim::Instant back = sim::advance(now, policy().letter_turnaround, calendar());
    add_step(ReviewStepKind::Letter, std::nullopt, [&] {
      return fmt::format("no listed phone number{}: letter with a verification code mailed to '{}', "
                         "expected back at {}",
                         applicant(), organization_.address, sim::format_instant(back));
    });
    schedule(back, &ReviewProcess::letter_returned);
  }

  std::string reuse_detail(const OrganizationValidationRecord& saved, bool reuse, sim::Instant now) const {
    const int limit = organization_reuse_days(now, request_.level);
    const auto age_days = (now - saved.validated_at) / sim::kDay;
    const std::string what = fmt::format("saved {} validation of {} from {} ({} days old, reuse limit {} days)",
                                         level_name(saved.level), saved.organization_id,
                                         sim::format_instant(saved.validated_at), age_days, limit);
    if (reuse) return what + ": reused, no registry check and no call";
    if (!request_.registration_number.empty() && saved.organization_id != request_.registration_number) {
      return what + ": another organization than " + request_.registration_number + ", full review";
    }
    if (saved.level == ValidationLevel::OV && request_.level == ValidationLevel::EV) {
      return what + ": OV data does not cover EV, full review";
    }
    return what + ": too old, full review";
  }

  static std::string jurisdiction_text(const world::Jurisdiction& where) {
    std::string text = where.country;
    for (const std::string* part : {&where.state_or_province, &where.locality}) {
      if (!part->empty()) text += "/" + *part;
    }
    return text;
  }

  std::shared_ptr<const ReviewSetting> setting_;
  sim::Kernel* kernel_;
  ReviewRequest request_;
  sim::RandomStream duration_stream_;
  sim::RandomStream answer_stream_;
  ReviewDone done_;
  ReviewStepSeen on_step_;
  ReviewResult result_;
  world::Organization organization_;  // as the registry showed it at the organization check
  sim::EventId pending_;
  bool active_ = true;
  int attempts_ = 0;    // calls counted against max_call_attempts
  int call_backs_ = 0;  // call-backs honoured without counting
  bool connected_ = false;  // a call reached the line within its hours
};

TraceKind trace_kind(ReviewStepKind kind) {
  switch (kind) {
    case ReviewStepKind::Started: return TraceKind::Started;
    case ReviewStepKind::Reuse: return TraceKind::Reuse;
    case ReviewStepKind::OrganizationCheck: return TraceKind::OrganizationCheck;
    case ReviewStepKind::EvCheck: return TraceKind::EvCheck;
    case ReviewStepKind::Call: return TraceKind::Call;
    case ReviewStepKind::Letter: return TraceKind::Letter;
  }
  return TraceKind::Started;
}

std::string_view to_string(ReviewVerdict verdict) {
  switch (verdict) {
    case ReviewVerdict::Passed: return "passed";
    case ReviewVerdict::Failed: return "failed";
    case ReviewVerdict::Cancelled: return "cancelled";
  }
  return "unknown";
}

sim::DurationDistribution default_ov_review_duration() {
  return sim::DurationDistribution::uniform(sim::DurationSpec::business_days(3),
                                            sim::DurationSpec::business_days(5), "OV review duration");
}

sim::DurationDistribution default_ev_review_duration() {
  return sim::DurationDistribution::uniform(sim::DurationSpec::business_days(5),
                                            sim::DurationSpec::business_days(7), "EV review duration");
}

sim::DurationDistribution default_reuse_review_duration() {
  return sim::DurationDistribution::fixed(sim::DurationSpec::business_days(1), "reuse review duration");
}

bool reusable(const OrganizationValidationRecord& record, ValidationLevel level, sim::Instant at) {
  if (record.level == ValidationLevel::DV || level == ValidationLevel::DV) return false;
  if (record.level == ValidationLevel::OV && level == ValidationLevel::EV) return false;
  return at >= record.validated_at && at - record.validated_at <= sim::kDay * organization_reuse_days(at, level);
}

bool ReviewHandle::active() const { return process_ && process_->active(); }

std::optional<ReviewResult> ReviewHandle::cancel() {
  if (!process_) return std::nullopt;
  return process_->cancel();
}

const ReviewResult& ReviewHandle::progress() const {
  if (!process_) throw std::logic_error("ReviewHandle::progress: the handle names no review");
  return process_->progress();
}

Review::Review(ReviewPolicy policy, sim::Calendar calendar, world::World& world, std::uint64_t seed,
               std::uint64_t run_index, bool keep_text) {
  if (policy.max_call_attempts < 1) throw std::invalid_argument("review policy: max_call_attempts < 1");
  if (policy.max_call_backs < 0) throw std::invalid_argument("review policy: max_call_backs < 0");
  check_duration(policy.first_call_delay, "first_call_delay");
  check_duration(policy.retry_spacing, "retry_spacing");
  check_duration(policy.letter_turnaround, "letter_turnaround");
  setting_ = std::make_shared<const ReviewSetting>(
      ReviewSetting{std::move(policy), std::move(calendar), &world, seed, run_index, keep_text});
}

ReviewHandle Review::start(sim::Kernel& kernel, sim::Instant at, ReviewRequest request, ReviewDone done,
                           ReviewStepSeen on_step) {
  if (request.level == ValidationLevel::DV) {
    throw std::invalid_argument(fmt::format("review of {}: DV orders have no manual review", request.order));
  }
  if (request.attempt < 1) {
    throw std::invalid_argument(fmt::format("review of {}: attempt {} is below 1", request.order, request.attempt));
  }
  if (at < kernel.now()) {
    throw std::logic_error(fmt::format("review of {}: start {} is before now {}", request.order,
                                       sim::format_instant(at), sim::format_instant(kernel.now())));
  }
  auto process = std::make_shared<ReviewProcess>(setting_, kernel, at, std::move(request), std::move(done),
                                                 std::move(on_step));
  process->schedule(at, &ReviewProcess::begin);
  return ReviewHandle(std::move(process));
}

const ReviewPolicy& Review::policy() const { return setting_->policy; }
const sim::Calendar& Review::calendar() const { return setting_->calendar; }

}  // namespace casim::mockca
