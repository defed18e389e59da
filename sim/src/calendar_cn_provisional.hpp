// CN-provisional: China mainland's weekends and statutory days off (全国年节及纪念日放假办法),
// computed for 2008–2099 from ICU's Chinese calendar and the Qingming solar term, without the
// make-up working days and bridging days each year's announcement adds.
#pragma once

#include "casim/sim/calendar.hpp"

namespace casim::sim {

// From the first year of the rules' 2007 revision (Qingming, Dragon Boat and Mid-Autumn off) to the
// last of the century the Qingming formula holds for.
inline constexpr int kChinaProvisionalFirstYear = 2008;
inline constexpr int kChinaProvisionalLastYear = 2099;

// Computed on first use, every year at once, then shared: a provisional() calendar with its
// holidays listed per year.
const Calendar& china_provisional_calendar();

}  // namespace casim::sim
