# Shared by scripts/posterm and scripts/test: find a JDK 21+, find Maven, build what is missing.
# Sourced, not run.

POSTERM_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# The major version of the JDK at $1 (a JAVA_HOME), or nothing.
jdk_major() {
  local home=$1 v
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  fi
  if [ -z "$v" ]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)
  fi
  echo "$v"
}

# Sets JAVA_HOME to a JDK 21 or newer: JAVA_HOME first, then the newest under /usr/lib/jvm.
find_jdk() {
  local candidate best="" best_v=0 v
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(jdk_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then
      export JAVA_HOME; return 0
    fi
  fi
  for candidate in /usr/lib/jvm/*; do
    [ -L "$candidate" ] && continue
    v=$(jdk_major "$candidate")
    if [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then
      best=$candidate; best_v=$v
    fi
  done
  if [ -z "$best" ]; then
    echo "posterm needs a JDK 21 or newer. None found in JAVA_HOME (${JAVA_HOME:-unset}) or /usr/lib/jvm." >&2
    echo "Install one (Debian: apt-get install openjdk-21-jdk-headless) or point JAVA_HOME at it." >&2
    return 1
  fi
  export JAVA_HOME=$best
}

find_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "posterm builds with Apache Maven 3.8+, and 'mvn' is not on PATH." >&2
    echo "Install it (Debian: apt-get install maven)." >&2
    return 1
  fi
  # Maven's own Guava warns on JDK 24+ about sun.misc.Unsafe; the flag keeps the output readable.
  local v; v=$(jdk_major "$JAVA_HOME")
  if [ "$v" -ge 24 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
}

# The classpath file of the launcher: every module's jar and their runtime dependencies.
CLASSPATH_FILE="$POSTERM_HOME/target/posterm.classpath"

# Builds the jars (tests neither compiled nor run, no .deb: a launcher needs none) when a source or pom is newer than the last build.
build_if_needed() {
  local stamp="$POSTERM_HOME/target/.built"
  if [ -f "$stamp" ] && [ -f "$CLASSPATH_FILE" ] && \
     [ -z "$(find "$POSTERM_HOME" -path "$POSTERM_HOME/target" -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$stamp" -print -quit)" ]; then
    return 0
  fi
  echo "posterm: building (first run or sources changed)..." >&2
  mkdir -p "$POSTERM_HOME/target"
  (cd "$POSTERM_HOME" && mvn -B -q -Dstyle.color=never -Dmaven.test.skip=true -Djdeb.skip=true package \
      dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/runtime.classpath) >&2 || {
    echo "posterm: the build failed; see the messages above." >&2; return 1; }
  local cp="" m
  for m in config device-drivers receipt-printer simulator terminal-core; do
    cp="$cp:$POSTERM_HOME/$m/target/classes"
    [ -f "$POSTERM_HOME/$m/target/runtime.classpath" ] && cp="$cp:$(cat "$POSTERM_HOME/$m/target/runtime.classpath")"
  done
  echo "${cp#:}" > "$CLASSPATH_FILE"
  touch "$stamp"
}
