# Strict warnings for convis' own targets; third-party targets stay quiet (they are SYSTEM includes).
option(CONVIS_WERROR "Treat warnings in convis' own code as errors" OFF)
function(convis_strict_warnings target)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wnon-virtual-dtor
      -Wold-style-cast -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough>
    $<$<COMPILE_LANGUAGE:CUDA>:-Xcompiler=-Wall,-Wextra>)
  if(CONVIS_WERROR)
    target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:CXX>:-Werror>)
  endif()
endfunction()
