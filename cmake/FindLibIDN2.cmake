# Finds libidn2 (Debian package libidn2-dev), which ships no CMake config of its own.
# Defines LibIDN2::LibIDN2.
find_path(LibIDN2_INCLUDE_DIR NAMES idn2.h)
find_library(LibIDN2_LIBRARY NAMES idn2)
if(LibIDN2_INCLUDE_DIR AND EXISTS "${LibIDN2_INCLUDE_DIR}/idn2.h")
  file(STRINGS "${LibIDN2_INCLUDE_DIR}/idn2.h" _idn2_version_line REGEX "^# *define IDN2_VERSION \"")
  string(REGEX REPLACE ".*\"([^\"]+)\".*" "\\1" LibIDN2_VERSION "${_idn2_version_line}")
endif()
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(LibIDN2
  REQUIRED_VARS LibIDN2_LIBRARY LibIDN2_INCLUDE_DIR
  VERSION_VAR LibIDN2_VERSION)
if(LibIDN2_FOUND AND NOT TARGET LibIDN2::LibIDN2)
  add_library(LibIDN2::LibIDN2 UNKNOWN IMPORTED)
  set_target_properties(LibIDN2::LibIDN2 PROPERTIES
    IMPORTED_LOCATION "${LibIDN2_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${LibIDN2_INCLUDE_DIR}")
endif()
mark_as_advanced(LibIDN2_INCLUDE_DIR LibIDN2_LIBRARY)
