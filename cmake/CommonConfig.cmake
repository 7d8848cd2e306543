# Defines and helpers shared by every target (qBittorrent's CommonConfig pattern).

# Qt string hygiene for every Qt target; torch targets add QT_NO_KEYWORDS on top.
set(SFT_QT_DEFINES
  QT_NO_CAST_FROM_ASCII
  QT_NO_CONTEXTLESS_CONNECT
  QT_USE_QSTRINGBUILDER
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT)

if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  add_compile_options(-Wall -Wextra -Wno-unused-parameter)
endif()

# Fuzz builds instrument every target so libFuzzer sees coverage of the parsers.
if(SFTBENCH_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "SFTBENCH_FUZZ needs clang (CXX=clang++)")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

# Data the tests and benchmarks read by path (never copied into the repo).
get_filename_component(SFT_SHARED_DATA_DIR "${CMAKE_SOURCE_DIR}/../shared/data" ABSOLUTE)

# sft_add_test(NAME SOURCES a.cpp [b.cpp] LIBS lib... [LABELS l...] [TIMEOUT s] [REALDATA])
# One Qt Test executable per file, registered with CTest, offscreen platform.
# REALDATA: the test's realData* functions read ../shared/data (or
# $SFT_SHARED_DATA_DIR); they run as a second CTest test NAME_realdata
# (`NAME --realdata`, label realdata) that exits 77 when a file is missing,
# which CTest reports as Skipped. NAME runs the other functions, on fixtures.
# Helpers: tests/common/shared_data.h.
function(sft_add_test name)
  cmake_parse_arguments(T "REALDATA" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE Qt6::Test ${T_LIBS})
  target_include_directories(${name} PRIVATE ${CMAKE_SOURCE_DIR}/tests/common)
  target_compile_definitions(${name} PRIVATE ${SFT_QT_DEFINES}
    SFT_SHARED_DATA_DIR="${SFT_SHARED_DATA_DIR}"
    SFT_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
    SFT_TEST_DATA_DIR="${CMAKE_CURRENT_SOURCE_DIR}/data"
    SFT_BINARY_DIR="${CMAKE_BINARY_DIR}")
  add_test(NAME ${name} COMMAND ${name})
  set(tests ${name})
  if(T_REALDATA)
    add_test(NAME ${name}_realdata COMMAND ${name} --realdata)
    set(labels ${T_LABELS} realdata)
    set_tests_properties(${name}_realdata PROPERTIES SKIP_RETURN_CODE 77 LABELS "${labels}")
    list(APPEND tests ${name}_realdata)
  endif()
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  set_tests_properties(${tests} PROPERTIES TIMEOUT ${T_TIMEOUT}
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LC_ALL=C.UTF-8")
  if(T_LABELS)
    set_tests_properties(${name} PROPERTIES LABELS "${T_LABELS}")
  endif()
endfunction()

# Torch-including targets: Qt's `slots` macro breaks torch headers.
function(sft_torch_target target)
  target_compile_definitions(${target} PRIVATE QT_NO_KEYWORDS)
  target_link_libraries(${target} PUBLIC ${TORCH_LIBRARIES})
endfunction()
