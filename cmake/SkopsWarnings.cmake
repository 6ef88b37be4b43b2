# Warning and sanitizer flags shared by every target of the project.
add_library(skops_flags INTERFACE)
target_compile_options(skops_flags INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                             -Wconversion-null -Wno-sign-compare)
if(SKOPS_WERROR)
  target_compile_options(skops_flags INTERFACE -Werror)
endif()
if(SKOPS_SANITIZE)
  set(_skops_san -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_compile_options(skops_flags INTERFACE ${_skops_san})
  target_link_options(skops_flags INTERFACE ${_skops_san})
endif()
