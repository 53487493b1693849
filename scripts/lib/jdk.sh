# Finds a JDK >= 21 and exports JAVA_HOME to it. Sourced by scripts/vigie, scripts/bench and mvnw.
# Order: JAVA_HOME, then the java on PATH, then /usr/lib/jvm/* (newest first).
# shellcheck shell=bash

vigie_java_major() {
  # Prints the feature version of the java binary given ("17", "21", "25"), or nothing.
  local out
  out=$("$1" -version 2>&1 | head -n 1) || return 1
  out=${out#*version \"}
  out=${out%%\"*}
  case "$out" in
    1.*) out=${out#1.}; echo "${out%%.*}" ;;
    *) out=${out%%[.+-]*}; echo "${out}" ;;
  esac
}

vigie_jdk_ok() {
  # $1: a directory that might be a JDK home; true when it holds java and javac >= 21.
  local home=$1 major
  [ -n "$home" ] && [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 1
  major=$(vigie_java_major "$home/bin/java")
  [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null
}

vigie_find_jdk() {
  local candidate
  if vigie_jdk_ok "${JAVA_HOME:-}"; then
    return 0
  fi
  if command -v java >/dev/null 2>&1; then
    candidate=$(readlink -f "$(command -v java)")
    candidate=${candidate%/bin/java}
    if vigie_jdk_ok "$candidate"; then
      export JAVA_HOME=$candidate
      return 0
    fi
  fi
  # VIGIE_JVM_DIR: where installed JDKs live; tests point it elsewhere.
  for candidate in $(ls -d "${VIGIE_JVM_DIR:-/usr/lib/jvm}"/*/ 2>/dev/null | sort -rV); do
    candidate=${candidate%/}
    if vigie_jdk_ok "$candidate"; then
      export JAVA_HOME=$candidate
      return 0
    fi
  done
  echo "vigie: no JDK 21 or newer found (looked at JAVA_HOME, the java on PATH and /usr/lib/jvm/*); install one or set JAVA_HOME" >&2
  return 1
}
