package dev.tuner.profile;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One build's profile: where its hot path spent CPU time and where it allocated, from one flight
 * recording of its cases under replay.
 *
 * @param cpu execution samples, stacks starting at the user's code (the benchmark's and the
 *     harness's frames below it cut off)
 * @param alloc sampled allocation bytes, each stack ending in the allocated class ({@link
 *     #allocated})
 * @param gc the collector's pauses while recording
 * @param ownPackages the packages of the project's own classes (the build's class directories),
 *     which the frame table charges library and JDK time to; empty when unknown
 */
public record Profile(Stacks cpu, Stacks alloc, Gc gc, SortedSet<String> ownPackages) {

  /** The suffix of the frame that names what an allocation sample allocated. */
  public static final String ALLOCATED = " (allocated)";

  public Profile {
    ownPackages = new TreeSet<>(ownPackages);
  }

  public Profile(Stacks cpu, Stacks alloc, Gc gc, Set<String> ownPackages) {
    this(cpu, alloc, gc, new TreeSet<>(ownPackages));
  }

  /** The leaf frame of an allocation stack for a class ({@code byte[] (allocated)}). */
  public static String allocated(String type) {
    return type + ALLOCATED;
  }

  /**
   * Garbage collections while recording.
   *
   * @param collections how many
   * @param pauseMs their pauses, summed
   * @param longestPauseMs the longest single pause
   * @param recordedSeconds how long the recording ran (from its first event to its last)
   */
  public record Gc(int collections, double pauseMs, double longestPauseMs, double recordedSeconds) {

    public static final Gc NONE = new Gc(0, 0, 0, 0);

    /** The pauses' share of the recorded time, 0 when nothing was recorded. */
    public double pauseShare() {
      return recordedSeconds > 0 ? pauseMs / 1000 / recordedSeconds : 0;
    }

    public Gc plus(Gc other) {
      return new Gc(
          collections + other.collections,
          pauseMs + other.pauseMs,
          Math.max(longestPauseMs, other.longestPauseMs),
          recordedSeconds + other.recordedSeconds);
    }
  }

  /** Whether {@code frame} ({@code package.Class.method}) is the project's own code. */
  public boolean own(String frame) {
    return Frames.own(frame, ownPackages);
  }
}
