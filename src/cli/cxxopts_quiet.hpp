// cxxopts for the command line, with one false GCC 12 warning from inside its header silenced:
// -Wrestrict on a one-character literal assigned to a std::string (GCC PR105329).
#pragma once

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wrestrict"
#include <cxxopts.hpp>
#pragma GCC diagnostic pop
