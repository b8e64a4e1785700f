# Fails when widget or GUI code includes LibTorch, or core's torch-only internal headers
# (core/*/torch/...); when core includes Qt (core is the Qt-free library every front end links);
# or when c10d's collectives are included outside core/dist. LibTorch's headers and Qt's keywords
# do not mix, and ARCHITECTURE.md keeps them apart. Run by CTest:
# cmake -DSOURCE_DIR=... -P check_layering.cmake
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
file(GLOB_RECURSE core_files ${SOURCE_DIR}/core/*.h ${SOURCE_DIR}/core/*.cpp)
foreach(file ${core_files})
  file(STRINGS ${file} includes REGEX "#include [<\"](Q[A-Za-z]+|Qt[A-Za-z]+/|qcustomplot)")
  if(includes)
    list(APPEND violations "${file} (core is Qt-free): ${includes}")
  endif()
  if(NOT file MATCHES "/core/dist/")
    file(STRINGS ${file} includes REGEX "#include [<\"]torch/csrc/distributed/")
    if(includes)
      list(APPEND violations "${file} (c10d stays in core/dist): ${includes}")
    endif()
  endif()
endforeach()
if(violations)
  string(REPLACE ";" "\n" message "${violations}")
  message(FATAL_ERROR "Headers where they must not be:\n${message}")
endif()
message(STATUS "layering ok: ${CMAKE_CURRENT_LIST_FILE}")
