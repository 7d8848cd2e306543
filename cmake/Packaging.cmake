# The documentation every install carries, and CPack's Debian package.
#
# `cmake --install build --prefix ~/.local` installs what the install rules name:
# bin/, the desktop entry, AppStream, icons, MIME type, translations, and the
# documentation below. `cpack -G DEB` (scripts/package-deb.sh) packs the same
# files, rooted at /usr, as build/sftbench_<version>_<arch>.deb.

# share/doc/sftbench: the README, the licence (GPL-3.0-or-later: the GUI links
# QCustomPlot, which is GPL-3) and the Debian machine-readable copyright file.
configure_file(${CMAKE_SOURCE_DIR}/resources/debian/copyright.in ${CMAKE_BINARY_DIR}/packaging/copyright @ONLY)
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_SOURCE_DIR}/LICENSE ${CMAKE_BINARY_DIR}/packaging/copyright
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_PACKAGE_NAME sftbench)
set(CPACK_PACKAGE_VENDOR "SFT Workbench authors")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(SFTBENCH_MAINTAINER "SFT Workbench authors <sftbench@users.noreply.github.com>" CACHE STRING
  "The .deb's Maintainer field (name <email>)")
set(CPACK_PACKAGE_CONTACT ${SFTBENCH_MAINTAINER})
set(CPACK_PACKAGE_HOMEPAGE_URL ${SFTBENCH_HOMEPAGE})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "desktop workbench for supervised fine-tuning of language models")
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_SOURCE_DIR}/LICENSE)
# A package is rooted at /usr whatever prefix the build tree was configured with.
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# Next to the build, wherever cpack is started from (cpack -B overrides it).
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR})
# The binaries carry debug information (RelWithDebInfo): 120-180 MB each unstripped.
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)

set(CPACK_DEBIAN_PACKAGE_NAME sftbench)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # sftbench_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${SFTBENCH_HOMEPAGE})
find_program(SFTBENCH_DPKG dpkg)
if(SFTBENCH_DPKG)
  execute_process(COMMAND ${SFTBENCH_DPKG} --print-architecture
                  OUTPUT_VARIABLE CPACK_DEBIAN_PACKAGE_ARCHITECTURE OUTPUT_STRIP_TRAILING_WHITESPACE)
endif()
# The extended description (CPack puts the summary line above it and indents it).
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "SFT Workbench curates instruction data (import, review, edit, undo),
filters it with heuristic rules and ROUGE-L near-duplicate detection,
generates new tasks with Self-Instruct, designs prompts and in-context
demonstrations, and fine-tunes Hugging Face checkpoints with LoRA,
bottleneck adapters, prefix tuning or full fine-tuning on LibTorch, with
live loss curves, in a worker process (sftbench-cli) that outlives the
window. Runs export to GGUF for llama.cpp. Everything is saved in one
SQLite workspace file (*.sftws). English and Simplified Chinese.")
# dpkg-shlibdeps finds the linked libraries (Qt 6, QCustomPlot, LibTorch, ...);
# the rest is loaded at run time and never linked: Qt's SQLite driver and
# platform plugins, the fast BLAS LibTorch's libblas.so.3 resolves to, and a
# CJK font for the Chinese interface.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(runtime)
if(SFTBENCH_HAVE_QT)
  list(APPEND runtime libqt6sql6-sqlite)  # the workspace file, also for sftbench-cli
endif()
if(SFTBENCH_GUI)
  list(APPEND runtime qt6-qpa-plugins "fonts-wqy-microhei | fonts-noto-cjk")
endif()
if(SFTBENCH_WITH_TORCH)
  list(APPEND runtime "libopenblas0-pthread | libopenblas0-openmp")
endif()
list(JOIN runtime ", " CPACK_DEBIAN_PACKAGE_DEPENDS)
# Qt's own translations (standard dialogs in Chinese); the caches the desktop
# entry, icons and MIME type are registered in; xdg-open for the About links;
# Qt's native Wayland platform (XWayland serves without it).
if(SFTBENCH_GUI)
  set(CPACK_DEBIAN_PACKAGE_RECOMMENDS
    "qt6-translations-l10n, desktop-file-utils, hicolor-icon-theme, shared-mime-info, xdg-utils, qt6-wayland")
endif()
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)

include(CPack)
