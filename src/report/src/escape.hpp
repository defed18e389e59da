// The one text escaper of the markup formats (junit.xml and report.html): user-supplied text made
// safe for XML and HTML element content and attribute values. Private to src/report.
#pragma once

#include <string>
#include <string_view>

namespace casim::report::detail {

// & < > " ' as entities; tab, newline and carriage return as character references (so attribute
// values keep them); other control characters, which XML 1.0 and HTML forbid even as references,
// as [0xNN].
std::string escape(std::string_view text);

}  // namespace casim::report::detail
