# Third-party libraries, all from Debian 12 packages (scripts/install-deps.sh installs them).
# An official (CUDA) LibTorch is picked up instead when CMAKE_PREFIX_PATH points at it.

find_package(Threads REQUIRED)
find_package(Torch REQUIRED)
find_package(OpenMP REQUIRED)          # FAISS's config needs OpenMP::OpenMP_CXX defined first
find_package(faiss REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(simdjson REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(CLI11 REQUIRED)
find_package(ICU 70 REQUIRED COMPONENTS uc i18n)   # Unicode properties, NFD, graphemes, regex
find_package(ZLIB REQUIRED)                       # reading gzip-compressed test data
find_package(PkgConfig REQUIRED)
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
# Snowball's stemmers (libstemmer-dev): BM25's optional English stemming. No CMake or pkg-config
# file ships with it.
find_library(STEMMER_LIBRARY stemmer REQUIRED)
find_path(STEMMER_INCLUDE_DIR libstemmer.h REQUIRED)
# oneDNN (libdnnl-dev): int8 encoding (core/model/int8_linear.cpp). Debian's LibTorch itself runs
# on this libdnnl.so.2; an official LibTorch carries its own copy and no headers, so the int8 path
# is built only where the library and its headers are found (options say so when it is absent).
find_library(DNNL_LIBRARY dnnl)
find_path(DNNL_INCLUDE_DIR oneapi/dnnl/dnnl.hpp)
if(DNNL_LIBRARY AND DNNL_INCLUDE_DIR AND NOT TORCH_CUDA_LIBRARIES)
  option(EMBEDLAB_WITH_ONEDNN "int8 encoding through oneDNN's int8 matmul" ON)
else()
  set(EMBEDLAB_WITH_ONEDNN OFF)
endif()

# LibTorch's config adds its flags (e.g. the C++ ABI define) to TORCH_CXX_FLAGS; the imported
# target carries the same definitions, so nothing is added to the global flags here.

if(EMBEDLAB_BUILD_GUI OR EMBEDLAB_BUILD_TESTS)
  set(EMBEDLAB_QT_COMPONENTS Core Test)
  if(EMBEDLAB_BUILD_GUI)
    list(APPEND EMBEDLAB_QT_COMPONENTS Gui Widgets Concurrent PrintSupport Svg LinguistTools)
  endif()
  find_package(Qt6 6.4 REQUIRED COMPONENTS ${EMBEDLAB_QT_COMPONENTS})
endif()
if(EMBEDLAB_BUILD_GUI)
  find_package(QCustomPlotQt6 REQUIRED)
endif()
if(EMBEDLAB_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()
