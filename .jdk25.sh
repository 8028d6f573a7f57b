# Finds a JDK 25 or newer; sourced by ./prep and .ci/run. Sets JAVA_HOME and PREP_JAVA, or explains.

# Prints the feature version (17, 25, ...) of the JDK whose java is $1, or nothing. Reads the JDK's
# release file (no JVM start); falls back to asking java itself.
prep_java_version() {
  local home="${1%/bin/java}" v=""
  [ -f "$home/release" ] && v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  [ -n "$v" ] || v=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1)
  echo "$v"
}

prep_find_jdk25() {
  local candidates=() c v best="" best_v=0 remembered="${PREP_JDK_FILE:-}"
  # the JDK found last time, if it is still there and JAVA_HOME does not name another
  if [ -n "$remembered" ] && [ -f "$remembered" ]; then
    c=$(cat "$remembered")
    if [ -z "${JAVA_HOME:-}" ] || [ "$JAVA_HOME" = "$c" ]; then
      v=$(prep_java_version "$c/bin/java")
      if [ -n "$v" ] && [ "$v" -ge 25 ] && [ -x "$c/bin/javac" ]; then
        export JAVA_HOME="$c"; PREP_JAVA="$c/bin/java"; return 0
      fi
    fi
  fi
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    c=$(command -v java); c=$(readlink -f "$c" 2>/dev/null || echo "$c"); candidates+=("${c%/bin/java}")
  fi
  for c in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/opt/openjdk*/libexec/openjdk.jdk/Contents/Home \
           /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/Library/Java/JavaVirtualMachines/*/Contents/Home \
           "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] && candidates+=("$c")
  done
  # JAVA_HOME or PATH win when they are 25+; otherwise the newest 25+ found
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    v=$(prep_java_version "$c/bin/java")
    [ -n "$v" ] && [ "$v" -ge 25 ] || continue
    if [ "$c" = "${JAVA_HOME:-}" ]; then best="$c"; best_v=1000; break; fi
    if [ "$v" -gt "$best_v" ]; then best="$c"; best_v="$v"; fi
  done
  if [ -z "$best" ]; then
    echo "Prep needs a JDK 25 and found none (JAVA_HOME, PATH, /usr/lib/jvm, SDKMAN, macOS JavaVirtualMachines): install one, e.g. 'sdk install java 25-tem' or Temurin 25 from https://adoptium.net, then run this again." >&2
    return 1
  fi
  export JAVA_HOME="$best"
  PREP_JAVA="$best/bin/java"
  if [ -n "$remembered" ]; then mkdir -p "$(dirname "$remembered")" && echo "$best" >"$remembered"; fi
}
