# Shared build settings for casim's targets: warnings, sanitizers, and the test helper.

add_library(casim_build_flags INTERFACE)
target_compile_options(casim_build_flags INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion -Wnon-virtual-dtor
  $<$<BOOL:${CASIM_WARNINGS_AS_ERRORS}>:-Werror>)
if(CASIM_SANITIZE)
  target_compile_options(casim_build_flags INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
    # GCC 12 warns falsely about std::variant moves under the sanitizers' instrumentation.
    $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
  target_link_options(casim_build_flags INTERFACE -fsanitize=address,undefined)
endif()

# casim_library(NAME DIR [DEPS ...]): a static library from DIR/src/*.cpp with public headers
# under DIR/include/casim/<lib>/.
function(casim_library name dir)
  cmake_parse_arguments(ARG "" "" "DEPS;PRIVATE_DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS "${dir}/src/*.cpp")
  add_library(${name} STATIC ${sources})
  target_include_directories(${name} PUBLIC "${dir}/include" PRIVATE "${dir}/src")
  target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE casim_build_flags ${ARG_PRIVATE_DEPS})
endfunction()

# casim_tests(DIR LIBS...): one Boost.Test executable and one CTest entry per DIR/test_*.cpp.
# Tests find the built command through the CASIM_BIN environment variable and the source tree
# through CASIM_SOURCE_DIR.
function(casim_tests dir)
  file(GLOB tests CONFIGURE_DEPENDS "${dir}/test_*.cpp")
  get_filename_component(group "${dir}" NAME)
  foreach(test_source IN LISTS tests)
    get_filename_component(stem "${test_source}" NAME_WE)
    set(target "${group}_${stem}")
    add_executable(${target} "${test_source}")
    target_compile_definitions(${target} PRIVATE BOOST_TEST_DYN_LINK "BOOST_TEST_MODULE=${target}")
    target_include_directories(${target} PRIVATE "${CMAKE_SOURCE_DIR}/tests/support")
    target_link_libraries(${target} PRIVATE ${ARGN} Boost::unit_test_framework casim_build_flags)
    add_dependencies(${target} casim)  # tests run the built command through CASIM_BIN
    add_test(NAME ${group}.${stem} COMMAND ${target} --log_level=test_suite)
    set_tests_properties(${group}.${stem} PROPERTIES
      ENVIRONMENT "CASIM_BIN=$<TARGET_FILE:casim>;CASIM_SOURCE_DIR=${CMAKE_SOURCE_DIR}"
      LABELS "${group}")
  endforeach()
endfunction()
