# format-check: fails when a C++ file of ours differs from what clang-format makes of it.
# format: rewrites them in place.
find_program(EMBEDLAB_CLANG_FORMAT NAMES clang-format clang-format-14)
if(EMBEDLAB_CLANG_FORMAT)
  file(GLOB_RECURSE EMBEDLAB_FORMAT_SOURCES CONFIGURE_DEPENDS
       ${PROJECT_SOURCE_DIR}/core/*.h ${PROJECT_SOURCE_DIR}/core/*.cpp
       ${PROJECT_SOURCE_DIR}/widgets/*.h ${PROJECT_SOURCE_DIR}/widgets/*.cpp
       ${PROJECT_SOURCE_DIR}/app/*.h ${PROJECT_SOURCE_DIR}/app/*.cpp
       ${PROJECT_SOURCE_DIR}/tests/*.h ${PROJECT_SOURCE_DIR}/tests/*.cpp
       ${PROJECT_SOURCE_DIR}/bench/*.h ${PROJECT_SOURCE_DIR}/bench/*.cpp)
  add_custom_target(format-check
    COMMAND ${EMBEDLAB_CLANG_FORMAT} --dry-run --Werror ${EMBEDLAB_FORMAT_SOURCES}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    COMMENT "Checking C++ formatting with clang-format" VERBATIM)
  add_custom_target(format
    COMMAND ${EMBEDLAB_CLANG_FORMAT} -i ${EMBEDLAB_FORMAT_SOURCES}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    COMMENT "Formatting C++ sources with clang-format" VERBATIM)
endif()

# The formatting check also runs with the tests (label unit), so CI catches unformatted code.
if(EMBEDLAB_CLANG_FORMAT AND EMBEDLAB_BUILD_TESTS)
  add_test(NAME format_check
           COMMAND ${EMBEDLAB_CLANG_FORMAT} --dry-run --Werror ${EMBEDLAB_FORMAT_SOURCES}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(format_check PROPERTIES LABELS unit)
endif()
