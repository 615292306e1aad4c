#!/usr/bin/env bash
# Sourced by ./vocalhost and the benchmark scripts: defines find_jdk, which prints a JDK >= 21.

java_version() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    awk -F'= ' '/java.specification.version/ { print $2 }' | cut -d. -f1
}

# JAVA_HOME when it is >= 21, else the newest JDK >= 21 found in the usual places.
find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(java_version "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    echo "$JAVA_HOME"; return 0
  fi
  local best="" best_version=0 candidate version
  local path_java; path_java=$(command -v javac 2>/dev/null || true)
  for candidate in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/* \
      "$HOME"/.jdks/* ${path_java:+"$(dirname "$(dirname "$(readlink -f "$path_java")")")"}; do
    [ -x "$candidate/bin/javac" ] || continue
    version=$(java_version "$candidate" 2>/dev/null || echo 0)
    if [ "${version:-0}" -ge 21 ] 2>/dev/null && [ "$version" -gt "$best_version" ]; then
      best=$candidate; best_version=$version
    fi
  done
  [ -n "$best" ] || return 1
  echo "$best"
}
