package dev.prep.runner.grade;

import java.util.List;

/**
 * The kind of worker JVM a grader needs; a worker of another kind is replaced, not reused.
 *
 * @param lincheck its own system class loader and a Java agent attached at run time (see {@link
 *     WorkerProcess#start})
 * @param fullJit all of HotSpot's compilers, C2 included: for graders whose wrong answers only show
 *     once the optimizing compiler hoists a plain read out of a loop. Other workers run C1 only,
 *     which starts faster.
 */
record WorkerKind(boolean lincheck, boolean fullJit) {

  static final WorkerKind DEFAULT = new WorkerKind(false, false);

  /** The options for this kind: the C1-only switch dropped for a full-JIT worker. */
  List<String> adapt(List<String> options) {
    return fullJit
        ? options.stream().filter(o -> !o.startsWith("-XX:TieredStopAtLevel=")).toList()
        : options;
  }
}
