# async-profiler from the Maven repository (fetched once with
# `mvn dependency:get -Dartifact=tools.profiler:async-profiler:4.2`), attached to a running JVM
# with jcmd. Sourced by the benchmarks. (jcmd takes "a=b" as its own named argument unless the
# agent's options are quoted.)

# Unpacks the profiler's Linux library into folder $1 and prints its path.
profiler_library() {
  local jar
  jar=$(ls ~/.m2/repository/tools/profiler/async-profiler/*/async-profiler-*.jar | tail -1)
  unzip -q -o -j "$jar" linux-x64/libasyncProfiler.so -d "$1"
  echo "$1/libasyncProfiler.so"
}

# profiler_start <library> <pid> <event: itimer | alloc>
profiler_start() {
  "$JAVA_HOME/bin/jcmd" "$2" JVMTI.agent_load "$1" "\"start,event=$3\"" > /dev/null
}

# profiler_stop <library> <pid> <file.collapsed>
profiler_stop() {
  "$JAVA_HOME/bin/jcmd" "$2" JVMTI.agent_load "$1" "\"stop,collapsed,file=$3\"" > /dev/null
}

# profile_summary <file.collapsed> <area=regex>...: the share of samples by area (a sample counts
# in every area one of its frames belongs to, so areas overlap) and the hottest leaf frames.
profile_summary() {
  local collapsed=$1
  shift
  awk -v areas="$(printf '%s\n' "$@")" '
    BEGIN {
      n = split(areas, lines, "\n")
      for (i = 1; i <= n; i++) {
        if (lines[i] == "") continue
        eq = index(lines[i], "=")
        area[substr(lines[i], 1, eq - 1)] = substr(lines[i], eq + 1)
      }
    }
    {
      n = $NF; total += n; stack = substr($0, 1, length($0) - length($NF) - 1)
      for (a in area) if (stack ~ area[a]) sum[a] += n
      k = split(stack, frames, ";"); leaf[frames[k]] += n
    }
    END {
      printf "%d samples\n", total
      for (a in area) printf "%5.1f %%  %s\n", 100 * sum[a] / total, a | "sort -rn"
      close("sort -rn")
      print "hottest leaf frames:"
      for (f in leaf) printf "%5.1f %%  %s\n", 100 * leaf[f] / total, f | "sort -rn | head -15"
    }' "$collapsed"
}
