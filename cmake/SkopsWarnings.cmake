# Warning and sanitizer flags shared by every target of the project (linked PRIVATE as
# $<BUILD_INTERFACE:skops_flags>, so they never leak into an installed consumer).
add_library(skops_flags INTERFACE)
target_compile_options(skops_flags INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                             -Wno-sign-compare)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(skops_flags INTERFACE -Wconversion-null)
elseif(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  target_compile_options(skops_flags INTERFACE -Wnull-conversion)
endif()
if(SKOPS_WERROR)
  target_compile_options(skops_flags INTERFACE -Werror)
endif()
if(SKOPS_SANITIZE STREQUAL "thread")
  # ThreadSanitizer (cannot be combined with ASan): the concurrency tests in CI.
  set(_skops_san -fsanitize=thread -fno-omit-frame-pointer)
  target_compile_options(skops_flags INTERFACE ${_skops_san})
  target_link_options(skops_flags INTERFACE ${_skops_san})
elseif(SKOPS_SANITIZE)
  set(_skops_san -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_compile_options(skops_flags INTERFACE ${_skops_san})
  target_link_options(skops_flags INTERFACE ${_skops_san})
  # libstdc++'s cheap precondition checks (operator[] bounds, front() on empty...) catch
  # out-of-range indexing that ASan cannot see inside a vector's capacity.
  target_compile_definitions(skops_flags INTERFACE _GLIBCXX_ASSERTIONS)
endif()
