# Fails when widget or GUI code includes LibTorch, or core's torch-only internal headers
# (core/*/torch/...). LibTorch's headers and Qt's keywords do not mix, and ARCHITECTURE.md keeps
# them apart. Run by CTest: cmake -DSOURCE_DIR=... -P check_layering.cmake
file(GLOB_RECURSE sources ${SOURCE_DIR}/widgets/*.h ${SOURCE_DIR}/widgets/*.cpp
                          ${SOURCE_DIR}/app/gui/*.h ${SOURCE_DIR}/app/gui/*.cpp)
file(GLOB_RECURSE public_headers ${SOURCE_DIR}/core/*.h)
list(FILTER public_headers EXCLUDE REGEX "/torch/|/pch/")
set(violations "")
foreach(file ${sources} ${public_headers})
  file(STRINGS ${file} includes REGEX "#include [<\"](torch/|ATen/|c10/|core/[a-z_]+/torch/)")
  if(includes)
    list(APPEND violations "${file}: ${includes}")
  endif()
endforeach()
if(violations)
  string(REPLACE ";" "\n" message "${violations}")
  message(FATAL_ERROR "LibTorch headers where they must not be:\n${message}")
endif()
message(STATUS "layering ok: ${CMAKE_CURRENT_LIST_FILE}")
